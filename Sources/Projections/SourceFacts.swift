import Domain

/// A standing document's facts as plain values, after any correction of the document.
///
/// The views read these rather than ``Facts`` so corrections and extractions meet in one
/// form; evidence stays with the events.
struct SourceFacts: Hashable, Sendable {
  /// What the views need of the source's record, kept apart (not the whole record with its
  /// facts) because every read builds, sorts and groups one of these per standing source.
  var record: SourceReference
  var published: CalendarDate?
  var language: String
  var isTranslation: Bool
  var fields: FieldValues
  var counts: [CountStatement]
  /// For each field set by a correction of the document, that correction's seq.
  var correctedBy: [String: UInt64] = [:]

  /// The fields a meeting has, in the timeline's order; each is correctable.
  static let meetingFields = [
    "group", "ordinal", "start", "end", "city", "country", "virtual", "chairs", "themes",
  ]

  /// The typed values of the group, ordinal, start and end fields, kept beside their text
  /// (which corrections set) because every read groups and dates every source by them.
  private(set) var group: String?
  private(set) var ordinal: Int?
  private(set) var start: CalendarDate?
  private(set) var end: CalendarDate?

  init(record: SourceRecord) {
    self.record = SourceReference(
      id: record.id, seq: record.seq, factsSeq: record.factsSeq, revisionRoot: record.revisionRoot,
      link: record.link, originalLink: record.originalLink)
    published = record.published
    language = record.language
    isTranslation = record.isTranslation
    let f = record.facts
    var fields = FieldValues()
    let start = f.start
    let end = f.end ?? start
    // In the order of `meetingFields`.
    fields[index: 0] = f.group
    fields[index: 1] = f.ordinal.map { String($0) }
    fields[index: 2] = start?.description
    fields[index: 3] = end?.description
    fields[index: 4] = f.city
    fields[index: 5] = f.country
    fields[index: 6] = f.virtual.map { String($0) }
    fields[index: 7] = f.chairs
    fields[index: 8] = f.themes
    self.fields = fields
    counts = f.counts
    group = f.group
    ordinal = f.ordinal
    self.start = start
    self.end = end
  }

  /// The fields a document has beyond its meeting fields; each is correctable.
  static let documentFields = ["published", "language", "translation"]

  /// Applies a correction whose target is this document.
  mutating func apply(_ record: CorrectionRecord) {
    for change in record.correction.changes {
      correctedBy[change.field] = record.seq
      switch change.field {
      case "published": published = change.value.flatMap { CalendarDate(iso: $0) }
      case "language": language = change.value ?? language
      case "translation": isTranslation = change.value == "true"
      default: fields[change.field] = change.value
      }
    }
    group = fields["group"]
    ordinal = fields["ordinal"].flatMap { Int($0) }
    start = fields["start"].flatMap { CalendarDate(iso: $0) }
    end = fields["end"].flatMap { CalendarDate(iso: $0) }
  }

  /// Every correctable field's current value in text form (absent when not stated).
  var values: [String: String] {
    var out = Dictionary(uniqueKeysWithValues: fields.stated)
    out["published"] = published?.description
    out["language"] = language
    out["translation"] = String(isTranslation)
    return out
  }

  /// Whether it states a meeting: a group with an ordinal or a start date.
  var statesMeeting: Bool { group != nil && (ordinal != nil || start != nil) }

  /// The day its counts are dated: the meeting's last day, else the publication day.
  var countDate: CalendarDate? { statesMeeting ? (end ?? start ?? published) : published }

  /// Precedence among sources: originals before translations, then the newest publication,
  /// then the latest ingestion.
  ///
  /// ``rank`` orders the same way as a plain value: compare those where many sources are
  /// sorted.
  static func precedes(_ a: SourceFacts, _ b: SourceFacts) -> Bool {
    if a.isTranslation != b.isTranslation { return !a.isTranslation }
    let pa = a.published?.daysSinceEpoch ?? Int.min
    let pb = b.published?.daysSinceEpoch ?? Int.min
    if pa != pb { return pa > pb }
    return a.record.seq > b.record.seq
  }
}

extension SourceFacts {
  /// The precedence of a source as a value: a lower rank precedes (see ``precedes(_:_:)``).
  var rank: Rank {
    Rank(
      translation: isTranslation ? 1 : 0,
      published: published.map { -$0.daysSinceEpoch } ?? Int.max, seq: UInt64.max - record.seq)
  }

  /// Originals before translations, then the newest publication, then the latest seq.
  struct Rank: Comparable {
    var translation: Int
    var published: Int
    var seq: UInt64

    static func < (a: Rank, b: Rank) -> Bool {
      (a.translation, a.published, a.seq) < (b.translation, b.published, b.seq)
    }
  }
}

/// A source's meeting fields by name, held inline: built for every standing source on
/// every read, so it allocates nothing of its own.
struct FieldValues: Hashable, Sendable {
  private var group: String?
  private var ordinal: String?
  private var start: String?
  private var end: String?
  private var city: String?
  private var country: String?
  private var virtual: String?
  private var chairs: String?
  private var themes: String?

  /// The value of a meeting field, nil when not stated (or the name is not a meeting field).
  subscript(field: String) -> String? {
    get { FieldValues.index(field).flatMap { self[index: $0] } }
    set { if let i = FieldValues.index(field) { self[index: i] = newValue } }
  }

  /// The value of the meeting field at `index` of ``SourceFacts/meetingFields``.
  subscript(index i: Int) -> String? {
    get {
      switch i {
      case 0: group
      case 1: ordinal
      case 2: start
      case 3: end
      case 4: city
      case 5: country
      case 6: virtual
      case 7: chairs
      default: themes
      }
    }
    set {
      switch i {
      case 0: group = newValue
      case 1: ordinal = newValue
      case 2: start = newValue
      case 3: end = newValue
      case 4: city = newValue
      case 5: country = newValue
      case 6: virtual = newValue
      case 7: chairs = newValue
      default: themes = newValue
      }
    }
  }

  /// Every stated field and its value.
  var stated: [(String, String)] {
    SourceFacts.meetingFields.indices.compactMap { i in
      self[index: i].map { (SourceFacts.meetingFields[i], $0) }
    }
  }

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

/// A source's identity and place in the log, as the views cite it.
struct SourceReference: Hashable, Sendable {
  var id: DocumentID
  var seq: UInt64
  var factsSeq: UInt64
  var revisionRoot: DocumentID
  var link: String?
  var originalLink: String?
}
