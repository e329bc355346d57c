import Crypto
import Domain
import EventLog
import LMDB
import StoredForm

/// The secondary indexes kept beside the log, written in the transaction of each append.
///
/// - `documents`: document digest (32 bytes) → seq of its `document.ingested` (8 bytes BE).
///   Re-ingesting a known text is a no-op because of it.
/// - `releases`: `0x01` + the first 16 bytes of SHA-256(guid), or `0x02` + those of
///   SHA-256(link) → seq (8 bytes BE) of the latest revision ingested under it. A known guid
///   or link with another text is a revision. Hashed, the keys stay short however long a
///   link is; the document's id is read from its event.
///
/// Lookups are checked, not trusted: the event an entry names must be the one looked for (a
/// document's id, a release's guid or link, are in its event). A damaged entry is passed
/// over for a scan of the log, so it never answers with another document.
package struct Indexes {
  package let documents: Database
  package let releases: Database
  /// The log's `events`, which every lookup checks its answer against.
  package let events: Database

  package init(environment: Environment, events: Database) throws {
    documents = try environment.database(named: "documents")
    releases = try environment.database(named: "releases")
    self.events = events
  }

  package static func releaseKeys(guid: String?, link: String?) -> [[UInt8]] {
    var keys: [[UInt8]] = []
    if let guid, !guid.isEmpty { keys.append(releaseKey(kind: 1, guid)) }
    if let link, !link.isEmpty { keys.append(releaseKey(kind: 2, link)) }
    return keys
  }

  private static func releaseKey(kind: UInt8, _ text: String) -> [UInt8] {
    [kind] + SHA256.hash(data: Array(text.utf8)).prefix(16)
  }

  /// The seq at which a document was ingested, if it was: the index's entry when the event it
  /// names ingested the document, else (a damaged entry) what a scan of the log finds.
  package func seq(of document: DocumentID, in txn: some ReadableTransaction) throws -> UInt64? {
    guard let seq = try txn.get(documents, key: document.digest).flatMap({ UInt64(bigEndianBytes: $0) })
    else { return nil }
    return try confirmed(document, at: seq, in: txn)
  }

  /// The seq the documents index holds for `document`, unchecked (for `verify`, which checks
  /// the index itself).
  package func indexedSeq(of document: DocumentID, in txn: some ReadableTransaction) throws -> UInt64? {
    try txn.get(documents, key: document.digest).flatMap { UInt64(bigEndianBytes: $0) }
  }

  /// `seq` when the event there ingested `document`, else the seq a scan of the log finds it
  /// ingested at (nil when none did).
  private func confirmed(_ document: DocumentID, at seq: UInt64, in txn: some ReadableTransaction) throws
    -> UInt64?
  {
    if try ingestedDocument(at: seq, in: txn) == document { return seq }
    var found: UInt64?
    try txn.forEach(events) { key, value in
      if Indexes.ingestedDocument(in: value) == document { found = UInt64(bigEndianBytes: key) }
      return found == nil
    }
    return found
  }

  /// The document the event at `seq` ingested; nil when there is no such event or it is of
  /// another type.
  package func ingestedDocument(at seq: UInt64, in txn: some ReadableTransaction) throws -> DocumentID? {
    try txn.withValue(events, key: seq.bigEndianBytes) { value in value.flatMap(Indexes.ingestedDocument) }
  }

  /// The document a stored `document.ingested` event names: its payload leads with its
  /// version byte, then the document's id.
  package static func ingestedDocument(in value: UnsafeRawBufferPointer) -> DocumentID? {
    let start = Envelope.headerSize + 1
    guard value.count >= start + 32, value[65] == EventType.documentIngested.rawValue else { return nil }
    return DocumentID(digest: Array(value[start..<start + 32]))
  }

  /// Up to `limit` documents ingested by `seq` whose `sha256:` id starts with `name`, with
  /// the seq of their ingestion: a range of the index, however many documents it holds.
  package func documents(
    named name: String, through seq: UInt64, limit: Int = 2, in txn: some ReadableTransaction
  ) throws -> [(id: DocumentID, seq: UInt64)] {
    guard name.hasPrefix("sha256:") else { return [] }
    let digits = name.dropFirst("sha256:".count)
    // The whole bytes the prefix names; an odd last digit is its byte's high half.
    let whole = digits.count & ~1
    guard digits.count <= 64, let prefix = Hex.decode(digits.prefix(whole)) else { return [] }
    let odd = digits.count == whole ? nil : Hex.decode(digits.suffix(1) + "0")?.first
    guard digits.count == whole || odd != nil else { return [] }
    var out: [(id: DocumentID, seq: UInt64)] = []
    try txn.forEach(documents, in: KeyRange(lower: prefix.isEmpty ? nil : prefix, upper: nil)) { key, value in
      guard key.starts(with: prefix) else { return false }
      if let odd, key.count > prefix.count, key[prefix.count] & 0xF0 != odd { return true }
      if let id = DocumentID(digest: Array(key)), let ingested = UInt64(bigEndianBytes: value) {
        out.append((id, ingested))
      }
      return out.count < limit
    }
    // Each checked once the walk is over (a scan of the log must not run inside it).
    return try out.compactMap { id, ingested in
      try confirmed(id, at: ingested, in: txn).flatMap { $0 <= seq ? (id, $0) : nil }
    }
  }

  /// The latest document ingested under the same guid or link, if any: the index's entry
  /// when its event is a document of that guid or link, else (a damaged entry) the latest
  /// one a scan of the log finds.
  package func previousRelease(
    guid: String?, link: String?, in txn: some ReadableTransaction
  ) throws -> DocumentID? {
    for key in Indexes.releaseKeys(guid: guid, link: link) {
      let kind = key[0]
      let name = kind == 1 ? guid : link
      guard let seq = try txn.get(releases, key: key).flatMap({ UInt64(bigEndianBytes: $0) }) else {
        continue
      }
      if let document = try releaseDocument(at: seq, in: txn),
        name == (kind == 1 ? document.guid : document.link)
      {
        return document.id
      }
      if let found = try latestRelease(kind: kind, name, in: txn) { return found }
    }
    return nil
  }

  /// The document ingested at `seq`, read without its text; nil when the event there is not
  /// a readable `document.ingested`.
  private func releaseDocument(at seq: UInt64, in txn: some ReadableTransaction) throws -> Document? {
    try txn.withValue(events, key: seq.bigEndianBytes) { value in
      guard let value, Indexes.ingestedDocument(in: value) != nil else { return nil }
      let payload = UnsafeRawBufferPointer(rebasing: value[Envelope.headerSize...])
      guard case .documentIngested(let e) = try? Event(type: value[65], payload: payload, text: .skip) else {
        return nil
      }
      return e.document
    }
  }

  /// The latest document of the log ingested with guid (`kind` 1) or link (2) `name`.
  private func latestRelease(kind: UInt8, _ name: String?, in txn: some ReadableTransaction) throws
    -> DocumentID?
  {
    var latest: DocumentID?
    try txn.forEach(events) { _, value in
      guard Indexes.ingestedDocument(in: value) != nil,
        case .documentIngested(let e) = try? Event(
          type: value[65], payload: UnsafeRawBufferPointer(rebasing: value[Envelope.headerSize...]),
          text: .skip)
      else { return true }
      if name == (kind == 1 ? e.document.guid : e.document.link) { latest = e.document.id }
      return true
    }
    return latest
  }

  /// Records what an appended event adds to the indexes.
  package func record(_ event: Event, seq: UInt64, in txn: WriteTransaction) throws {
    guard case .documentIngested(let e) = event else { return }
    try txn.put(documents, key: e.document.id.digest, value: seq.bigEndianBytes)
    for key in Indexes.releaseKeys(guid: e.document.guid, link: e.document.link) {
      try txn.put(releases, key: key, value: seq.bigEndianBytes)
    }
  }

  /// Whether `releases` holds keys of the earlier layout (see ``upgradeReleases(in:log:)``).
  package func holdsOlderReleaseKeys(in txn: some ReadableTransaction) throws -> Bool {
    try txn.withCursor(releases) { cursor in try cursor.seek(atLeast: [0x03]) != nil }
  }

  /// Rewrites `releases` from the log when it holds keys of the earlier layout (`guid:` or
  /// `link:` + the text, valued with the digest), which lookups would no longer find;
  /// returns whether it did. Such keys begin with a letter, every current key with 1 or 2.
  package func upgradeReleases(in txn: WriteTransaction, log: EventLog) throws -> Bool {
    guard try holdsOlderReleaseKeys(in: txn) else { return false }
    try txn.clear(releases)
    var failure: (any Error)?
    try txn.forEach(log.events) { key, value in
      do {
        guard let seq = UInt64(bigEndianBytes: key), value.count > Envelope.headerSize else {
          throw LogError.unreadable(seq: 0, "an event too short to read while rebuilding the releases index")
        }
        let type = value[65]
        guard type == EventType.documentIngested.rawValue else { return true }
        let data = UnsafeRawBufferPointer(rebasing: value[Envelope.headerSize...])
        try record(try Event(type: type, payload: data, text: .skip), seq: seq, in: txn)
        return true
      } catch {
        failure = error
        return false
      }
    }
    if let failure { throw failure }
    return true
  }
}
