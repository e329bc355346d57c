import Domain
import EventLog
import Extraction
import Foundation
import JSONForm
import Projections
import StoredForm
import Stores

extension Archive {
  /// Every event up to `knownAt` (all when nil), decoded, in log order.
  public func events(knownAt: KnownAt? = nil) throws(ArchiveError) -> [RecordedEvent] {
    var out: [RecordedEvent] = []
    do {
      try log.read { reader in
        try reader.forEach { raw in
          guard knownAt?.includes(seq: raw.seq, recordedAt: raw.recordedAt) ?? true else { return false }
          out.append(try Archive.decode(raw))
          return true
        }
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    return out
  }

  /// Decodes an event in place; `text: .skip` for folds, which never read document texts
  /// (nor the quotes a stored form leaves out for being exactly the text at their range).
  static func decode(_ raw: RawEnvelope, text: Event.TextDecoding = .read) throws -> RecordedEvent {
    do {
      let event = try Event(type: raw.type, payload: raw.data, text: text)
      return RecordedEvent(seq: raw.seq, recordedAt: Timestamp(microseconds: raw.recordedAt), event: event)
    } catch {
      throw LogError.unreadable(seq: raw.seq, "\(error)")
    }
  }

  /// The projections of a state: timeline, membership, themes.
  public func view(_ spec: StateSpec = StateSpec()) throws(ArchiveError) -> ArchiveView {
    try view(spec, onTwoCores: true)
  }

  /// ``view(_:)``, its timeline and membership history built side by side or not.
  func view(_ spec: StateSpec, onTwoCores: Bool) throws(ArchiveError) -> ArchiveView {
    let kinds = themeKinds
    return ArchiveView(
      state: try viewState(knownAt: spec.knownAt), asOf: spec.asOf, themeKinds: kinds, onTwoCores: onTwoCores)
  }

  /// One line of `log`: an event's envelope and a summary of what it did.
  public struct LogEntry: Sendable {
    /// The seq.
    public var seq: UInt64
    /// The contract's type name.
    public var type: String
    /// When it was recorded.
    public var recordedAt: Timestamp
    /// The chain hash, hex.
    public var hash: String
    /// The previous hash, hex.
    public var prev: String
    /// What the event did, in a few words.
    public var summary: String

    /// The contract's `log --json` element.
    public var json: JSONValue {
      .object([
        ("seq", .int(Int(seq))), ("type", .string(type)), ("recordedAt", .string(recordedAt.description)),
        ("hash", .string(hash)), ("prev", .string(prev)), ("summary", .string(summary)),
      ])
    }
  }

  /// The events up to `knownAt`, each summarized.
  public func logEntries(knownAt: KnownAt? = nil) throws(ArchiveError) -> [LogEntry] {
    var out: [LogEntry] = []
    do {
      try log.read { reader in
        try refuseBeyondHead(knownAt, in: reader)
        try reader.forEach { raw in
          guard knownAt?.includes(seq: raw.seq, recordedAt: raw.recordedAt) ?? true else { return false }
          let recorded = try Archive.decode(raw)
          out.append(
            LogEntry(
              seq: raw.seq, type: recorded.event.type.name, recordedAt: recorded.recordedAt,
              hash: Hex.encode(raw.hash), prev: Hex.encode(raw.prev), summary: recorded.event.summary))
          return true
        }
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    return out
  }

  /// One event whole, by seq or by document id (its `document.ingested`), as JSON.
  /// With `knownAt`, an event recorded after that point is not shown: the archive did not
  /// hold it then.
  public func show(_ target: String, knownAt: KnownAt? = nil) throws(ArchiveError) -> JSONValue {
    do {
      return try log.read { reader in
        let seq = try eventSeq(target, in: reader)
        guard let envelope = try reader.envelope(at: seq) else {
          throw ArchiveError.usage("no event \(seq) in the archive")
        }
        if let knownAt, seq > (try bound(knownAt, in: reader)) {
          throw ArchiveError.usage(
            "event \(seq) was recorded after \(knownAt): the archive did not hold it then")
        }
        return try withProvenance(withUnstated(Archive.json(of: envelope), envelope), envelope, reader)
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// `show`'s event with, for a document read by this extractor, why its empty fields are
  /// empty (`"unstated":{"start":"a day without a year …"}`).
  private func withUnstated(_ json: JSONValue, _ envelope: Envelope) throws -> JSONValue {
    guard case .object(let fields) = json,
      case .documentIngested(let e) = try Event(type: envelope.type, payload: envelope.data)
    else { return json }
    let reasons = try extractor().unstated(in: e.document, facts: e.facts)
    guard !reasons.isEmpty else { return json }
    return .object(fields + [("unstated", .object(reasons.map { ($0.field, .string($0.reason)) }))])
  }

  /// `show`'s event with, for a document read from a capture, where and when it was fetched
  /// (`"provenance":{"summary":"fetched from … capture seq N","seq":…,…}`).
  private func withProvenance(_ json: JSONValue, _ envelope: Envelope, _ reader: LogReader) throws
    -> JSONValue
  {
    guard case .object(let fields) = json,
      case .documentIngested(let e) = try Event(type: envelope.type, payload: envelope.data),
      let seq = e.capture, let captured = try reader.envelope(at: seq),
      case .captureRecorded(let capture) = try Event(type: captured.type, payload: captured.data)
    else { return json }
    let provenance = Provenance(seq: seq, capture: capture)
    guard case .object(let details) = provenance.json else { return json }
    return .object(fields + [("provenance", .object([("summary", .string(provenance.sentence))] + details))])
  }

  /// An envelope as `show` and the export write it: `seq type recordedAt data prev hash`.
  ///
  /// With `carried` (the export), the first event whose text is compressed against a
  /// dictionary not in it also carries that dictionary, which is then added.
  ///
  /// `body`, the body of a capture (the export), is carried base64 as `"body"` before `prev`.
  static func json(of envelope: Envelope, carried: inout Set<UInt32>?, body: [UInt8]? = nil) throws
    -> JSONValue
  {
    guard let type = EventType(rawValue: envelope.type) else {
      throw LogError.unreadable(seq: envelope.seq, "unknown event type \(envelope.type)")
    }
    let event = try Event(type: envelope.type, payload: envelope.data)
    let stored = try envelope.data.withUnsafeBytes {
      try Event.storedTextFrame(type: envelope.type, payload: $0)
    }
    var fields: [(String, JSONValue)] = [
      ("seq", .int(Int(envelope.seq))),
      ("type", .string(type.name)),
      ("recordedAt", .string(Timestamp(microseconds: envelope.recordedAt).description)),
      ("data", event.json),
    ]
    // The compressed text as stored, so an import anywhere stores the very bytes hashed.
    if let stored { fields.append(("textFrame", .string(Data(stored.frame).base64EncodedString()))) }
    if let id = stored?.dictionary { fields.append(("textFrameDictionary", .int(Int(id)))) }
    if let id = stored?.dictionary, carried?.contains(id) == false {
      // The text decoded above, so the process holds its dictionary.
      guard let dictionary = TextDictionaries.shared.dictionary(id: id) else {
        throw LogError.unreadable(seq: envelope.seq, "text dictionary \(id) is missing")
      }
      fields.append(("textDictionary", .string(Data(dictionary.bytes).base64EncodedString())))
      carried?.insert(id)
    }
    if let body { fields.append(("body", .string(Data(body).base64EncodedString()))) }
    fields += [("prev", .string(Hex.encode(envelope.prev))), ("hash", .string(Hex.encode(envelope.hash)))]
    return .object(fields)
  }

  /// An envelope as `show` writes it (see ``json(of:carried:)``).
  static func json(of envelope: Envelope) throws -> JSONValue {
    var carried: Set<UInt32>? = nil
    return try json(of: envelope, carried: &carried)
  }
}

extension Event {
  /// A few words saying what the event did, for `log`.
  public var summary: String {
    switch self {
    case .documentIngested(let e):
      let d = e.document
      let what = e.facts.statesMeeting ? e.facts.meetingID ?? "a meeting" : "no meeting found"
      let revision = e.revises.map { ", revises \($0.short)" } ?? ""
      return "\(d.id.short) \(d.language) \(d.published.map(\.description) ?? "undated"): \(what)"
        + "\(revision) — \(d.title ?? d.source)"
    case .documentReextracted(let e):
      return "\(e.document.short) re-extracted by \(e.facts.extractor)"
    case .factCorrected(let e):
      let changes = e.changes.map { "\($0.field)=\($0.value ?? "null")" }.joined(separator: " ")
      return "\(e.target): \(changes) — \(e.reason)"
    case .documentRetracted(let e):
      return "\(e.document.short) retracted — \(e.reason)"
    case .subscriptionAdded(let e):
      return "followed \(e.url)" + Event.options(group: e.group, language: e.language)
    case .subscriptionChanged(let e):
      let moved = e.movedTo.map { " moved to \($0)" } ?? ""
      return "\(e.url)\(moved)" + Event.options(group: e.group, language: e.language)
        + (e.reason.map { " — \($0)" } ?? "")
    case .subscriptionRemoved(let e):
      return "unfollowed \(e.url)" + (e.reason.map { " — \($0)" } ?? "")
    case .captureRecorded(let e):
      let url = e.finalURL == e.requestedURL ? e.finalURL : "\(e.requestedURL) → \(e.finalURL)"
      return "HTTP \(e.status) \(url), \(e.bodyLength) bytes \(Hex.encode(e.bodySHA256.prefix(6)))"
    }
  }

  /// ` (group G, language L)` for the options set, else nothing.
  static func options(group: String?, language: String?) -> String {
    let set = [group.map { "group \($0)" }, language.map { "language \($0)" }].compactMap { $0 }
    return set.isEmpty ? "" : " (" + set.joined(separator: ", ") + ")"
  }
}

extension Facts {
  /// The meeting id these facts name: `GROUP-ORDINAL`, else `GROUP-START`.
  public var meetingID: String? {
    guard let group = group?.value else { return nil }
    if let ordinal = ordinal?.value { return "\(group)-\(ordinal)" }
    if let start = start?.value { return "\(group)-\(start)" }
    return nil
  }
}
