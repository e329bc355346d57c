import Domain
import EventLog
import LMDB

/// The events the views can depend on, kept beside the log so that a read folds those alone.
///
/// A press archive is mostly releases that state no meeting, count or theme; such a release
/// changes no view unless something else names it. So the timeline, the membership history
/// and the theme statistics at any `--known-at N` equal the views of a fold of only the
/// events in this set up to `N`, however long the log (`ViewEventsTests` checks it against
/// the whole fold). A seq is in the set when its event is
/// - a `document.ingested` that states any fact, revises a document, or carries an id already
///   ingested (it would replace that row);
/// - a `document.reextracted`, `fact.corrected` or `document.retracted`: and then so is the
///   ingestion of the document it names (a correction can give facts to a release that had
///   none);
/// - the ingestion a revision revises, so every revision chain is held whole (which revision
///   stands depends on all of them).
///
/// Database `view-events`: key seq (8 bytes, big-endian), empty value; key 0 (8 zero bytes)
/// marks a set kept since the first event. An archive written before the set existed has no
/// mark until a writable open fills the set from the log; reads fold the whole state until
/// then. Holding more than these events is always correct, only slower.
struct ViewEvents {
  let database: Database?

  /// The key marking a set kept since the first event.
  static let keptMark = [UInt8](repeating: 0, count: 8)

  init(environment: Environment) throws {
    database = try environment.databaseIfPresent(named: "view-events")
  }

  /// Whether the set is complete, so a read may fold only its events.
  func isKept(in txn: some ReadableTransaction) throws -> Bool {
    guard let database else { return false }
    return try txn.withValue(database, key: ViewEvents.keptMark) { $0 != nil }
  }

  /// Adds what an appended event brings to the set; `ingestedAt` is the documents index as
  /// it was before this event (the seq of a document's latest ingestion). Returns the
  /// earliest earlier seq it added, if any: a view snapshot at or after it has not folded
  /// that event, and is no longer a fold of the set.
  @discardableResult
  func record(
    _ event: Event, seq: UInt64, in txn: WriteTransaction, ingestedAt: (DocumentID) throws -> UInt64?
  ) throws -> UInt64? {
    guard let database else { return nil }
    var earliest: UInt64?
    for member in try ViewEvents.members(added: event, seq: seq, ingestedAt: ingestedAt) {
      let key = member.bigEndianBytes
      if member < seq, try txn.withValue(database, key: key, { $0 == nil }) {
        earliest = min(earliest ?? member, member)
      }
      try txn.put(database, key: key, value: [])
    }
    return earliest
  }

  /// The seqs an event at `seq` adds to the set (none for a release that states nothing).
  static func members(
    added event: Event, seq: UInt64, ingestedAt: (DocumentID) throws -> UInt64?
  ) throws -> [UInt64] {
    switch event {
    case .documentIngested(let e):
      var out: [UInt64] = []
      if let revised = e.revises, let earlier = try ingestedAt(revised) { out.append(earlier) }
      let reingested = try ingestedAt(e.document.id) != nil
      if e.revises != nil || e.facts.statesAnything || reingested { out.append(seq) }
      return out
    case .documentReextracted(let e): return try [ingestedAt(e.document), seq].compactMap { $0 }
    case .documentRetracted(let e): return try [ingestedAt(e.document), seq].compactMap { $0 }
    case .factCorrected(let e):
      let target = try DocumentID(e.target).flatMap(ingestedAt)
      return [target, seq].compactMap { $0 }
    }
  }

  /// Marks an empty set as kept from the first event (a new archive's).
  func markKept(in txn: WriteTransaction) throws {
    guard let database else { return }
    try txn.put(database, key: ViewEvents.keptMark, value: [])
  }

  /// Fills the set from the whole log and marks it kept (an archive written before the set
  /// existed, on its first writable open); view snapshots must then be dropped.
  func fill(in txn: WriteTransaction, log: EventLog) throws {
    guard let database else { return }
    try txn.clear(database)
    // The documents index as it stood before each event.
    var ingested: [DocumentID: UInt64] = [:]
    var failure: (any Error)?
    try txn.forEach(log.events) { key, value in
      do {
        guard let seq = UInt64(bigEndianBytes: key), value.count > Envelope.headerSize else {
          throw LogError.unreadable(seq: 0, "an event too short to read while filling the view-events set")
        }
        let data = UnsafeRawBufferPointer(rebasing: value[Envelope.headerSize...])
        let event = try Event(type: value[65], payload: data, text: .skip)
        try record(event, seq: seq, in: txn) { ingested[$0] }
        if case .documentIngested(let e) = event { ingested[e.document.id] = seq }
        return true
      } catch {
        failure = error
        return false
      }
    }
    if let failure { throw failure }
    try markKept(in: txn)
  }

  /// The set's seqs after `start` through `seq`, in order; nil when it is not kept or holds
  /// more than `limit` of them (a fold from a snapshot is then the cheaper read).
  func seqs(
    after start: UInt64, through seq: UInt64, limit: Int, in txn: some ReadableTransaction
  ) throws -> [UInt64]? {
    guard let database, try isKept(in: txn) else { return nil }
    guard start < seq else { return [] }
    var out: [UInt64] = []
    var overLimit = false
    try txn.forEach(
      database,
      in: KeyRange(lower: (start + 1).bigEndianBytes, upper: seq.bigEndianBytes, includesUpper: true)
    ) { key, _ in
      guard out.count < limit, let member = UInt64(bigEndianBytes: key) else {
        overLimit = true
        return false
      }
      out.append(member)
      return true
    }
    return overLimit ? nil : out
  }

  /// Every seq in the set, the mark left out (for `verify`).
  func all(in txn: some ReadableTransaction) throws -> Set<UInt64> {
    guard let database else { return [] }
    var out = Set<UInt64>()
    try txn.forEach(database) { key, _ in
      if let seq = UInt64(bigEndianBytes: key), seq > 0 { out.insert(seq) }
      return true
    }
    return out
  }
}

extension Facts {
  /// Whether any fact a view reads is stated: a meeting field, a chair, a count or a theme.
  var statesAnything: Bool {
    group != nil || ordinal != nil || start != nil || end != nil || city != nil || country != nil
      || virtual != nil || !chairs.isEmpty || !counts.isEmpty || !themes.isEmpty
  }
}
