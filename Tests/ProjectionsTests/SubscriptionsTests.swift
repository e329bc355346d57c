import Domain
import Projections
import Testing

/// The subscriptions fold: `subscription.*` events in log order, every other event ignored.
@Suite struct SubscriptionsTests {
  func fold(_ events: [Event]) -> Subscriptions {
    Subscriptions(
      events: events.enumerated().map {
        RecordedEvent(
          seq: UInt64($0.offset + 1), recordedAt: Timestamp(microseconds: Int64($0.offset)), event: $0.element
        )
      })
  }

  @Test func addChangeMoveAndRemoveGiveTheCurrentListInTheOrderFirstFollowed() {
    let a = "https://example.org/a"
    let b = "https://example.org/b"
    let moved = "https://example.org/a2"
    let subscriptions = fold([
      .subscriptionAdded(SubscriptionAdded(url: a, group: "cifg")),
      .subscriptionAdded(SubscriptionAdded(url: b, language: "ar")),
      .documentRetracted(DocumentRetracted(document: DocumentID(text: "x"), reason: "ignored")),
      .subscriptionChanged(SubscriptionChanged(url: a, group: "coalition", language: "en")),
      .subscriptionChanged(SubscriptionChanged(url: a, movedTo: moved, group: "coalition", language: "en")),
      .subscriptionChanged(SubscriptionChanged(url: "https://example.org/never", group: "cifg")),
    ])
    #expect(
      subscriptions.list == [
        Subscription(url: moved, group: "coalition", language: "en", seq: 5),
        Subscription(url: b, group: nil, language: "ar", seq: 2),
      ])
    let removed = fold([
      .subscriptionAdded(SubscriptionAdded(url: a)), .subscriptionRemoved(SubscriptionRemoved(url: a)),
    ])
    #expect(removed.list.isEmpty && removed[a] == nil)
  }

  @Test func aMoveOntoAFeedFollowedAlreadyLeavesOneSubscription() {
    let a = "https://example.org/a"
    let b = "https://example.org/b"
    let subscriptions = fold([
      .subscriptionAdded(SubscriptionAdded(url: a)), .subscriptionAdded(SubscriptionAdded(url: b)),
      .subscriptionChanged(SubscriptionChanged(url: a, movedTo: b, group: "cifg")),
    ])
    #expect(subscriptions.list == [Subscription(url: b, group: "cifg", language: nil, seq: 3)])
  }
}
