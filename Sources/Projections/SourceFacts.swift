import Domain

/// A standing document's facts as the views weigh them, after any correction of the
/// document: fixed-size, its values as ``FieldToken``s.
///
/// Every read builds, ranks and groups one of these per standing source, so it holds no
/// string and no array: texts are read through the ``StandingSources`` it belongs to.
struct SourceFacts: Hashable, Sendable {
  /// What the views need of the source's row.
  var record: SourceReference
  var publishedDays: Int32
  var language: FieldToken
  var isTranslation: Bool
  var fields: FieldTokens
  /// Its counts: a run of the table's count rows.
  var countsStart: UInt32
  var countsCount: UInt32

  /// The typed values of the group, ordinal, start and end fields, kept beside their tokens
  /// because every read groups and dates every source by them.
  private(set) var group: FieldToken
  private(set) var ordinal: Int?
  private(set) var startDays: Int32
  private(set) var endDays: Int32

  /// The fields a meeting has, in the timeline's order; each is correctable.
  static let meetingFields = [
    "group", "ordinal", "start", "end", "city", "country", "virtual", "chairs", "themes",
  ]

  /// The fields a document has beyond its meeting fields; each is correctable.
  static let documentFields = ["published", "language", "translation"]

  /// The facts of the row at `position` of `table`, as extracted.
  init(row position: Int, of table: SourceTable) {
    let row = table.rows[position]
    record = SourceReference(id: row.id, seq: row.seq, factsSeq: row.factsSeq, position: Int32(position))
    publishedDays = row.published
    language = FieldToken(pooled: row.language)
    isTranslation = row.isTranslation
    let f = row.facts
    let end = f.end == FactValues.noDay ? f.start : f.end
    var fields = FieldTokens()
    // In the order of `meetingFields`.
    fields[0] = FieldToken(pooled: f.group)
    fields[1] = f.ordinal == FactRow.noOrdinal ? .none : FieldToken(number: f.ordinal)
    fields[2] = f.start == FactValues.noDay ? .none : FieldToken(number: Int(f.start))
    fields[3] = end == FactValues.noDay ? .none : FieldToken(number: Int(end))
    fields[4] = FieldToken(pooled: f.city)
    fields[5] = FieldToken(pooled: f.country)
    fields[6] = f.virtual.map { FieldToken(number: $0 ? 1 : 0) } ?? .none
    fields[7] = FieldToken(pooled: f.chairs)
    fields[8] = FieldToken(pooled: f.themes)
    self.fields = fields
    countsStart = f.countsStart
    countsCount = f.countsCount
    group = fields[0]
    ordinal = f.ordinal == FactRow.noOrdinal ? nil : f.ordinal
    startDays = f.start
    endDays = end
  }

  /// Its publication day.
  var published: CalendarDate? {
    publishedDays == FactValues.noDay ? nil : CalendarDate(daysSinceEpoch: Int(publishedDays))
  }

  /// The first day of the meeting it states.
  var start: CalendarDate? {
    startDays == FactValues.noDay ? nil : CalendarDate(daysSinceEpoch: Int(startDays))
  }

  /// Whether it states a meeting: a group with an ordinal or a start date.
  var statesMeeting: Bool { !group.isNone && (ordinal != nil || startDays != FactValues.noDay) }

  /// The day its counts are dated, as days since 1970: the meeting's last day, else the
  /// publication day (``FactValues/noDay`` for none).
  var countDays: Int32 {
    guard statesMeeting else { return publishedDays }
    if endDays != FactValues.noDay { return endDays }
    if startDays != FactValues.noDay { return startDays }
    return publishedDays
  }

  /// Precedence among sources: originals before translations, then the newest publication,
  /// then the latest ingestion. A lower rank precedes.
  var rank: Rank {
    Rank(
      key: (isTranslation ? 1 << 63 : 0) | UInt64(Int64(Int32.max) - Int64(publishedDays)) << 31,
      seq: UInt64.max - record.seq)
  }

  /// ``rank`` as one comparable value: translation bit, then the publication day reversed,
  /// then the seq reversed.
  struct Rank: Comparable {
    var key: UInt64
    var seq: UInt64

    static func < (a: Rank, b: Rank) -> Bool { (a.key, a.seq) < (b.key, b.seq) }
  }

  /// Applies the changes of a correction whose target is this document; `token` reads a
  /// value into a token of a field.
  mutating func apply(_ record: CorrectionRecord, token: (String?, Int) -> FieldToken) {
    for change in record.correction.changes {
      switch change.field {
      case "published": publishedDays = FactValues.days(change.value.flatMap { CalendarDate(iso: $0) })
      case "language": if let value = change.value { language = token(value, FieldToken.languageField) }
      case "translation": isTranslation = change.value == "true"
      default:
        if let i = FieldTokens.index(change.field) { fields[i] = token(change.value, i) }
      }
    }
  }

  /// Sets the typed values from the fields, after corrections; `text` reads a token of a field.
  mutating func retype(text: (FieldToken, Int) -> String?) {
    group = fields[0]
    ordinal = fields[1].number ?? text(fields[1], 1).flatMap { Int($0) }
    startDays = FactValues.days(
      fields[2].number.map { CalendarDate(daysSinceEpoch: $0) }
        ?? text(fields[2], 2).flatMap { CalendarDate(iso: $0) })
    endDays = FactValues.days(
      fields[3].number.map { CalendarDate(daysSinceEpoch: $0) }
        ?? text(fields[3], 3).flatMap { CalendarDate(iso: $0) })
  }
}

/// A source's identity and place in the log, as the views cite it and rank it: the few
/// fields of its row that every read touches for every source, kept beside its facts; the
/// rest (revision root, link keys) is read from the row at ``position``.
struct SourceReference: Hashable, Sendable {
  var id: DocumentID
  var seq: UInt64
  var factsSeq: UInt64
  /// Its row.
  var position: Int32
}

/// A field's value as the views compare it, in four bytes: equal tokens of one field are
/// equal texts.
///
/// Texts of the state's pool are their places in it; the numbers of ordinals, dates (days
/// since 1970) and the virtual flag are themselves, so no source's date is formatted unless
/// a view shows it; a correction's text that is neither is a place in the view's own pool.
/// A number's token is only used for its text's one canonical form (`12`, `2019-11-19`,
/// `true`), so any other text of the same number has another token, as it should.
struct FieldToken: Hashable, Sendable {
  var raw: UInt32

  private static let kindShift: UInt32 = 30
  private static let pooledKind: UInt32 = 1
  private static let overlaidKind: UInt32 = 2
  private static let numberKind: UInt32 = 3
  private static let payload: UInt32 = (1 << 30) - 1
  /// Numbers that fit a token: 30 bits, signed (every date, and any plausible ordinal).
  static let numbers = -(1 << 29)..<(1 << 29)
  /// The pseudo-field of a document's language, for ``SourceFacts/apply(_:token:)``.
  static let languageField = 9

  /// No value.
  static let none = FieldToken(raw: 0)

  /// Whether the field is not stated.
  var isNone: Bool { raw == 0 }

  /// A text of the state's pool (no value for "no text").
  init(pooled text: PooledText) {
    precondition(text.raw <= FieldToken.payload, "too many distinct texts for a view")
    raw = text.isNone ? 0 : FieldToken.pooledKind << FieldToken.kindShift | text.raw
  }

  /// A text of a view's own pool.
  init(overlaid text: PooledText) {
    precondition(text.raw <= FieldToken.payload, "too many distinct texts for a view")
    raw = FieldToken.overlaidKind << FieldToken.kindShift | text.raw
  }

  /// A number in ``numbers``.
  init(number: Int) {
    raw =
      FieldToken.numberKind << FieldToken.kindShift | UInt32(truncatingIfNeeded: number) & FieldToken.payload
  }

  private init(raw: UInt32) { self.raw = raw }

  /// The number this token is, if it is one.
  var number: Int? {
    guard raw >> FieldToken.kindShift == FieldToken.numberKind else { return nil }
    // Sign-extends the 30-bit payload.
    return Int(Int32(bitPattern: raw << 2) >> 2)
  }

  /// The place of a pooled text: in the state's pool (`overlaid` false) or the view's.
  var pooled: (text: PooledText, overlaid: Bool)? {
    switch raw >> FieldToken.kindShift {
    case FieldToken.pooledKind: (PooledText(raw: raw & FieldToken.payload), false)
    case FieldToken.overlaidKind: (PooledText(raw: raw & FieldToken.payload), true)
    default: nil
    }
  }
}

/// A source's nine meeting fields, inline.
struct FieldTokens: Hashable, Sendable {
  private var values:
    (
      FieldToken, FieldToken, FieldToken, FieldToken, FieldToken, FieldToken, FieldToken, FieldToken,
      FieldToken
    ) = (.none, .none, .none, .none, .none, .none, .none, .none, .none)

  /// The field at `index` of ``SourceFacts/meetingFields``.
  subscript(i: Int) -> FieldToken {
    get {
      switch i {
      case 0: values.0
      case 1: values.1
      case 2: values.2
      case 3: values.3
      case 4: values.4
      case 5: values.5
      case 6: values.6
      case 7: values.7
      default: values.8
      }
    }
    set {
      switch i {
      case 0: values.0 = newValue
      case 1: values.1 = newValue
      case 2: values.2 = newValue
      case 3: values.3 = newValue
      case 4: values.4 = newValue
      case 5: values.5 = newValue
      case 6: values.6 = newValue
      case 7: values.7 = newValue
      default: values.8 = newValue
      }
    }
  }

  static func == (a: FieldTokens, b: FieldTokens) -> Bool {
    (0..<9).allSatisfy { a[$0] == b[$0] }
  }

  func hash(into hasher: inout Hasher) {
    for i in 0..<9 { hasher.combine(self[i]) }
  }

  /// The index of a meeting field, nil for other names.
  static func index(_ field: String) -> Int? {
    switch field {
    case "group": 0
    case "ordinal": 1
    case "start": 2
    case "end": 3
    case "city": 4
    case "country": 5
    case "virtual": 6
    case "chairs": 7
    case "themes": 8
    default: nil
    }
  }
}
