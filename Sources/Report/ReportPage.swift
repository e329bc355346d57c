import Domain
import Projections

/// A ``Report`` as one self-contained HTML page: inline style, inline SVG charts, no script,
/// and a content security policy that forbids loading anything.
///
/// Every value from a document or a correction is escaped; text in any script is isolated
/// (`<bdi dir="auto">`, `<q dir="auto">`) so Arabic reads right to left beside English.
package enum ReportPage {
  /// The page, as UTF-8 text.
  package static func html(_ report: Report) -> String {
    var page = """
      <!DOCTYPE html>
      <html lang="en" dir="ltr">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
      <title>Communique report</title>
      <style>\(ReportStyle.css)</style>
      </head>
      <body>

      """
    page += header(report)
    page += timeline(report)
    page += membership(report)
    page += themes(report)
    page += corrections(report)
    page += conflicts(report)
    page += sources(report)
    page += "<footer>Written by communique from the event log; every value links to the quote it was read "
    page += "from or the correction that set it.</footer>\n</body>\n</html>\n"
    return page
  }

  static func header(_ r: Report) -> String {
    var state = "The archive's log through seq \(r.lastSeq)"
    if let at = r.lastRecordedAt { state += " (recorded \(at.reportText))" }
    if let knownAt = r.knownAt { state += ", known at \(knownAt)" }
    state += r.asOf.map { "; the world as its sources described it on \($0)." } ?? "; the latest state."
    let counts: [(String, Int)] = [
      ("meetings", r.meetings.count), ("count series", r.series.count), ("themes", r.themes.count),
      ("sources", r.documents.count), ("corrections", r.corrections.count),
      ("retractions", r.retractions.count), ("conflicts", r.conflicts.count),
    ]
    let summary = counts.map { "<li><b>\($0.1)</b>\($0.0)</li>" }.joined()
    return """
      <header>
      <h1>Communique report</h1>
      <p class="state">\(HTML.escape(state))</p>
      <nav><a href="#timeline">Timeline</a><a href="#members">Membership</a><a href="#themes">Themes</a>\
      <a href="#corrections">Corrections</a><a href="#conflicts">Conflicts</a><a href="#sources">Sources</a></nav>
      <ul class="summary">\(summary)</ul>
      </header>

      """
  }

  // MARK: Timeline

  /// The timeline section; `compact` (the site's overview) gives each meeting's sources as a
  /// count linked to the meeting's page, so the table grows with meetings, not documents.
  static func timeline(_ r: Report, compact: Bool = false) -> String {
    var out = "<section id=\"timeline\">\n<h2>Meeting timeline</h2>\n"
    guard let axis = r.axis, !r.meetings.isEmpty else {
      return out + "<p class=\"note\">No meetings.</p>\n</section>\n"
    }
    // Two drawings, one shown by width (ReportStyle): a phone gets a chart drawn for its
    // width, so its labels keep their size instead of shrinking with a scaled-down desktop one.
    for (width, name) in [(960.0, "wide"), (360.0, "narrow")] {
      let chart = TimelineChart(
        meetings: r.meetings.map(\.meeting), first: axis.lowerBound, last: axis.upperBound, width: width)
      out += "<figure class=\"\(name)\">" + svg(chart, entries: r.meetings) + "</figure>\n"
    }
    out += "<div class=\"legend\"><span>\(legendRect(virtual: false)) in person</span>"
    out += "<span>\(legendRect(virtual: true)) virtual</span>"
    out += "<span>numbers: ordinals (some left out where they would overlap); tap or hover a meeting "
    out += "for its dates, place and chairs</span></div>\n"
    out +=
      "<table class=\"meetings stack\">\n<thead><tr><th>Meeting</th><th>Dates</th><th>Place</th><th>Chairs</th>"
    out += "<th>Themes</th><th>Sources</th><th>Conflicts</th></tr></thead>\n<tbody>\n"
    for entry in r.meetings { out += row(entry, compact: compact) }
    return out + "</tbody>\n</table>\n</section>\n"
  }

  static func row(_ e: MeetingEntry, compact: Bool = false) -> String {
    func cell(_ label: String, _ fields: [String], _ body: String, class name: String? = nil) -> String {
      let conflicted = fields.compactMap { e.conflicted[$0] }
      let classes = ([name] + [conflicted.isEmpty ? nil : "conflict"]).compactMap { $0 }
      let attribute =
        " data-label=\"\(label)\"" + (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")
      guard let first = conflicted.first else { return "<td\(attribute)>\(body)</td>" }
      return
        "<td\(attribute)>\(body) <a class=\"flag\" href=\"#\(first)\" title=\"sources disagree\">⚠</a></td>"
    }
    let m = e.meeting
    let oneDay = m.end == nil || m.end == m.start
    let dates = [linked(e, "start"), oneDay ? "" : linked(e, "end")].filter { !$0.isEmpty }
      .joined(separator: " –<br>")
    var place = [linked(e, "city"), linked(e, "country")].filter { !$0.isEmpty }.joined(separator: ", ")
    if m.virtual == true { place += " " + linked(e, "virtual", as: "virtual", badge: "virtual") }
    let sources =
      compact
      ? HTML.link(m.sources.count == 1 ? "1 source" : "\(m.sources.count) sources", to: e.anchor)
      : m.sources.map { s in
        let label = s.language + (s.isTranslation ? " (translation)" : "")
        return HTML.link(label, to: HTML.anchor("doc", s.document.short), title: s.document.description)
      }.joined(separator: ", ")
    let conflictCount = m.conflicts.isEmpty ? "" : "\(m.conflicts.count)"
    return "<tr id=\"\(e.anchor)\"><td class=\"id\"><b>\(HTML.link(m.id, to: e.anchor))</b></td>"
      + cell("Dates", ["start", "end"], dates) + cell("Place", ["city", "country", "virtual"], place)
      + cell("Chairs", ["chairs"], linked(e, "chairs"), class: "chairs")
      + cell("Themes", ["themes"], linked(e, "themes"), class: "themes")
      + "<td data-label=\"Sources\">\(sources)</td>" + cell("Conflicts", ["group", "ordinal"], conflictCount)
      + "</tr>\n"
  }

  /// A field's values, each a link to its evidence (or correction), comma-joined.
  static func linked(_ e: MeetingEntry, _ field: String, as shown: String? = nil, badge: String? = nil)
    -> String
  {
    (e.fields[field] ?? []).map { value in
      let text = shown ?? value.text
      let inner =
        value.link.map { HTML.link(text, to: $0.anchor, title: $0.hover) } ?? HTML.isolated(text)
      return badge.map { "<span class=\"badge \($0)\">\(inner)</span>" } ?? inner
    }.joined(separator: ", ")
  }

  static func svg(_ chart: TimelineChart, entries: [MeetingEntry]) -> String {
    let n = HTML.number
    var out = "<svg class=\"chart timeline\" xmlns=\"http://www.w3.org/2000/svg\" "
    out += "viewBox=\"0 0 \(n(chart.width)) \(n(chart.height))\" width=\"\(n(chart.width))\" "
    out += "height=\"\(n(chart.height))\" role=\"img\" "
    out += "aria-label=\"Meetings on a time axis, one row per group\">"
    out += axis(chart.xTicks, y: chart.axisY, left: chart.plotLeft, right: chart.width - 12, top: 8)
    for lane in chart.lanes {
      out +=
        "<text class=\"lane\" x=\"\(n(lane.nameX))\" y=\"\(n(lane.nameY))\">\(HTML.escape(lane.group))</text>"
      out += "<line class=\"grid\" x1=\"\(n(chart.plotLeft))\" y1=\"\(n(lane.y))\" "
      out += "x2=\"\(n(chart.width - 12))\" y2=\"\(n(lane.y))\"/>"
    }
    let byID = Dictionary(entries.map { ($0.meeting.id, $0) }, uniquingKeysWith: { a, _ in a })
    for mark in chart.marks {
      guard let entry = byID[mark.meeting] else { continue }
      let classes =
        ["meeting"] + (mark.virtual ? ["virtual"] : []) + (entry.conflicted.isEmpty ? [] : ["conflicted"])
      out += "<a href=\"#\(entry.anchor)\"><rect class=\"\(classes.joined(separator: " "))\" "
      out += "x=\"\(n(mark.x))\" y=\"\(n(mark.y - 7))\" width=\"\(n(mark.width))\" height=\"14\" rx=\"3\">"
      out += "<title>\(HTML.escape(tooltip(entry.meeting)))</title></rect>"
      if !mark.label.isEmpty {
        out += "<text class=\"label\" x=\"\(n(mark.x + mark.width / 2))\" y=\"\(n(mark.labelY))\">"
        out += "\(HTML.escape(mark.label))</text>"
      }
      out += "</a>"
    }
    return out + "</svg>"
  }

  static func tooltip(_ m: Meeting) -> String {
    var parts = [m.id]
    if let start = m.start {
      parts.append(start == m.end || m.end == nil ? "\(start)" : "\(start) – \(m.end ?? start)")
    }
    let place = [m.city, m.country].compactMap { $0 }.joined(separator: ", ")
    if !place.isEmpty { parts.append(place) }
    if m.virtual == true { parts.append("virtual") }
    if !m.chairs.isEmpty { parts.append("chairs " + m.chairs.joined(separator: ", ")) }
    return parts.joined(separator: " · ")
  }

  static func legendRect(virtual: Bool) -> String {
    return
      "<svg width=\"22\" height=\"14\" aria-hidden=\"true\"><rect class=\"meeting\(virtual ? " virtual" : "")\" "
      + "x=\"1\" y=\"2\" width=\"20\" height=\"10\" rx=\"3\"/></svg>"
  }

  /// The year ticks and the base line of a time axis.
  static func axis(_ ticks: [Tick], y: Double, left: Double, right: Double, top: Double) -> String {
    let n = HTML.number
    var out = "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\"/>"
    for tick in ticks {
      out += "<line class=\"grid\" x1=\"\(n(tick.position))\" y1=\"\(n(top))\" x2=\"\(n(tick.position))\" "
      out += "y2=\"\(n(y))\"/><text x=\"\(n(tick.position))\" y=\"\(n(y + 15))\" text-anchor=\"middle\">"
      out += "\(HTML.escape(tick.label))</text>"
    }
    return out
  }
}
