// The document index prefetches its own slots (a fold's main cache miss): nothing of the
// stored form, so the hint stays with the index.
import CPrefetch
import Domain
import StoredForm

/// The state's documents: one compact row each, in the order ingested, an index by id, and
/// the texts and counts the rows name.
///
/// Reads like a dictionary from id to ``SourceRecord`` (`sources[id]`, `keys`, `values`,
/// `count`); records are built from rows when asked for. A row holds no string and no
/// array — its texts are places in ``texts``, its counts a run of ``counts`` — so a fold of
/// a million documents costs their rows and little more, and copying a row retains nothing.
public struct SourceTable: Sendable {
  /// The rows, in the order their documents were first ingested.
  package private(set) var rows: [SourceRow] = []
  /// Languages, groups, places, chair and theme lists.
  package private(set) var texts = TextPool()
  /// The quotes of counts, which `members` shows.
  package private(set) var quotes = TextPool()
  /// Every row's counts; a row's are the run at its ``FactRow/countsStart``. A re-extraction
  /// adds a new run and leaves the old one unused.
  private(set) var counts: [CountRow] = []
  /// Retractions, by row.
  package private(set) var retractions: [Int32: RetractionRecord] = [:]
  /// The revised document of rows whose revised document the table does not hold, by row.
  package private(set) var unheldRevised: [Int32: DocumentID] = [:]
  private var index = DocumentIndex()
  /// A cache for the fold, not part of the state: list items by their text, and the pooled
  /// list of each pair of items, in the order stated.
  private var listItems = TextPool()
  private var pairLists: [UInt64: PooledText] = [:]
  /// The payload being folded (``StoredFieldVisitor``); not part of the state either.
  var folding = PayloadFold()

  /// No documents.
  public init() {}

  /// The number of documents.
  public var count: Int { rows.count }

  /// Whether there is none.
  public var isEmpty: Bool { rows.isEmpty }

  /// Every document id, in the order ingested.
  public var keys: some Collection<DocumentID> { rows.lazy.map(\.id) }

  /// Every document's record, in the order ingested (built as it is read).
  public var values: some Collection<SourceRecord> { rows.indices.lazy.map { self.record(at: $0) } }

  /// The record of a document, nil when the table holds none.
  public subscript(id: DocumentID) -> SourceRecord? {
    position(of: id).map(record(at:))
  }

  /// The row position of a document, or nil.
  func position(of id: DocumentID) -> Int? { index.find(id, in: rows) }

  /// Starts loading what adding `id` will probe (``DocumentIndex/anticipate(_:)``).
  func anticipate(_ id: DocumentID) { index.anticipate(id) }

  /// The record of the row at `position`.
  func record(at position: Int) -> SourceRecord {
    let row = rows[position]
    var record = SourceRecord(
      id: row.id, seq: row.seq, language: texts[row.language] ?? "", published: nil,
      isTranslation: row.isTranslation, revises: revised(by: position),
      revisionRoot: rows[Int(row.revisionRoot)].id, facts: factValues(row.facts), factsSeq: row.factsSeq,
      retraction: retractions[Int32(position)])
    record.publishedDays = row.published
    return record
  }

  /// The document the row at `position` revises, if any.
  func revised(by position: Int) -> DocumentID? {
    switch rows[position].revises {
    case SourceRow.revisesNothing: nil
    case SourceRow.revisesUnheld: unheldRevised[Int32(position)]
    case let i: rows[Int(i)].id
    }
  }

  /// The values a fact row names.
  func factValues(_ f: FactRow) -> FactValues {
    var values = FactValues()
    values.group = texts[f.group]
    values.ordinal = f.ordinal == FactRow.noOrdinal ? nil : f.ordinal
    values.startDays = f.start
    values.endDays = f.end
    values.city = texts[f.city]
    values.country = texts[f.country]
    values.virtual = f.virtual
    values.chairs = texts[f.chairs]
    values.themes = texts[f.themes]
    values.counts = self.counts(of: f).map { c in
      CountStatement(
        value: c.value, qualifier: c.qualifier, counts: c.counts,
        evidence: Evidence(range: c.range, quote: quotes[c.quote] ?? ""), group: texts[c.group])
    }
    return values
  }

  /// The counts of a fact row.
  package func counts(of f: FactRow) -> ArraySlice<CountRow> {
    counts[Int(f.countsStart)..<Int(f.countsStart) + Int(f.countsCount)]
  }

  /// Pools a text (a language, group, place, chair or theme list).
  mutating func pooled(_ text: String?) -> PooledText { texts.intern(text) }

  /// Adds counts as the next run; returns where it starts and its length.
  mutating func addCounts(_ new: some Sequence<CountStatement>) -> (start: UInt32, count: UInt32) {
    let start = counts.count
    for c in new {
      counts.append(
        CountRow(
          value: c.value, qualifier: c.qualifier, counts: c.counts, group: texts.intern(c.group),
          range: c.evidence.range, quote: quotes.intern(c.evidence.quote)))
    }
    precondition(counts.count < Int(UInt32.max), "too many counts for one state")
    return (UInt32(start), UInt32(counts.count - start))
  }

  /// Pools a stored string (a language, group, place, chair or theme).
  mutating func pooledText(_ value: StoredString) throws(StoredFormError) -> PooledText {
    try texts.pooled(value)
  }

  /// The item of a stored list (a chair or theme) as a place in the fold's cache of items.
  mutating func listItem(_ value: StoredString) throws(StoredFormError) -> PooledText {
    try listItems.pooled(value)
  }

  /// The pooled list of two items read by ``listItem(_:)`` (the second nil when absent), as
  /// ``FactValues/list(_:)`` forms it.
  mutating func pooledList(_ first: PooledText, _ second: PooledText?) -> PooledText {
    let key = UInt64(first.raw) << 32 | UInt64(second?.raw ?? 0)
    if let list = pairLists[key] { return list }
    let items = [listItems[first] ?? ""] + (second.map { [listItems[$0] ?? ""] } ?? [])
    let list = texts.intern(FactValues.list(items))
    pairLists[key] = list
    return list
  }

  /// Adds one count to the run being built; a quote left out of a version-2 payload is
  /// left empty.
  mutating func addCount(
    value: Int?, qualifier: CountQualifier, counts kind: CountedKind, group: PooledText,
    evidence: StoredEvidence
  ) throws(StoredFormError) {
    let (range, stored) = try evidence.read()
    let quote = try stored.map { q throws(StoredFormError) in try quotes.pooled(q) } ?? quotes.intern("")
    counts.append(
      CountRow(value: value, qualifier: qualifier, counts: kind, group: group, range: range, quote: quote))
  }

  /// Adds a count row as it was written (a snapshot's).
  package mutating func addCount(_ row: CountRow) { counts.append(row) }

  /// The next count's place: where a run read one by one starts.
  package var nextCount: UInt32 { UInt32(truncatingIfNeeded: counts.count) }

  /// The fact row of a set of facts, its texts pooled and its counts added.
  mutating func factRow(_ facts: Facts) -> FactRow {
    var f = FactRow()
    f.group = pooled(facts.group?.value)
    f.ordinal = facts.ordinal?.value ?? FactRow.noOrdinal
    f.start = FactValues.days(facts.start?.value)
    f.end = FactValues.days(facts.end?.value)
    f.city = pooled(facts.city?.value)
    f.country = pooled(facts.country?.value)
    f.virtual = facts.virtual?.value
    f.chairs = pooled(FactValues.list(facts.chairs.map(\.value)))
    (f.countsStart, f.countsCount) = addCounts(facts.counts)
    f.themes = pooled(FactValues.list(facts.themes.map(\.value)))
    return f
  }

  /// Adds an ingested document's row (its revision links resolved against the rows held),
  /// or replaces the row of the same id where it stands.
  mutating func ingest(_ row: consuming SourceRow, revises: DocumentID?) {
    // The revised row first: once its own id is added, the index names a row not yet there.
    let earlier = revises.flatMap { index.find($0, in: rows) }
    let held = index.findOrAdd(row.id, at: rows.count, in: rows)
    let position = held ?? rows.count
    row.revisionRoot = Int32(position)
    row.revises = SourceRow.revisesNothing
    if held != nil { unheldRevised[Int32(position)] = nil }
    if let earlier {
      row.revises = Int32(earlier)
      row.revisionRoot = rows[earlier].revisionRoot
    } else if let revises {
      row.revises = SourceRow.revisesUnheld
      unheldRevised[Int32(position)] = revises
    }
    if let held {
      rows[held] = row
    } else {
      precondition(rows.count < Int(Int32.max), "too many documents for one state")
      rows.append(row)
    }
  }

  /// Puts a row whose links are already positions (a snapshot's) in its place.
  package mutating func place(_ row: consuming SourceRow) {
    if let i = index.findOrAdd(row.id, at: rows.count, in: rows) {
      rows[i] = row
    } else {
      precondition(rows.count < Int(Int32.max), "too many documents for one state")
      rows.append(row)
    }
  }

  /// Replaces a document's facts with those of a re-extraction, if the table holds it.
  mutating func reextract(_ id: DocumentID, facts: FactRow, seq: UInt64) {
    guard let i = index.find(id, in: rows) else { return }
    rows[i].facts = facts
    rows[i].factsSeq = seq
  }

  /// Marks a document retracted, if the table holds it.
  mutating func retract(_ id: DocumentID, _ retraction: RetractionRecord) {
    guard let i = index.find(id, in: rows) else { return }
    rows[i].isRetracted = true
    retractions[Int32(i)] = retraction
  }

  /// Restores a snapshot's side tables as they were written.
  package mutating func restore(
    texts: TextPool, quotes: TextPool, retractions: [Int32: RetractionRecord],
    unheldRevised: [Int32: DocumentID]
  ) {
    self.texts = texts
    self.quotes = quotes
    self.retractions = retractions
    self.unheldRevised = unheldRevised
  }

  /// Room for `count` documents.
  package mutating func reserveCapacity(_ count: Int) {
    rows.reserveCapacity(count)
    counts.reserveCapacity(count)
    index.reserveCapacity(count, in: rows)
  }
}

extension SourceTable: Hashable {
  /// Two tables are equal when they hold the same documents with the same values, in the
  /// same order, naming the same pooled texts (where unused counts lie does not matter).
  public static func == (a: SourceTable, b: SourceTable) -> Bool {
    guard a.rows.count == b.rows.count, a.texts == b.texts, a.quotes == b.quotes,
      a.retractions == b.retractions, a.unheldRevised == b.unheldRevised
    else { return false }
    for (x, y) in zip(a.rows, b.rows) {
      guard x.placedAtZero == y.placedAtZero, a.counts(of: x.facts).elementsEqual(b.counts(of: y.facts))
      else {
        return false
      }
    }
    return true
  }

  /// Hashes the rows and their counts.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(texts)
    for row in rows {
      hasher.combine(row.placedAtZero)
      for c in counts(of: row.facts) { hasher.combine(c) }
    }
  }
}

/// One document as the state keeps it: fixed-size, its texts pooled.
package struct SourceRow: Hashable, Sendable {
  package var id: DocumentID
  /// The seq of its `document.ingested` event.
  package var seq: UInt64
  /// The seq of the event its current facts came from.
  package var factsSeq: UInt64
  /// ``LinkKey`` of its link and of a translation's original link (0: none).
  package var linkKey: UInt64
  package var originalLinkKey: UInt64
  /// The row it revises (or ``revisesNothing``, ``revisesUnheld``), and the first row of its
  /// revision chain.
  package var revises: Int32 = SourceRow.revisesNothing
  package var revisionRoot: Int32 = 0
  /// Days since 1970, ``FactValues/noDay`` for none.
  package var published: Int32
  package var language: PooledText
  package var isTranslation: Bool
  package var isRetracted = false
  package var facts: FactRow

  package static let revisesNothing: Int32 = -1
  /// It revises a document the table does not hold (its id is in the side table).
  package static let revisesUnheld: Int32 = -2

  package init(
    id: DocumentID, seq: UInt64, factsSeq: UInt64, linkKey: UInt64, originalLinkKey: UInt64, published: Int32,
    language: PooledText, isTranslation: Bool, facts: FactRow
  ) {
    self.id = id
    self.seq = seq
    self.factsSeq = factsSeq
    self.linkKey = linkKey
    self.originalLinkKey = originalLinkKey
    self.published = published
    self.language = language
    self.isTranslation = isTranslation
    self.facts = facts
  }

  /// The row with its counts' place zeroed: what equality compares.
  var placedAtZero: SourceRow {
    var row = self
    row.facts.countsStart = 0
    return row
  }
}

/// The values of a document's current facts, as a row keeps them.
package struct FactRow: Hashable, Sendable {
  package var ordinal = FactRow.noOrdinal
  package var start = FactValues.noDay
  package var end = FactValues.noDay
  package var group = PooledText.none
  package var city = PooledText.none
  package var country = PooledText.none
  package var chairs = PooledText.none
  package var themes = PooledText.none
  package var countsStart: UInt32 = 0
  package var countsCount: UInt32 = 0
  package var virtual: Bool?

  package static let noOrdinal = Int.min

  /// Nothing stated.
  package init() {}
}

/// One stated count, as the state keeps it.
package struct CountRow: Hashable, Sendable {
  package var value: Int?
  package var qualifier: CountQualifier
  package var counts: CountedKind
  /// The group counted when not the document's (a text of the table's pool), else none.
  package var group: PooledText
  /// Its evidence's range in the document's text, and its quote.
  package var range: Range<Int>
  package var quote: PooledText

  package init(
    value: Int?, qualifier: CountQualifier, counts: CountedKind, group: PooledText, range: Range<Int>,
    quote: PooledText
  ) {
    self.value = value
    self.qualifier = qualifier
    self.counts = counts
    self.group = group
    self.range = range
    self.quote = quote
  }
}

/// A link's key: the views only ask whether two links are the same, so a row keeps a
/// 64-bit hash of each (FNV-1a, then mixed) instead of the string.
///
/// Two different links with one key would need to meet among one meeting's sources for a
/// translation to be matched to the wrong original: about 1 in 2⁶⁴ for a pair.
enum LinkKey {
  /// The key of a link; 0 for none (a link whose hash is 0 gets 1).
  static func of(_ link: String?) -> UInt64 {
    guard var link else { return 0 }
    return link.withUTF8 { of(utf8: UnsafeRawBufferPointer($0)) }
  }

  /// The key of a link's UTF-8.
  static func of(utf8: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    hash = (hash ^ (hash >> 33)) &* 0xff51_afd7_ed55_8ccd
    hash = (hash ^ (hash >> 33)) &* 0xc4ce_b9fe_1a85_ec53
    hash ^= hash >> 33
    return hash == 0 ? 1 : hash
  }
}

/// An open-addressing index from document id to a row, 8 bytes a slot (a dictionary of ids
/// would cost 40 bytes a slot and a SipHash a lookup).
///
/// Slots hold position + 1 (0 is empty), probed linearly from a slot picked by the id's
/// leading word, scrambled with a per-process seed so crafted ids cannot pile up on one
/// slot. Ids are compared in the rows themselves.
struct DocumentIndex: Sendable {
  // Each slot: position + 1 in the low 32 bits (0 is empty), and 32 more bits of the id
  // above, so a probe rarely reads a row that is not the one sought.
  private var slots: [UInt64] = []
  private var used = 0
  private static let seed = UInt64.random(in: .min ... .max) | 1

  private func mixed(_ id: DocumentID) -> UInt64 {
    (id.leadingWord ^ DocumentIndex.seed) &* 0x9E37_79B9_7F4A_7C15
  }

  /// Starts loading the slot a probe for `id` starts at. A fold calls it as soon as it has
  /// read a document's id: in a large state that slot is a cache miss, and it then overlaps
  /// the reading of the rest of the payload instead of stalling the probe after it.
  func anticipate(_ id: DocumentID) {
    guard !slots.isEmpty else { return }
    let at = Int(truncatingIfNeeded: mixed(id) >> 32) & (slots.count - 1)
    slots.withUnsafeBufferPointer { communique_prefetch($0.baseAddress.map { $0 + at }, 8, 8) }
  }

  /// The position of `id` in `rows`, or nil.
  func find(_ id: DocumentID, in rows: [SourceRow]) -> Int? {
    guard !slots.isEmpty else { return nil }
    return probe(id, in: rows).found
  }

  /// The position of `id` in `rows` if it is there; else records that it is at `position`
  /// (the next one) and returns nil. One probe for both.
  mutating func findOrAdd(_ id: DocumentID, at position: Int, in rows: [SourceRow]) -> Int? {
    if (used + 1) * 4 > slots.count * 3 { grow(to: max(16, slots.count * 2), in: rows) }
    let (found, empty, tag) = probe(id, in: rows)
    if let found { return found }
    slots[empty] = tag | UInt64(position + 1)
    used += 1
    return nil
  }

  /// Probes for `id` (the table has slots): its position when it is there, else the empty
  /// slot where the probe stopped; and the id's tag.
  private func probe(_ id: DocumentID, in rows: [SourceRow]) -> (found: Int?, empty: Int, tag: UInt64) {
    let mask = slots.count - 1
    let hash = mixed(id)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    var at = Int(truncatingIfNeeded: hash >> 32) & mask
    while true {
      let slot = slots[at]
      if slot == 0 { return (nil, at, tag) }
      if slot & 0xFFFF_FFFF_0000_0000 == tag {
        let position = Int(slot & 0xFFFF_FFFF) - 1
        if rows[position].id == id { return (position, at, tag) }
      }
      at = (at + 1) & mask
    }
  }

  /// Room for `count` ids without growing.
  mutating func reserveCapacity(_ count: Int, in rows: [SourceRow]) {
    var size = max(16, slots.count)
    while count * 4 > size * 3 { size *= 2 }
    if size > slots.count { grow(to: size, in: rows) }
  }

  private mutating func place(_ id: DocumentID, at position: Int) {
    let mask = slots.count - 1
    let hash = mixed(id)
    var at = Int(truncatingIfNeeded: hash >> 32) & mask
    while slots[at] != 0 { at = (at + 1) & mask }
    slots[at] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(position + 1)
  }

  private mutating func grow(to size: Int, in rows: [SourceRow]) {
    precondition(size < Int(UInt32.max), "too many documents for one state")
    slots = [UInt64](repeating: 0, count: size)
    for position in 0..<used { place(rows[position].id, at: position) }
  }
}
