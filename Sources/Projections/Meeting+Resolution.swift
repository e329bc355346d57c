import Domain

extension Meeting {
  /// Resolves each field: the latest correction, else the first source by precedence that
  /// states it; disagreements are kept as conflicts. `ranked`: indices into `sources`, by
  /// precedence.
  static func resolve(
    id: String, sources ranked: [Int], in sources: StandingSources, corrections: [CorrectionRecord]
  ) -> Meeting {
    var values = [String?](repeating: nil, count: SourceFacts.meetingFields.count)
    var provenance: [String: Provenance] = [:]
    var conflicts: [Conflict] = []
    var held: [(value: FieldToken, by: Holder)] = []
    for (f, field) in SourceFacts.meetingFields.enumerated() {
      held.removeAll(keepingCapacity: true)
      var chosen = FieldToken.none
      var chosenFrom: Provenance?
      for i in ranked {
        let value = sources[i].fields[f]
        guard !value.isNone else { continue }
        held.append((value, .source(sources[i].record.id)))
        if chosenFrom == nil {
          chosen = value
          chosenFrom = .extracted(sources[i].record.id, seq: sources[i].record.factsSeq)
        }
      }
      // The latest correction of the field stands and is its one value among the held: an
      // earlier one it replaced (a reverted one) is history, shown by blame, not a side.
      var settled: Conflict.Settlement?
      if let c = corrections.last(where: { $0.correction.changes.contains { $0.field == field } }),
        let change = c.correction.changes.last(where: { $0.field == field })
      {
        // standingSources gave every correction's text a token.
        let value = sources.knownToken(change.value, field: f) ?? .none
        held.append((value, .correction(c.seq)))
        chosen = value
        chosenFrom = .corrected(seq: c.seq)
        settled = Conflict.Settlement(seq: c.seq, reason: c.correction.reason)
      }
      values[f] = sources.text(chosen, field: f)
      if let chosenFrom { provenance[field] = chosenFrom }
      // Most fields agree: only a disagreement is turned into text.
      if let first = held.first?.value, held.contains(where: { $0.value != first }),
        var conflict = Conflict(
          field: field, chosen: values[f], held: held.map { (sources.text($0.value, field: f), $0.by) })
      {
        conflict.settled = settled
        conflicts.append(conflict)
      }
    }
    let group = values[0] ?? String(id.prefix { $0 != "-" })
    return Meeting(
      id: id, group: group, ordinal: values[1].flatMap { Int($0) },
      start: values[2].flatMap { CalendarDate(iso: $0) },
      end: values[3].flatMap { CalendarDate(iso: $0) },
      city: values[4], country: values[5],
      virtual: values[6].map { $0 == "true" },
      chairs: values[7].map(splitList) ?? [],
      themes: values[8].map(splitList) ?? [],
      sources: [], conflicts: conflicts, provenance: provenance)
  }
}

/// Who holds a value of a field: a source document or a correction; written out
/// (`sha256:…`, `correction:SEQ`) only when the holders disagree.
enum Holder {
  case source(DocumentID)
  case correction(UInt64)

  var text: String {
    switch self {
    case .source(let id): id.description
    case .correction(let seq): "correction:\(seq)"
    }
  }
}

/// Splits a stored list (`IT,SA,US`) into sorted, de-duplicated items.
func splitList(_ text: String) -> [String] {
  Set(text.split(separator: ",").map { String($0).trimmingSpaces }).filter { !$0.isEmpty }.sorted()
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}

extension Conflict {
  /// The disagreement among the values held for a field, grouped by value in the order
  /// first held; nil when every holder agrees.
  init?(field: String, chosen: String?, held: [(value: String?, by: Holder)]) {
    // Absent and the string "\u{0}" count as one value, as they always have here.
    guard let head = held.first else { return nil }
    let first = head.value ?? "\u{0}"
    guard held.contains(where: { ($0.value ?? "\u{0}") != first }) else { return nil }
    var grouped: [ConflictingValue] = []
    for (value, by) in held {
      if let i = grouped.firstIndex(where: { $0.value == value }) {
        grouped[i].by.append(by.text)
      } else {
        grouped.append(ConflictingValue(value: value, by: [by.text]))
      }
    }
    self.init(field: field, chosen: chosen, values: grouped)
  }
}
