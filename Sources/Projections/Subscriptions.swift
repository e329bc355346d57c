import Domain

/// A followed feed as the log states it.
public struct Subscription: Hashable, Sendable {
  /// The URL fetched.
  public var url: String
  /// The group its documents are about, if the follower said.
  public var group: String?
  /// The language of its documents, if the follower said.
  public var language: String?
  /// The seq of the event that made it what it is (added, or last changed).
  public var seq: UInt64

  /// A subscription.
  public init(url: String, group: String?, language: String?, seq: UInt64) {
    self.url = url
    self.group = group
    self.language = language
    self.seq = seq
  }
}

/// The feeds followed: a pure fold of the `subscription.*` events (every other event is
/// ignored), in the order they were first followed.
public struct Subscriptions: Hashable, Sendable {
  /// The current subscriptions, oldest first.
  public private(set) var list: [Subscription] = []

  /// No subscriptions.
  public init() {}

  /// The fold of `events`.
  public init(events: some Sequence<RecordedEvent>) {
    for event in events { apply(event) }
  }

  /// The subscription to `url`, if it is followed.
  public subscript(url: String) -> Subscription? { list.first { $0.url == url } }

  /// Folds one event.
  public mutating func apply(_ recorded: RecordedEvent) {
    switch recorded.event {
    case .subscriptionAdded(let e):
      let added = Subscription(url: e.url, group: e.group, language: e.language, seq: recorded.seq)
      if let index = list.firstIndex(where: { $0.url == e.url }) {
        list[index] = added
      } else {
        list.append(added)
      }
    case .subscriptionChanged(let e):
      guard let index = list.firstIndex(where: { $0.url == e.url }) else { return }
      let url = e.movedTo ?? e.url
      // A move onto a URL already followed leaves one subscription, at the older place.
      if url != e.url, list.contains(where: { $0.url == url }) {
        list.remove(at: index)
        guard let kept = list.firstIndex(where: { $0.url == url }) else { return }
        list[kept] = Subscription(url: url, group: e.group, language: e.language, seq: recorded.seq)
        return
      }
      list[index] = Subscription(url: url, group: e.group, language: e.language, seq: recorded.seq)
    case .subscriptionRemoved(let e):
      list.removeAll { $0.url == e.url }
    case .documentIngested, .documentReextracted, .factCorrected, .documentRetracted, .captureRecorded:
      break
    }
  }
}
