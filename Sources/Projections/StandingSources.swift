import Domain

/// The standing sources of a view, with what reads their tokens: the state's source table
/// (its pools and counts) and the view's own pool of corrections' texts.
///
/// Built once per view (``ArchiveView/standingSources(state:asOf:corrections:)``); the
/// projections rank, group and resolve the ``SourceFacts`` by index and turn tokens into
/// text only for what they show.
struct StandingSources: Sendable {
  /// The sources, in log order.
  var facts: [SourceFacts] = []
  /// The table the sources' rows are in.
  let table: SourceTable
  /// Texts of corrections the table's pool does not hold.
  private(set) var overlay = TextPool()
  /// For each corrected source (by row), the seq of the correction that set each field.
  var correctedBy: [Int32: [String: UInt64]] = [:]

  init(table: SourceTable) {
    self.table = table
  }

  /// The source at `i`.
  subscript(i: Int) -> SourceFacts { facts[i] }

  /// The row a source comes from.
  func row(of s: SourceFacts) -> SourceRow { table.rows[Int(s.record.position)] }

  /// The token of a text of a field (an index of ``SourceFacts/meetingFields``, or
  /// ``FieldToken/languageField``), adding it to the view's pool when neither pool holds it.
  mutating func token(_ text: String?, field: Int) -> FieldToken {
    if let token = knownToken(text, field: field) { return token }
    return FieldToken(overlaid: overlay.intern(text ?? ""))
  }

  /// The token of a text of a field, nil when it would need a place in neither pool yet.
  func knownToken(_ text: String?, field: Int) -> FieldToken? {
    guard let text else { return FieldToken.none }
    switch field {
    case 1:
      if let n = Int(text), FieldToken.numbers.contains(n), String(n) == text { return FieldToken(number: n) }
    case 2, 3:
      if let day = CalendarDate(iso: text), day.description == text,
        FieldToken.numbers.contains(day.daysSinceEpoch)
      {
        return FieldToken(number: day.daysSinceEpoch)
      }
    case 6:
      if text == "true" || text == "false" { return FieldToken(number: text == "true" ? 1 : 0) }
    default:
      if let place = table.texts.place(of: text) { return FieldToken(pooled: place) }
    }
    return overlay.place(of: text).map { FieldToken(overlaid: $0) }
  }

  /// The text of a field's token; nil for no value.
  func text(_ token: FieldToken, field: Int) -> String? {
    if let (place, overlaid) = token.pooled { return overlaid ? overlay[place] : table.texts[place] }
    guard let n = token.number else { return nil }
    switch field {
    case 2, 3: return CalendarDate(daysSinceEpoch: n).description
    case 6: return n == 1 ? "true" : "false"
    default: return String(n)
    }
  }

  /// The text of a meeting field of a source.
  func text(of s: SourceFacts, field: Int) -> String? { text(s.fields[field], field: field) }

  /// A source's language.
  func language(of s: SourceFacts) -> String { text(s.language, field: FieldToken.languageField) ?? "" }

  /// A source's counts.
  func counts(of s: SourceFacts) -> ArraySlice<CountRow> {
    table.counts[Int(s.countsStart)..<Int(s.countsStart) + Int(s.countsCount)]
  }

  /// The group a count of source `s` counts: its own (the Coalition's size in a working
  /// group's release), else the source's group.
  func group(of count: CountRow, in s: SourceFacts) -> FieldToken {
    count.group.isNone ? s.group : FieldToken(pooled: count.group)
  }

  /// The quote of a count.
  func quote(of count: CountRow) -> String { table.quotes[count.quote] ?? "" }

  /// Every correctable field of a source and its current value in text form (absent when
  /// not stated).
  func values(of s: SourceFacts) -> [String: String] {
    var out: [String: String] = [:]
    for (i, field) in SourceFacts.meetingFields.enumerated() { out[field] = text(of: s, field: i) }
    out["published"] = s.published?.description
    out["language"] = language(of: s)
    out["translation"] = String(s.isTranslation)
    return out
  }

  /// A source with the corrections of its document applied (in log order).
  mutating func corrected(_ s: SourceFacts, by corrections: [CorrectionRecord]) -> SourceFacts {
    var s = s
    var by = correctedBy[s.record.position] ?? [:]
    for c in corrections {
      s.apply(c) { text, field in self.token(text, field: field) }
      for change in c.correction.changes { by[change.field] = c.seq }
    }
    s.retype { token, field in self.text(token, field: field) }
    correctedBy[s.record.position] = by
    return s
  }
}
