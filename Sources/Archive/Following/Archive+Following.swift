import Domain
import EventLog
import Extraction
import Feeds
import Foundation
import JSONForm
import Projections
import StoredForm
import Stores

/// A followed feed and what the archive knows about fetching it.
public struct FollowedFeed: Hashable, Sendable {
  /// The subscription, as the log states it.
  public var subscription: Subscription
  /// Its fetch state (a feed never fetched has the default one: due now).
  public var state: FeedFetchState
}

/// What `follow` did.
public enum FollowOutcome: Hashable, Sendable {
  /// The feed was not followed; the `subscription.added` event's seq.
  case added(seq: UInt64)
  /// The feed was followed with other options; the `subscription.changed` event's seq.
  case changed(seq: UInt64)
  /// The feed was followed with these very options: nothing appended.
  case unchanged
}

/// What recording a capture did: the `capture.recorded` event's seq (nil only when the
/// append failed before it) and what became of the documents read from its body.
public struct CaptureIngest: Sendable {
  /// The seq of the `capture.recorded` event.
  public var seq: UInt64?
  /// The documents read from the body, as `ingest` reports them.
  public var report: IngestReport
}

/// Where a document ingested from a capture came from, for `show`.
public struct Provenance: Hashable, Sendable {
  /// The seq of the `capture.recorded` event.
  public var seq: UInt64
  /// The capture.
  public var capture: CaptureRecorded

  /// `fetched from URL (final URL) at TIME, HTTP 200, capture seq N`.
  public var sentence: String {
    let final = capture.finalURL == capture.requestedURL ? "" : " (\(capture.finalURL))"
    return "fetched from \(capture.requestedURL)\(final) at \(capture.fetchedAt), HTTP \(capture.status), "
      + "capture seq \(seq)"
  }

  /// `{"seq","requestedURL","finalURL","fetchedAt","status"}`.
  public var json: JSONValue {
    .object([
      ("seq", .int(Int(seq))), ("requestedURL", .string(capture.requestedURL)),
      ("finalURL", .string(capture.finalURL)), ("fetchedAt", .string(capture.fetchedAt.description)),
      ("status", .int(capture.status)),
    ])
  }
}

/// What may be followed: an http or https URL with a host, and a known group and language.
package enum FollowRules {
  /// The languages a subscription may name.
  package static let languages: Set<String> = ["en", "ar"]

  /// Why `url` cannot be followed, or nil.
  package static func problem(url: String) -> String? {
    if url.unicodeScalars.contains(where: { EventRules.isRefusedControl($0) || $0 == " " }) {
      return "a URL with spaces or control characters"
    }
    guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(),
      scheme == "http" || scheme == "https"
    else { return "not an http or https URL" }
    guard let host = parsed.host, !host.isEmpty else { return "a URL without a host" }
    return nil
  }

  /// Refuses a URL that cannot be followed, a group not in `groups`, a language not en/ar.
  static func check(url: String, group: String?, language: String?, groups: Set<String>) throws(ArchiveError)
  {
    if let problem = problem(url: url) { throw .usage("\(url): \(problem)") }
    if let group, !groups.contains(group) {
      throw .usage("unknown group \(group); groups: \(groups.sorted().joined(separator: ", "))")
    }
    if let language, !languages.contains(language) { throw .usage("language \(language): use en or ar") }
  }
}

extension Archive {
  /// The feeds followed, oldest first, each with its fetch state.
  public func subscriptions() throws(ArchiveError) -> [FollowedFeed] {
    do {
      return try log.read { reader in
        try Archive.subscriptions(in: reader).list.map { subscription in
          FollowedFeed(
            subscription: subscription,
            state: try fetchStates.state(of: subscription.url, in: reader.transaction) ?? FeedFetchState())
        }
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// The fold of the log's `subscription.*` events (only theirs are decoded).
  static func subscriptions(in reader: some LogReading) throws -> Subscriptions {
    var subscriptions = Subscriptions()
    let kinds: ClosedRange<UInt8> =
      EventType.subscriptionAdded.rawValue...EventType.subscriptionRemoved.rawValue
    try reader.forEach(from: 1, through: .max) { raw in
      if kinds.contains(raw.type) { subscriptions.apply(try Archive.decode(raw)) }
      return true
    }
    return subscriptions
  }

  /// Follows `url` (an http or https URL), with the group and language its documents are
  /// about when given: `subscription.added`, or `subscription.changed` when it is followed
  /// with other options; nothing when it is followed with these.
  public func follow(_ url: String, group: String? = nil, language: String? = nil) throws(ArchiveError)
    -> FollowOutcome
  {
    let groups = Set(try extractor().languageData.groupIDs)
    try FollowRules.check(url: url, group: group, language: language, groups: groups)
    do {
      return try log.write { writer -> FollowOutcome in
        let current = try Archive.subscriptions(in: writer)[url]
        if let current {
          guard current.group != group || current.language != language else { return .unchanged }
          let event = Event.subscriptionChanged(
            SubscriptionChanged(url: url, group: group, language: language, reason: "options changed"))
          return .changed(seq: try append(event, with: &writer))
        }
        let event = Event.subscriptionAdded(SubscriptionAdded(url: url, group: group, language: language))
        return .added(seq: try append(event, with: &writer))
      }
    } catch {
      throw .wrap(error, "following \(url) in \(path)")
    }
  }

  /// Stops following `url` (`subscription.removed`) and forgets its fetch state; its captures
  /// stay. A URL not followed is a usage error.
  @discardableResult
  public func unfollow(_ url: String, reason: String? = nil) throws(ArchiveError) -> UInt64 {
    do {
      return try log.write { writer -> UInt64 in
        guard try Archive.subscriptions(in: writer)[url] != nil else {
          throw ArchiveError.usage("\(url) is not followed (see follow --list)")
        }
        try fetchStates.delete(url, in: writer.transaction)
        return try append(.subscriptionRemoved(SubscriptionRemoved(url: url, reason: reason)), with: &writer)
      }
    } catch {
      throw .wrap(error, "unfollowing \(url) in \(path)")
    }
  }

  /// Moves the subscription to `url` to `newURL` after a permanent redirect (301 or 308,
  /// `status`): a `subscription.changed` naming both, and the fetch state moved with it.
  /// Nil, appending nothing, when `url` is not followed or the move changes nothing.
  @discardableResult
  public func moveSubscription(_ url: String, to newURL: String, status: Int) throws(ArchiveError) -> UInt64?
  {
    if let problem = FollowRules.problem(url: newURL) { throw .usage("\(newURL): \(problem)") }
    do {
      return try log.write { writer -> UInt64? in
        guard url != newURL, let current = try Archive.subscriptions(in: writer)[url] else { return nil }
        let state = try fetchStates.state(of: url, in: writer.transaction)
        try fetchStates.delete(url, in: writer.transaction)
        if let state { try fetchStates.save(state, for: newURL, in: writer.transaction) }
        let event = Event.subscriptionChanged(
          SubscriptionChanged(
            url: url, movedTo: newURL, group: current.group, language: current.language,
            reason: "permanent redirect (\(status))"))
        return try append(event, with: &writer)
      }
    } catch {
      throw .wrap(error, "moving the subscription \(url) in \(path)")
    }
  }

  /// The fetch state of `url`; the default (never fetched, due now) when none is stored.
  public func fetchState(of url: String) throws(ArchiveError) -> FeedFetchState {
    do {
      return try log.read { reader in try fetchStates.state(of: url, in: reader.transaction) }
        ?? FeedFetchState()
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// Changes the fetch state of `url` in one write transaction, `update` given the stored
  /// state (or the default) and returning the new one, which is stored and returned. Not an
  /// event: a 304 or a failure changes only this.
  @discardableResult
  public func updateFetchState(
    of url: String, _ update: (FeedFetchState) -> FeedFetchState
  ) throws(ArchiveError) -> FeedFetchState {
    do {
      return try log.environment.write { txn in
        let updated = update(try fetchStates.state(of: url, in: txn) ?? FeedFetchState())
        try fetchStates.save(updated, for: url, in: txn)
        return updated
      }
    } catch {
      throw .wrap(error, "saving the fetch state of \(url) in \(path)")
    }
  }

  /// Records `capture` (a `capture.recorded` event, its body stored once by SHA-256) and
  /// ingests the documents in it, all in one transaction, each document's event pointing at
  /// the capture. `decodedBody` is the body with its content coding (gzip, deflate) undone;
  /// it is read as `ingest` reads a file named by the final URL, its `Content-Type` charset
  /// the outer declaration (``EncodingDecision/Basis/http``). The capture is recorded even
  /// when nothing in it can be read (the report's rejections say why).
  public func recordCapture(_ capture: Capture, decodedBody: [UInt8]) throws(ArchiveError) -> CaptureIngest {
    let charset = capture.responseHeader("Content-Type").flatMap(InputReader.charset(ofContentType:))
    let body = decodedBody
    let input = Input(source: capture.finalURL, size: body.count, charset: charset) {
      guard body.count <= Archive.maxInputBytes else {
        throw ArchiveError.badInput(
          source: capture.finalURL,
          problem: "body of \(ByteSize.text(body.count)) exceeds the input limit of "
            + ByteSize.text(Archive.maxInputBytes))
      }
      return body
    }
    let recorded = CaptureInput(capture)
    let report = try ingest(
      [], dryRun: false, keepingItems: true, windowPlan: .standard, inputs: [input], capture: recorded)
    return CaptureIngest(seq: recorded.seq, report: report)
  }

  /// The body of a capture as received, by its `capture.recorded` event's seq.
  public func captureBody(seq: UInt64) throws(ArchiveError) -> [UInt8] {
    do {
      return try log.read { reader in
        guard let envelope = try reader.envelope(at: seq),
          case .captureRecorded(let e) = try Event(type: envelope.type, payload: envelope.data)
        else { throw ArchiveError.usage("event \(seq) is not a capture") }
        return try body(of: e, seq: seq, in: reader)
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// The stored body of capture `e` at `seq`; a missing or damaged one is a storage error naming it.
  func body(of e: CaptureRecorded, seq: UInt64, in reader: LogReader) throws -> [UInt8] {
    switch try captureBodies.body(e.bodySHA256, length: e.bodyLength, in: reader.transaction) {
    case .intact(let body): return body
    case .missing: throw LogError.unreadable(seq: seq, "capture body \(e.bodyName) is missing")
    case .damaged(let problem):
      throw LogError.unreadable(seq: seq, "capture body \(e.bodyName) is damaged: \(problem)")
    }
  }

  /// Each capture in the log, in order, with its body (for WARC), handed to `body` one at a time.
  public func forEachCapture(_ visit: (UInt64, Capture) throws -> Void) throws(ArchiveError) {
    do {
      try log.read { reader in
        try reader.forEach(from: 1, through: .max) { raw in
          guard raw.type == EventType.captureRecorded.rawValue,
            case .captureRecorded(let e) = try Archive.decode(raw).event
          else { return true }
          try visit(raw.seq, e.capture(body: try body(of: e, seq: raw.seq, in: reader)))
          return true
        }
      }
    } catch let error as ArchiveError {
      throw error
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// Where the document ingested at `seq` came from, when it was read from a capture.
  public func provenance(ofEventAt seq: UInt64) throws(ArchiveError) -> Provenance? {
    do {
      return try log.read { reader -> Provenance? in
        guard let envelope = try reader.envelope(at: seq),
          case .documentIngested(let e) = try Event(type: envelope.type, payload: envelope.data),
          let capture = e.capture, let captured = try reader.envelope(at: capture),
          case .captureRecorded(let c) = try Event(type: captured.type, payload: captured.data)
        else { return nil }
        return Provenance(seq: capture, capture: c)
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }
}
