import Domain

extension Meeting {
  /// Resolves each field: the latest correction, else the first source by precedence that
  /// states it; disagreements are kept as conflicts.
  static func resolve(id: String, sources ranked: [SourceFacts], corrections: [CorrectionRecord]) -> Meeting {
    var values: [String: String] = [:]
    var provenance: [String: Provenance] = [:]
    var conflicts: [Conflict] = []
    for field in SourceFacts.meetingFields {
      var held: [(value: String?, by: String)] = []
      var chosen: String?
      var chosenFrom: Provenance?
      for s in ranked {
        guard let value = s.fields[field] else { continue }
        held.append((value, s.record.id.description))
        if chosenFrom == nil {
          chosen = value
          chosenFrom = .extracted(s.record.id, seq: s.record.factsSeq)
        }
      }
      for c in corrections {
        for change in c.correction.changes where change.field == field {
          held.append((change.value, "correction:\(c.seq)"))
          chosen = change.value
          chosenFrom = .corrected(seq: c.seq)
        }
      }
      values[field] = chosen
      provenance[field] = chosenFrom
      if let conflict = Conflict(field: field, chosen: chosen, held: held) { conflicts.append(conflict) }
    }
    let group = values["group"] ?? String(id.prefix { $0 != "-" })
    return Meeting(
      id: id, group: group, ordinal: values["ordinal"].flatMap { Int($0) },
      start: values["start"].flatMap { CalendarDate(iso: $0) },
      end: values["end"].flatMap { CalendarDate(iso: $0) },
      city: values["city"], country: values["country"],
      virtual: values["virtual"].map { $0 == "true" },
      chairs: values["chairs"].map(splitList) ?? [],
      themes: values["themes"].map(splitList) ?? [],
      sources: [], conflicts: conflicts, provenance: provenance)
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
  init?(field: String, chosen: String?, held: [(value: String?, by: String)]) {
    guard Set(held.map { $0.value ?? "\u{0}" }).count > 1 else { return nil }
    var grouped: [ConflictingValue] = []
    for (value, by) in held {
      if let i = grouped.firstIndex(where: { $0.value == value }) {
        grouped[i].by.append(by)
      } else {
        grouped.append(ConflictingValue(value: value, by: [by]))
      }
    }
    self.init(field: field, chosen: chosen, values: grouped)
  }
}
