import Codecs
import Domain
import EventLog
import LMDB
import StoredForm

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
/// Database `view-events`, a bitmap in blocks of 4,096 seqs: key the block's number
/// (seq >> 12, 8 bytes big-endian), value 512 bytes whose bit `seq & 4095` (byte `i >> 3`,
/// bit `i & 7` from the least significant) is set for a member, then the CRC-32 of the block's
/// key and bits (4 bytes, big-endian; 8 bytes of a checksum of our own in blocks written before,
/// still read); key `kept` (ASCII) marks a set kept since the first event. A bit an event, not
/// a key: the set costs an archive of statements about 1/8,000 of its events' bytes, and a
/// read walks 512 bytes per 4,096 events.
///
/// Holding more than these events is always correct, only slower. A damaged block makes reads
/// fold the whole state (slower, never different), and the next append that meets it drops
/// the mark. An archive without the mark (written before the set existed, or so damaged) has
/// its set filled from the log on its next writable open; until then reads fold the whole
/// state.
package struct ViewEvents {
  package let database: Database?

  /// The key marking a set kept since the first event.
  package static let keptMark = Array("kept".utf8)
  /// Seqs a block covers, and its bytes.
  package static let blockSeqs: UInt64 = 4096
  package static let blockBytes = 512

  package init(environment: Environment) throws {
    database = try environment.databaseIfPresent(named: "view-events")
  }

  /// Whether the set is complete, so a read may fold only its events.
  package func isKept(in txn: some ReadableTransaction) throws -> Bool {
    guard let database else { return false }
    return try txn.withValue(database, key: ViewEvents.keptMark) { $0 != nil }
  }

  /// Adds what an appended event brings to the set; `ingestedAt` is the documents index as
  /// it was before this event (the seq of a document's latest ingestion). Returns the
  /// earliest earlier seq it added, if any: a view snapshot at or after it has not folded
  /// that event, and is no longer a fold of the set.
  @discardableResult
  package func record(
    _ event: Event, seq: UInt64, in txn: WriteTransaction, ingestedAt: (DocumentID) throws -> UInt64?
  ) throws -> UInt64? {
    guard database != nil else { return nil }
    var earliest: UInt64?
    for member in try ViewEvents.members(added: event, seq: seq, ingestedAt: ingestedAt) {
      if try insert(member, in: txn), member < seq { earliest = min(earliest ?? member, member) }
    }
    return earliest
  }

  /// Sets a member's bit; returns whether it was not set.
  private func insert(_ member: UInt64, in txn: WriteTransaction) throws -> Bool {
    guard let database else { return false }
    let number = member / ViewEvents.blockSeqs
    let key = number.bigEndianBytes
    let bit = Int(member % ViewEvents.blockSeqs)
    let stored = try txn.withValue(database, key: key) { value in
      value.map {
        (bitmap: Array($0.prefix(ViewEvents.blockBytes)), intact: ViewEvents.isIntact($0, number: number))
      }
    }
    if stored?.intact == false {
      // Its other bits cannot be trusted: the set is no longer kept, and is filled again.
      _ = try txn.delete(database, key: ViewEvents.keptMark)
      return false
    }
    var block = stored?.bitmap ?? [UInt8](repeating: 0, count: ViewEvents.blockBytes)
    let mask = UInt8(1) << UInt8(bit & 7)
    guard block[bit >> 3] & mask == 0 else { return false }
    block[bit >> 3] |= mask
    try txn.put(database, key: key, value: ViewEvents.sealed(block, number: number))
    return true
  }

  /// A block's bitmap as stored: followed by its checksum.
  package static func sealed(_ bitmap: [UInt8], number: UInt64) -> [UInt8] {
    bitmap + CRC32.bytes(bitmap.withUnsafeBytes { checksum(of: $0, number: number) })
  }

  /// Whether a stored block has a bitmap's size and the checksum of its bits and number: the
  /// CRC-32, or in a block written before it (8 bytes longer) the checksum of our own.
  package static func isIntact(_ value: UnsafeRawBufferPointer, number: UInt64) -> Bool {
    let bitmap = UnsafeRawBufferPointer(rebasing: value.prefix(blockBytes))
    switch value.count {
    case blockBytes + 4:
      return CRC32.stored(in: value, at: blockBytes) == checksum(of: bitmap, number: number)
    case blockBytes + 8:
      return UInt64(littleEndian: value.loadUnaligned(fromByteOffset: blockBytes, as: UInt64.self))
        == legacyChecksum(of: bitmap, number: number)
    default: return false
    }
  }

  /// The CRC-32 of a block's key (its number, 8 bytes big-endian) and bitmap: bound to the
  /// key, so a block copied under another key is damage too.
  package static func checksum(of bitmap: UnsafeRawBufferPointer, number: UInt64) -> UInt32 {
    let key = number.bigEndianBytes.withUnsafeBytes { CRC32.checksum($0) }
    return CRC32.checksum(bitmap, continuing: key)
  }

  /// The checksum of blocks written before CRC-32 (docs/FORMAT.md keeps its definition):
  /// read, never written, so archives written then still open and verify.
  package static func legacyChecksum(of bitmap: UnsafeRawBufferPointer, number: UInt64) -> UInt64 {
    let k: UInt64 = 0x9E37_79B9_7F4A_7C15
    var lanes: [UInt64] = [1, 2, 3, 4]
    var at = 0
    while at + 32 <= bitmap.count {
      for i in 0..<4 {
        let word = UInt64(littleEndian: bitmap.loadUnaligned(fromByteOffset: at + 8 * i, as: UInt64.self))
        lanes[i] = (lanes[i] ^ word) &* k
        lanes[i] ^= lanes[i] >> 29
      }
      at += 32
    }
    var h = UInt64(bitmap.count) &* k
    for lane in lanes { h = (h ^ lane) &* 0xBF58_476D_1CE4_E5B9 }
    while at < bitmap.count {
      h = (h ^ UInt64(bitmap[at])) &* 0x94D0_49BB_1331_11EB
      at += 1
    }
    return (h ^ (h >> 31)) ^ (number &* k)
  }

  /// The first seq of the first damaged block, if any (for `verify`).
  package func firstDamagedBlock(in txn: some ReadableTransaction) throws -> UInt64? {
    guard let database else { return nil }
    var damaged: UInt64?
    try txn.forEach(database) { key, value in
      guard key.count == 8, let number = UInt64(bigEndianBytes: key) else { return true }
      if !ViewEvents.isIntact(value, number: number) { damaged = number * ViewEvents.blockSeqs }
      return damaged == nil
    }
    return damaged
  }

  /// The seqs an event at `seq` adds to the set (none for a release that states nothing).
  package static func members(
    added event: Event, seq: UInt64, ingestedAt: (DocumentID) throws -> UInt64?
  ) throws -> [UInt64] {
    switch event {
    case .documentIngested(let e):
      var out: [UInt64] = []
      if let revised = e.revises, let earlier = try ingestedAt(revised) { out.append(earlier) }
      // A lookup only for a release that states nothing (the index is asked on every append).
      if try e.revises != nil || e.facts.statesAnything || ingestedAt(e.document.id) != nil {
        out.append(seq)
      }
      return out
    case .documentReextracted(let e): return try [ingestedAt(e.document), seq].compactMap { $0 }
    case .documentRetracted(let e): return try [ingestedAt(e.document), seq].compactMap { $0 }
    case .factCorrected(let e):
      let target = try DocumentID(e.target).flatMap(ingestedAt)
      return [target, seq].compactMap { $0 }
    case .subscriptionAdded, .subscriptionChanged, .subscriptionRemoved, .captureRecorded:
      return []
    }
  }

  /// Marks the set as kept since the first event.
  private func markKept(in txn: WriteTransaction) throws {
    guard let database else { return }
    try txn.put(database, key: ViewEvents.keptMark, value: [])
  }

  /// Fills the set from the whole log and marks it kept (an archive written before the set
  /// existed, on its first writable open); view snapshots must then be dropped.
  package func fill(in txn: WriteTransaction, log: EventLog) throws {
    guard let database else { return }
    try txn.clear(database)
    // The documents index as it stood before each event.
    var ingested: [DocumentID: UInt64] = [:]
    var blocks: [UInt64: [UInt8]] = [:]
    var failure: (any Error)?
    try txn.forEach(log.events) { key, value in
      do {
        guard let seq = UInt64(bigEndianBytes: key), value.count > Envelope.headerSize else {
          throw LogError.unreadable(seq: 0, "an event too short to read while filling the view-events set")
        }
        let data = UnsafeRawBufferPointer(rebasing: value[Envelope.headerSize...])
        let event = try Event(type: value[65], payload: data, text: .skip)
        for member in try ViewEvents.members(added: event, seq: seq, ingestedAt: { ingested[$0] }) {
          let bit = Int(member % ViewEvents.blockSeqs)
          blocks[member / ViewEvents.blockSeqs, default: [UInt8](repeating: 0, count: ViewEvents.blockBytes)][
            bit >> 3] |= UInt8(1) << UInt8(bit & 7)
        }
        if case .documentIngested(let e) = event { ingested[e.document.id] = seq }
        return true
      } catch {
        failure = error
        return false
      }
    }
    if let failure { throw failure }
    for (number, block) in blocks.sorted(by: { $0.key < $1.key }) {
      try txn.put(database, key: number.bigEndianBytes, value: ViewEvents.sealed(block, number: number))
    }
    try markKept(in: txn)
  }

  /// The set's seqs after `start` through `seq`, in order; nil when it is not kept, holds
  /// more than `limit` of them (a fold from a snapshot is then the cheaper read), or a block
  /// of them is damaged.
  package func seqs(
    after start: UInt64, through seq: UInt64, limit: Int, in txn: some ReadableTransaction
  ) throws -> [UInt64]? {
    guard let database, try isKept(in: txn) else { return nil }
    guard start < seq else { return [] }
    var out: [UInt64] = []
    var unusable = false
    let range = KeyRange(
      lower: ((start + 1) / ViewEvents.blockSeqs).bigEndianBytes,
      upper: (seq / ViewEvents.blockSeqs).bigEndianBytes, includesUpper: true)
    try txn.forEach(database, in: range) { key, block in
      guard key.count == 8, let number = UInt64(bigEndianBytes: key) else { return true }
      guard ViewEvents.isIntact(block, number: number) else {
        unusable = true  // not to be trusted: the caller folds the whole state
        return false
      }
      let base = number * ViewEvents.blockSeqs
      // Eight bytes at a time: most words of a press archive's blocks are zero.
      for word in 0..<ViewEvents.blockBytes / 8 {
        var bits = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self))
        while bits != 0 {
          let member = base + UInt64(word * 64 + bits.trailingZeroBitCount)
          bits &= bits - 1
          guard member > start else { continue }
          guard member <= seq else { return false }
          guard out.count < limit else {
            unusable = true
            return false
          }
          out.append(member)
        }
      }
      return true
    }
    return unusable ? nil : out
  }

  /// Every seq in the set (for `verify`).
  package func all(in txn: some ReadableTransaction) throws -> Set<UInt64> {
    Set(try seqs(after: 0, through: .max - 1, limit: .max, in: txn) ?? [])
  }
}

extension Facts {
  /// Whether any fact a view reads is stated: a meeting field, a chair, a count or a theme.
  package var statesAnything: Bool {
    group != nil || ordinal != nil || start != nil || end != nil || city != nil || country != nil
      || virtual != nil || !chairs.isEmpty || !counts.isEmpty || !themes.isEmpty
  }
}
