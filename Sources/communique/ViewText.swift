import Archive
import Domain
import Projections

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
    return Terminal.table(["MEETING", "START", "END", "PLACE", "CHAIRS", "SOURCES", "CONFLICTS"], rows)
  }

  static func members(_ view: ArchiveView) -> String {
    let rows = view.membership.map { p in
      [
        p.key.group, p.key.counts.rawValue, p.key.date.description, p.value.map(String.init) ?? "?",
        p.qualifier.rawValue, p.document?.short ?? "",
      ]
    }
    return Terminal.table(["GROUP", "COUNTS", "DATE", "VALUE", "QUALIFIER", "DOCUMENT"], rows)
  }

  static func themes(_ view: ArchiveView) -> String {
    let rows = view.themes.map { t in
      [
        t.theme, t.kind, "\(t.meetings)", t.first.map { "\($0)" } ?? "", t.last.map { "\($0)" } ?? "",
        t.byYear.keys.sorted().map { "\($0):\(t.byYear[$0] ?? 0)" }.joined(separator: " "),
      ]
    }
    return Terminal.table(["THEME", "KIND", "MEETINGS", "FIRST", "LAST", "BY YEAR"], rows)
  }

  /// A diff as a changelog: `+` added, `-` removed, `~` changed, one line each.
  static func diff(_ diff: ArchiveDiff) -> [String] {
    guard !diff.isEmpty else { return ["no change"] }
    var lines: [String] = []
    func section(_ title: String, _ changes: ArchiveDiff.Changes, describe: (JSONValue) -> String) {
      guard !changes.isEmpty else { return }
      lines.append(title)
      for entry in changes.added { lines.append("  + \(describe(entry))") }
      for entry in changes.removed { lines.append("  - \(describe(entry))") }
      for c in changes.changed {
        lines.append("  ~ \(c.key) \(c.field): \(brief(c.from)) → \(brief(c.to))")
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
      lines.append("themes")
      for t in diff.themes {
        lines.append("  ~ \(t.theme): \(t.from) → \(t.to) meetings")
      }
    }
    return lines
  }

  /// A JSON value in a few characters: strings bare, lists comma-joined, objects counted.
  static func brief(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .string(let s): s
    case .array(let items) where items.contains(where: { $0["document"] != nil }):
      "\(items.count) source" + (items.count == 1 ? "" : "s")
    case .array(let items) where items.contains(where: { $0["field"] != nil }):
      items.isEmpty ? "none" : "on " + items.compactMap { $0["field"]?.stringValue }.joined(separator: ",")
    case .array(let items): "[" + items.map(brief).joined(separator: ",") + "]"
    case .object(let members): "{\(members.count) fields}"
    default: value.serialized
    }
  }
}
