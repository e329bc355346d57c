import Archive
import Domain
import JSONForm
import Projections
import Report

/// The projections as terminal tables, shared by `timeline`, `members`, `themes` and `replay`.
enum ViewText {
  static func timeline(_ view: ArchiveView) -> String {
    let rows = view.meetings.map { (m: Meeting) -> [String] in
      let place =
        m.virtual == true ? "virtual" : [m.city, m.country].compactMap { $0 }.joined(separator: ", ")
      let conflicts = m.conflicts.isEmpty ? "" : String(m.conflicts.count)
      return [
        m.id, m.start?.description ?? "?", m.end?.description ?? "?", place, m.chairs.joined(separator: ","),
        String(m.sources.count), conflicts,
      ]
    }
    return Terminal.table(
      ["MEETING", "START", "END", "PLACE", "CHAIRS", "SOURCES", "CONFLICTS"], rows, yielding: [3, 4]
    ) {
      _, column, cell in column == 6 && !cell.isEmpty ? .yellow : nil
    }
  }

  static func members(_ view: ArchiveView) -> String {
    let rows = view.membership.map { p in
      [
        p.key.group, p.key.counts.rawValue, p.key.date.description, p.value.map(String.init) ?? "?",
        p.qualifier.rawValue, p.document?.short ?? "",
      ]
    }
    let table = Terminal.table(["GROUP", "COUNTS", "DATE", "VALUE", "QUALIFIER", "DOCUMENT"], rows) {
      _, column, cell in column == 4 && cell != CountQualifier.exact.rawValue ? .cyan : nil
    }
    return table + "\n\n" + series(view)
  }

  /// One line per membership series: its points as a sparkline, its range and its latest count.
  static func series(_ view: ArchiveView) -> String {
    var order: [String] = []
    var points: [String: [MembershipPoint]] = [:]
    for p in view.membership {
      let key = "\(p.key.group)\t\(p.key.counts.rawValue)"
      if points[key] == nil { order.append(key) }
      points[key, default: []].append(p)
    }
    let rows = order.map { key -> [String] in
      let series = points[key] ?? []
      let values = series.compactMap(\.value)
      let range =
        values.min().map { low in low == values.max() ? "\(low)" : "\(low)–\(values.max() ?? low)" } ?? ""
      let latest = series.last { $0.value != nil }.map { p in
        "\(p.qualifier == .exact ? "" : p.qualifier.rawValue + " ")\(p.value ?? 0) on \(p.key.date)"
      }
      let parts = key.split(separator: "\t").map(String.init)
      return parts + ["\(series.count)", Sparkline.render(values), range, latest ?? ""]
    }
    return Terminal.table(
      ["GROUP", "COUNTS", "POINTS", "HISTORY", "RANGE", "LATEST"], rows, yielding: [3], keepingEnd: [3]
    ) {
      _, column, _ in column == 3 ? .green : nil
    }
  }

  static func themes(_ view: ArchiveView) -> String {
    let rows = view.themes.map { t in
      [
        t.theme, t.kind, "\(t.meetings)", t.first.map { "\($0)" } ?? "", t.last.map { "\($0)" } ?? "",
        t.byYear.keys.sorted().map { "\($0):\(t.byYear[$0] ?? 0)" }.joined(separator: " "),
      ]
    }
    return Terminal.table(["THEME", "KIND", "MEETINGS", "FIRST", "LAST", "BY YEAR"], rows, yielding: [5])
  }

  /// A diff as a changelog: `+` added, `-` removed, `~` changed, one line each.
  static func diff(_ diff: ArchiveDiff) -> [String] {
    guard !diff.isEmpty else { return ["no change"] }
    var lines: [String] = []
    func section(_ title: String, _ changes: ArchiveDiff.Changes, describe: (JSONValue) -> String) {
      guard !changes.isEmpty else { return }
      lines.append(Terminal.paint(title, .bold))
      for entry in changes.added {
        lines.append(Terminal.paint("  + " + Terminal.safe(describe(entry)), .green))
      }
      for entry in changes.removed {
        lines.append(Terminal.paint("  - " + Terminal.safe(describe(entry)), .red))
      }
      for c in changes.changed {
        lines.append(
          Terminal.paint("  ~ ", .yellow)
            + "\(Terminal.safe(c.key)) \(Terminal.safe(c.field)): \(Terminal.isolated(brief(c.from))) → \(Terminal.isolated(brief(c.to)))"
        )
      }
    }
    section("meetings", diff.meetings) { m in
      let place = [m["city"], m["country"]].compactMap { $0?.stringValue }.joined(separator: ", ")
      return "\(m["id"]?.stringValue ?? "?") \(m["start"]?.stringValue ?? "?") \(place)"
    }
    section("members", diff.members) { p in
      let key = ["group", "counts", "date"].map { p[$0]?.stringValue ?? "?" }.joined(separator: "/")
      return "\(key) = \(p["value"].map(brief) ?? "?") (\(p["qualifier"]?.stringValue ?? "?"))"
    }
    if !diff.themes.isEmpty {
      lines.append(Terminal.paint("themes", .bold))
      for t in diff.themes {
        lines.append("  ~ \(Terminal.safe(t.theme)): \(t.from) → \(t.to) meetings")
      }
    }
    return lines
  }

  /// A JSON value in a few characters: strings bare, lists comma-joined, objects counted.
  static func brief(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .string(let s): s
    case .array(let items) where items.isEmpty: "none"
    case .array(let items) where items.contains(where: { $0["document"] != nil }):
      "\(items.count) source" + (items.count == 1 ? "" : "s")
    case .array(let items) where items.contains(where: { $0["field"] != nil }):
      // Each field with how many sources hold each value (`themes 13/28`), so a source
      // joining one side of a disagreement shows too, and the correction settling it.
      items.map { conflict in
        let sides = (conflict["values"]?.arrayValue ?? []).map { String($0["by"]?.arrayValue?.count ?? 0) }
        let settled = conflict["settled"]?["seq"].map { " settled by seq \(brief($0))" } ?? ""
        return "\(conflict["field"]?.stringValue ?? "?") \(sides.joined(separator: "/"))\(settled)"
      }
      .joined(separator: ", ")
    case .array(let items): "[" + items.map(brief).joined(separator: ",") + "]"
    case .object(let members): "{\(members.count) fields}"
    default: value.serialized
    }
  }
}
