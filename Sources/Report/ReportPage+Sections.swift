import Domain
import Projections

extension ReportPage {
  // MARK: Membership

  static func membership(_ r: Report) -> String {
    var out = "<section id=\"members\">\n<h2>Membership counts</h2>\n"
    guard let axis = r.axis, !r.series.isEmpty else {
      return out + "<p class=\"note\">No counts.</p>\n</section>\n"
    }
    out += "<p class=\"note\">One step chart per group and kind of count: a count holds until the next one. "
    out += "A count stated as “over N” is a lower bound, not a value.</p>\n"
    out += "<div class=\"legend\">"
    for (bound, text) in [
      (StepChart.Bound.exact, "exact"), (.lower, "over N: at least N"), (.upper, "nearly N: at most N"),
      (.approximate, "about N"),
    ] {
      out += "<span><svg width=\"18\" height=\"24\" viewBox=\"-9 -16 18 24\" aria-hidden=\"true\">"
      out += markShape(bound, x: 0, y: 0, conflicted: false) + "</svg>\(text)</span>"
    }
    out += "</div>\n"
    for series in r.series {
      out +=
        "<h3 id=\"\(series.anchor)\">\(HTML.escape(series.group)) · \(HTML.escape(series.counts.words))</h3>\n"
      let points = series.points.compactMap { p in
        p.point.value.map {
          StepChart.Point(date: p.point.key.date, value: $0, qualifier: p.point.qualifier, anchor: p.anchor)
        }
      }
      let chart = StepChart(points: points, first: axis.lowerBound, last: axis.upperBound)
      let conflicted = Set(series.points.filter { $0.conflict != nil }.map(\.anchor))
      out +=
        "<figure>"
        + svg(
          chart, title: "\(series.group) \(series.counts.words)", counts: series.counts,
          conflicted: conflicted)
      out +=
        "</figure>\n<table class=\"points stack\">\n<thead><tr><th>Date</th><th>Count</th><th>Source</th>"
      out += "<th>Evidence</th></tr></thead>\n<tbody>\n"
      for p in series.points { out += row(p) }
      out += "</tbody>\n</table>\n"
    }
    return out + "</section>\n"
  }

  static func row(_ p: PointEntry) -> String {
    let value =
      p.point.value.map {
        Report.countText(value: $0, qualifier: p.point.qualifier, counts: p.point.key.counts)
      } ?? "(no number)"
    let count = p.link.map { HTML.link(value, to: $0.anchor, title: $0.hover) } ?? HTML.escape(value)
    let source = p.point.document.map { HTML.link($0.short, to: HTML.anchor("doc", $0.short)) } ?? ""
    let countCell =
      p.conflict.map {
        "<td class=\"conflict\" data-label=\"Count\">\(count) "
          + "<a class=\"flag\" href=\"#\($0)\" title=\"sources disagree\">⚠</a></td>"
      } ?? "<td data-label=\"Count\">\(count)</td>"
    let quote = p.point.evidence.map { "<q dir=\"auto\">\(HTML.escape($0))</q>" } ?? ""
    return
      "<tr id=\"\(p.anchor)\"><td data-label=\"Date\">\(p.point.key.date)</td>\(countCell)"
      + "<td data-label=\"Source\">\(source)</td><td data-label=\"Evidence\">\(quote)</td></tr>\n"
  }

  static func svg(_ chart: StepChart, title: String, counts: CountedKind, conflicted: Set<String>) -> String {
    let n = HTML.number
    var out = "<svg class=\"chart steps\" xmlns=\"http://www.w3.org/2000/svg\" "
    out += "viewBox=\"0 0 \(n(chart.width)) \(n(chart.height))\" width=\"\(n(chart.width))\" "
    out += "height=\"\(n(chart.height))\" role=\"img\" aria-label=\"\(HTML.escape(title)) over time\">"
    for tick in chart.yTicks {
      out += "<line class=\"grid\" x1=\"\(n(chart.plotLeft))\" y1=\"\(n(tick.position))\" "
      out += "x2=\"\(n(chart.plotRight))\" y2=\"\(n(tick.position))\"/>"
      out += "<text x=\"\(n(chart.plotLeft - 6))\" y=\"\(n(tick.position + 4))\" text-anchor=\"end\">"
      out += "\(tick.label)</text>"
    }
    out += axis(
      chart.xTicks, y: chart.plotBottom, left: chart.plotLeft, right: chart.plotRight, top: chart.plotTop)
    out += "<line class=\"axis\" x1=\"\(n(chart.plotLeft))\" y1=\"\(n(chart.plotTop))\" "
    out += "x2=\"\(n(chart.plotLeft))\" y2=\"\(n(chart.plotBottom))\"/>"
    for s in chart.segments {
      let classes = "step \(s.bound.rawValue)" + (s.carried ? " carried" : "")
      out +=
        "<line class=\"\(classes)\" x1=\"\(n(s.x1))\" y1=\"\(n(s.y1))\" x2=\"\(n(s.x2))\" y2=\"\(n(s.y2))\"/>"
    }
    for mark in chart.marks {
      let p = mark.point
      let text = "\(p.date): \(Report.countText(value: p.value, qualifier: p.qualifier, counts: counts))"
      let isConflicted = p.anchor.map { conflicted.contains($0) } ?? false
      out += "<a href=\"#\(p.anchor ?? "")\"><g><title>\(HTML.escape(text))</title>"
      out += markShape(mark.bound, x: mark.x, y: mark.y, conflicted: isConflicted) + "</g></a>"
    }
    return out + "</svg>"
  }

  /// A point's mark: a dot for an exact count, an open dot for an approximate one, and for
  /// a bound a bar at the number with an arrow pointing where the true number lies.
  static func markShape(_ bound: StepChart.Bound, x: Double, y: Double, conflicted: Bool) -> String {
    let n = HTML.number
    let extra = conflicted ? " conflicted" : ""
    switch bound {
    case .exact, .approximate:
      return "<circle class=\"mark \(bound.rawValue)\(extra)\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4.5\"/>"
    case .lower, .upper:
      let dir = bound == .lower ? -1.0 : 1.0
      let tip = y + dir * 14
      var out =
        "<path class=\"bound\(extra)\" d=\"M\(n(x - 6)),\(n(y))H\(n(x + 6))M\(n(x)),\(n(y))V\(n(tip))\"/>"
      out += "<path class=\"mark \(bound.rawValue)\(extra)\" "
      out += "d=\"M\(n(x - 4)),\(n(tip - dir * 5))L\(n(x)),\(n(tip))L\(n(x + 4)),\(n(tip - dir * 5))Z\"/>"
      return out
    }
  }

  // MARK: Themes

  /// The themes section; the site's overview leaves out the meeting × theme grid (it grows
  /// with the meetings) and lists each theme's first and last meeting instead.
  static func themes(_ r: Report, grid withGrid: Bool = true) -> String {
    var out = "<section id=\"themes\">\n<h2>Themes</h2>\n"
    guard !r.themes.isEmpty else { return out + "<p class=\"note\">No themes.</p>\n</section>\n" }
    out += "<p class=\"note\">Meetings that discussed each theme (a translation is not a second discussion). "
    out += "Colour by kind:<span class=\"swatch method\"></span>method"
    out += "<span class=\"swatch response\"></span>response<span class=\"swatch region\"></span>region.</p>\n"
    let chart = BarChart(rows: r.themes.map { ($0.theme, $0.meetings) })
    let n = HTML.number
    out += "<figure><svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" "
    out += "viewBox=\"0 0 \(n(chart.width)) \(n(chart.height))\" width=\"\(n(chart.width))\" "
    out += "height=\"\(n(chart.height))\" role=\"img\" aria-label=\"Meetings per theme\">"
    for (bar, theme) in zip(chart.bars, r.themes) {
      let years = theme.byYear.keys.sorted().map { "\($0): \(theme.byYear[$0] ?? 0)" }.joined(separator: ", ")
      out += "<a href=\"#\(HTML.anchor("theme", theme.theme))\"><g><title>\(HTML.escape(theme.theme)) — "
      out += "\(theme.meetings) meetings (\(HTML.escape(years)))</title>"
      out += "<text x=\"\(n(chart.labelWidth - 8))\" y=\"\(n(bar.y + bar.height - 4))\" text-anchor=\"end\">"
      out += "\(HTML.escape(theme.theme))</text>"
      out += "<rect class=\"bar \(HTML.escape(theme.kind))\" x=\"\(n(bar.x))\" y=\"\(n(bar.y))\" "
      out += "width=\"\(n(bar.width))\" height=\"\(n(bar.height))\" rx=\"2\"/>"
      out +=
        "<text x=\"\(n(bar.x + bar.width + 5))\" y=\"\(n(bar.y + bar.height - 4))\">\(theme.meetings)</text>"
      out += "</g></a>"
    }
    out += "</svg></figure>\n"
    out += withGrid ? grid(r) : themeTable(r)
    return out + "</section>\n"
  }

  /// Each theme's kind, meetings, first and last meeting day.
  static func themeTable(_ r: Report) -> String {
    var out = "<table class=\"stack\">\n<thead><tr><th>Theme</th><th>Kind</th><th>Meetings</th><th>First</th>"
    out += "<th>Last</th></tr></thead>\n<tbody>\n"
    for t in r.themes {
      out += "<tr id=\"\(HTML.anchor("theme", t.theme))\"><td><b>\(HTML.escape(t.theme))</b></td>"
      out +=
        "<td data-label=\"Kind\">\(HTML.escape(t.kind))</td><td data-label=\"Meetings\">\(t.meetings)</td>"
      out += "<td data-label=\"First\">\(t.first.map(\.description) ?? "")</td>"
      out += "<td data-label=\"Last\">\(t.last.map(\.description) ?? "")</td></tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  /// The meeting × theme grid: a mark where a meeting discussed a theme, linked to the quote.
  static func grid(_ r: Report) -> String {
    let rows = r.meetings.filter { !$0.meeting.themes.isEmpty }
    guard !rows.isEmpty else { return "" }
    var out =
      "<h3>Meetings × themes</h3>\n<div style=\"overflow-x:auto\"><table class=\"grid\">\n<thead><tr><th></th>"
    for t in r.themes {
      out += "<th class=\"theme\" id=\"\(HTML.anchor("theme", t.theme))\">\(HTML.escape(t.theme))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for e in rows {
      out += "<tr><th class=\"row\">\(HTML.link(e.meeting.id, to: e.anchor))</th>"
      let values = e.fields["themes"] ?? []
      for t in r.themes {
        if let value = values.first(where: { $0.text == t.theme }) {
          let mark = value.link.map { HTML.link("●", to: $0.anchor, title: $0.hover) } ?? "●"
          out += "<td class=\"hit\" title=\"\(HTML.escape(e.meeting.id + " · " + t.theme))\">\(mark)</td>"
        } else {
          out += "<td></td>"
        }
      }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table></div>\n"
  }

  // MARK: Corrections, retractions, conflicts

  static func corrections(_ r: Report) -> String {
    var out = "<section id=\"corrections\">\n<h2>Corrections and retractions</h2>\n"
    if r.corrections.isEmpty {
      out += "<p class=\"note\">No corrections.</p>\n"
    } else {
      out +=
        "<table class=\"stack\">\n<thead><tr><th>Seq</th><th>Recorded</th><th>Target</th><th>Set</th><th>Reason</th>"
      out += "<th>Effective</th></tr></thead>\n<tbody>\n"
      for c in r.corrections {
        let e = c.record.correction
        let target = c.target.map { HTML.link(e.target, to: $0) } ?? HTML.escape(e.target)
        let changes = e.changes.map { HTML.escape("\($0.field) = \($0.value ?? "null")") }.joined(
          separator: "<br>")
        let author = e.author.map { " (\(HTML.isolated($0)))" } ?? ""
        out +=
          "<tr id=\"\(c.anchor)\"><td data-label=\"Seq\">\(c.record.seq)</td>"
        out += "<td class=\"time\" data-label=\"Recorded\">\(c.record.recordedAt.reportText)</td>"
        out += "<td data-label=\"Target\">\(target)</td><td data-label=\"Set\">\(changes)</td>"
        out += "<td data-label=\"Reason\">\(HTML.isolated(e.reason))\(author)</td>"
        out += "<td data-label=\"Effective\">\(e.effective.map(\.description) ?? "")</td></tr>\n"
      }
      out += "</tbody>\n</table>\n"
    }
    if r.retractions.isEmpty {
      out += "<p class=\"note\">No retractions.</p>\n"
    } else {
      out +=
        "<h3>Retracted documents</h3>\n<table class=\"stack\">\n<thead><tr><th>Seq</th><th>Document</th><th>Reason</th>"
      out += "</tr></thead>\n<tbody>\n"
      for x in r.retractions {
        let title = x.title.map { " " + HTML.isolated($0, language: x.language) } ?? ""
        out +=
          "<tr><td>\(x.retraction.seq)</td><td>\(HTML.link(x.document.short, to: HTML.anchor("doc", x.document.short)))"
        out += "\(title)</td><td>\(HTML.isolated(x.retraction.reason))</td></tr>\n"
      }
      out += "</tbody>\n</table>\n"
    }
    return out + "</section>\n"
  }

  /// The conflicts section; with `limit` (the site's overview) at most that many rows, each
  /// naming at most a few holders of a value, so the section does not grow with the sources.
  static func conflicts(_ r: Report, limit: Int? = nil) -> String {
    var out = "<section id=\"conflicts\">\n<h2>Conflicts</h2>\n"
    guard !r.conflicts.isEmpty else { return out + "<p class=\"note\">The sources agree.</p>\n</section>\n" }
    out +=
      "<p class=\"note\">Fields on which sources, or a correction and the sources, disagree. A correction wins "
    out +=
      "over any extraction; among extractions an original-language release wins over a translation.</p>\n"
    out +=
      "<table class=\"stack\">\n<thead><tr><th>Target</th><th>Field</th><th>Stands</th><th>Values held</th></tr></thead>\n"
    out += "<tbody>\n"
    let holderLimit = limit == nil ? Int.max : 4
    for c in r.conflicts.prefix(limit ?? Int.max) {
      let held = c.conflict.values.map { v in
        var by = v.by.prefix(holderLimit).map { holder in
          let label = DocumentID(holder)?.short ?? holder
          return c.holders[holder].map { HTML.link(label, to: $0) } ?? HTML.escape(label)
        }.joined(separator: ", ")
        if v.by.count > holderLimit { by += " and \(v.by.count - holderLimit) more" }
        return "\(HTML.isolated(v.value ?? "null")) ← \(by)"
      }.joined(separator: "<br>")
      out += "<tr id=\"\(c.anchor)\"><td class=\"conflict\">\(HTML.link(c.target, to: c.targetAnchor))</td>"
      out += "<td data-label=\"Field\">\(HTML.escape(c.conflict.field))</td>"
      out += "<td data-label=\"Stands\">\(HTML.isolated(c.conflict.chosen ?? "null"))</td>"
      out += "<td data-label=\"Values held\">\(held)</td></tr>\n"
    }
    out += "</tbody>\n</table>\n"
    if let limit, r.conflicts.count > limit {
      out += "<p class=\"note\">\(r.conflicts.count - limit) more: each meeting's page lists its own.</p>\n"
    }
    return out + "</section>\n"
  }

  // MARK: Sources

  static func sources(_ r: Report) -> String {
    var out = "<section id=\"sources\">\n<h2>Sources and evidence</h2>\n"
    guard !r.documents.isEmpty else { return out + "<p class=\"note\">No documents.</p>\n</section>\n" }
    for d in r.documents {
      let record = d.record
      let state = record.retraction != nil ? "retracted" : (d.standing ? "" : "superseded")
      out +=
        "<article class=\"document \(state)\" id=\"\(d.anchor)\" lang=\"\(HTML.escape(record.language))\">\n"
      out += "<h3 dir=\"\(HTML.direction(record.language))\">"
      out += HTML.isolated(d.title ?? "(untitled)", language: record.language)
      if !state.isEmpty { out += " <span class=\"badge \(state)\" lang=\"en\">\(state)</span>" }
      out +=
        "</h3>\n<p class=\"meta\" lang=\"en\"><code>\(record.id)</code> · \(HTML.escape(record.language))"
      if record.isTranslation { out += " · translation" }
      out += " · published \(record.published.map(\.description) ?? "undated") · seq \(record.seq)"
      if let link = d.link {
        out +=
          " · "
          + (isWebLink(link)
            ? "<a href=\"\(HTML.escape(link))\" rel=\"noreferrer\">\(HTML.escape(link))</a>"
            : HTML.escape(link))
      }
      if let revises = record.revises {
        out += " · revises " + HTML.link(revises.short, to: HTML.anchor("doc", revises.short))
      }
      if let retraction = record.retraction {
        out += " · retracted at seq \(retraction.seq): " + HTML.isolated(retraction.reason)
      }
      out += "</p>\n"
      out += evidenceList(d.evidence, language: record.language) + "</article>\n"
    }
    return out + "</section>\n"
  }

  /// A document's facts, each with its value, quote (a link to where `quoteTarget` says it
  /// is marked in the text, if anywhere) and character range; or a note that there are none.
  static func evidenceList(
    _ evidence: [EvidenceEntry], language: String, quoteTarget: (EvidenceEntry) -> String? = { _ in nil }
  ) -> String {
    guard !evidence.isEmpty else {
      return "<p class=\"note\" lang=\"en\">No facts read from this document.</p>\n"
    }
    var out = "<ol class=\"evidence\">\n"
    for e in evidence {
      out += "<li id=\"\(e.anchor)\"><span class=\"field\" lang=\"en\">\(HTML.escape(e.field))</span> "
      out += "<b lang=\"en\">\(HTML.isolated(e.value))</b> "
      let quote = "<q dir=\"auto\" lang=\"\(HTML.escape(language))\">\(HTML.escape(e.evidence.quote))</q>"
      out += (quoteTarget(e).map { "<a href=\"\($0)\">\(quote)</a>" } ?? quote) + " "
      out += "<span class=\"range\" lang=\"en\">characters \(e.evidence.range.lowerBound)–"
      out += "\(e.evidence.range.upperBound)</span></li>\n"
    }
    return out + "</ol>\n"
  }

  /// Whether a document's link may be followed: only http and https, never `javascript:`.
  static func isWebLink(_ link: String) -> Bool {
    let lower = link.lowercased()
    return lower.hasPrefix("https://") || lower.hasPrefix("http://")
  }
}
