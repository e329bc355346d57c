import Domain
import Projections

/// RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF,
/// its quotes doubled. Text is written as stored (no isolation marks, nothing shortened).
package enum CSV {
  /// One field as RFC 4180 writes it.
  package static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A header record and the rows, each record ended by CRLF.
  package static func document(_ header: [String], _ rows: [[String]]) -> String {
    ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
  }
}

extension ArchiveView {
  /// The timeline as CSV: one record per meeting, lists `;`-joined, documents whole.
  package var timelineCSV: String {
    CSV.document(
      [
        "id", "group", "ordinal", "start", "end", "city", "country", "virtual", "chairs", "themes", "sources",
        "conflicts",
      ],
      meetings.map { m in
        [
          m.id, m.group, m.ordinal.map(String.init) ?? "", m.start?.description ?? "",
          m.end?.description ?? "",
          m.city ?? "", m.country ?? "", m.virtual.map(String.init) ?? "", m.chairs.joined(separator: ";"),
          m.themes.joined(separator: ";"), String(m.sources.count), String(m.conflicts.count),
        ]
      })
  }

  /// The membership points as CSV, one record per point.
  package var membersCSV: String {
    CSV.document(
      ["group", "counts", "date", "value", "qualifier", "document", "evidence"],
      membership.map { p in
        [
          p.key.group, p.key.counts.rawValue, p.key.date.description, p.value.map(String.init) ?? "",
          p.qualifier.rawValue, p.document?.description ?? "", p.evidence ?? "",
        ]
      })
  }

  /// The theme statistics as CSV; `byYear` as `YEAR:N` joined by `;`.
  package var themesCSV: String {
    CSV.document(
      ["theme", "kind", "meetings", "first", "last", "byYear"],
      themes.map { t in
        [
          t.theme, t.kind, String(t.meetings), t.first?.description ?? "", t.last?.description ?? "",
          t.byYear.keys.sorted().map { "\($0):\(t.byYear[$0] ?? 0)" }.joined(separator: ";"),
        ]
      })
  }

  /// The conflicts as CSV: one record per value held, with its holders `;`-joined.
  package func conflictsCSV(open: Bool) -> String {
    var rows: [[String]] = []
    for l in conflictListings(open: open) {
      let c = l.conflict
      for v in c.values {
        rows.append([
          l.target, c.field, c.chosen ?? "", v.value ?? "", v.by.joined(separator: ";"),
          c.settled.map { String($0.seq) } ?? "", c.settled?.reason ?? "",
        ])
      }
    }
    return CSV.document(["target", "field", "chosen", "value", "by", "settledBy", "reason"], rows)
  }
}
