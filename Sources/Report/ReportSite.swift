import Domain
import Projections

/// A ``Report`` as a small static site, so that no page grows with the archive: an overview
/// (`index.html`: timeline, membership, themes, corrections, open conflicts), a page per
/// meeting (`meetings/ID.html`) and per document (`documents/SHORT.html`, its text with every
/// fact highlighted where it was read), the document list in pages of ``documentsPerPage``,
/// and one shared style sheet. Like the single page: no script, nothing loaded from outside
/// the site, every value from a document escaped.
///
/// The pages reuse ``ReportPage``'s sections, whose links point at anchors (`#m-cifg-12`);
/// ``page(_:title:depth:body:)`` sends each link to the page that holds its anchor.
package struct ReportSite: Sendable {
  /// Documents a page of the document list holds.
  package static let documentsPerPage = 500
  /// Conflicts the overview lists (each meeting's page lists all of its own).
  package static let conflictsOnOverview = 100
  /// The name of the file that marks a directory as a site this command wrote, so that
  /// writing a site again may replace it and never replaces anything else.
  package static let marker = ".communique-report"

  /// The report the site shows.
  package let report: Report
  /// The documents by id.
  let documents: [DocumentID: DocumentEntry]
  /// For each document, the meetings it is a source of.
  let meetingsOf: [DocumentID: [MeetingEntry]]
  /// For each conflict anchor, the page that lists it.
  let conflictPages: [String: String]
  /// The revisions of each document's text, by the first one's id, oldest first.
  let revisionsOf: [DocumentID: [DocumentEntry]]

  /// The site of `report`.
  package init(_ report: Report) {
    self.report = report
    documents = Dictionary(report.documents.map { ($0.record.id, $0) }, uniquingKeysWith: { a, _ in a })
    var meetingsOf: [DocumentID: [MeetingEntry]] = [:]
    for e in report.meetings {
      for s in e.meeting.sources { meetingsOf[s.document, default: []].append(e) }
    }
    self.meetingsOf = meetingsOf
    var conflictPages: [String: String] = [:]
    for c in report.conflicts where c.targetAnchor.hasPrefix("m-") {
      conflictPages[c.anchor] = ReportSite.path(meetingAnchor: c.targetAnchor)
    }
    self.conflictPages = conflictPages
    revisionsOf = Dictionary(grouping: report.documents, by: \.record.revisionRoot)
  }

  // MARK: Paths

  /// `meetings/cifg-12.html`: the file name is the meeting's anchor, safe in any file system.
  package static func path(meetingAnchor anchor: String) -> String {
    "meetings/" + anchor.dropFirst("m-".count) + ".html"
  }

  /// `documents/9f2c41d0e1a2.html`.
  package static func path(document: DocumentID) -> String { "documents/\(document.short).html" }

  /// `documents/index.html`, then `documents/page-2.html` …
  package static func path(listPage n: Int) -> String {
    n == 1 ? "documents/index.html" : "documents/page-\(n).html"
  }

  /// The pages of the document list.
  package var listPages: Int {
    max(1, (report.documents.count + Self.documentsPerPage - 1) / Self.documentsPerPage)
  }

  /// The page (from the site's root) an anchor of the single-page report lives on, with the
  /// anchor when it is not the page itself.
  func target(of anchor: String) -> String {
    if anchor.hasPrefix("m-") { return Self.path(meetingAnchor: anchor) }
    if anchor.hasPrefix("doc-") { return "documents/\(anchor.dropFirst(4)).html" }
    if anchor.hasPrefix("ev-") {
      let short = anchor.dropFirst(3).prefix { $0 != "-" }
      return "documents/\(short).html#\(anchor)"
    }
    if anchor == "sources" { return Self.path(listPage: 1) }
    if let page = conflictPages[anchor] { return page + "#" + anchor }
    return "index.html#" + anchor
  }

  // MARK: Pages

  /// The shared style sheet: the single page's, and the few rules only the site uses.
  package var stylesheet: String {
    ReportStyle.css + """

      .crumbs { font-size: 13px; margin: 0 0 8px; }
      div.text { white-space: pre-wrap; background: #fafbfc; border: 1px solid var(--rule);
        padding: 12px 14px; margin: 8px 0; line-height: 1.7; }
      div.text mark { background: #fff0b3; border-bottom: 2px solid #f0b400; padding: 0 1px; }
      div.text mark:target { background: var(--target); }
      .pages { display: flex; flex-wrap: wrap; gap: 4px 10px; margin: 10px 0; }

      """
  }

  /// A page of the site: the head (the shared style sheet, the same policy as the single
  /// page but for style from the site), `body` with its links sent to their pages.
  func page(_ body: String, title: String, depth: Int, language: String = "en") -> String {
    let up = String(repeating: "../", count: depth)
    var page = """
      <!DOCTYPE html>
      <html lang="\(HTML.escape(language))" dir="ltr">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self' 'unsafe-inline'">
      <meta name="generator" content="communique report">
      <title>\(HTML.escape(title))</title>
      <link rel="stylesheet" href="\(up)style.css">
      </head>
      <body>

      """
    if depth > 0 {
      page += "<p class=\"crumbs\"><a href=\"\(up)index.html\">Overview</a> · "
      page += "<a href=\"\(up)\(Self.path(listPage: 1))\">Documents</a></p>\n"
    }
    page += relinked(body, up: up)
    page += "<footer>Written by communique from the event log; every value links to the quote it was read "
    page += "from or the correction that set it.</footer>\n</body>\n</html>\n"
    return page
  }

  /// `html` with each `href="#anchor"` whose anchor is not on the page sent to the page
  /// that holds it. Anchors are `[a-z0-9-]` (``HTML/anchor(_:_:)``), so a byte scan finds them.
  func relinked(_ html: String, up: String) -> String {
    let bytes = Array(html.utf8)
    var ids = Set<String>()
    let idMark = Array(" id=\"".utf8)
    let hrefMark = Array("href=\"#".utf8)
    func value(at start: Int) -> (String, Int) {
      var end = start
      while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
      return (String(decoding: bytes[start..<end], as: UTF8.self), end)
    }
    func matches(_ mark: [UInt8], at i: Int) -> Bool {
      i + mark.count <= bytes.count && bytes[i] == mark[0] && Array(bytes[i..<i + mark.count]) == mark
    }
    var i = 0
    while i < bytes.count {
      if matches(idMark, at: i) {
        let (id, end) = value(at: i + idMark.count)
        ids.insert(id)
        i = end
      } else {
        i += 1
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    i = 0
    while i < bytes.count {
      if matches(hrefMark, at: i) {
        let (anchor, end) = value(at: i + hrefMark.count)
        let href = ids.contains(anchor) ? "#" + anchor : up + target(of: anchor)
        out += Array("href=\"".utf8) + Array(href.utf8)
        i = end
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `index.html`: what the archive holds, at a size set by its meetings, never its documents.
  package var overview: String {
    let r = report
    var body = ReportPage.header(r)
    body += ReportPage.timeline(r, compact: true)
    body += ReportPage.membership(r)
    body += ReportPage.themes(r, grid: false)
    body += ReportPage.corrections(r)
    body += ReportPage.conflicts(r, limit: Self.conflictsOnOverview)
    body += "<section id=\"documents\">\n<h2>Documents</h2>\n<p>\(r.documents.count) documents, "
    body += "listed by publication date in pages of \(Self.documentsPerPage): "
    body += "<a href=\"\(Self.path(listPage: 1))\">the document list</a>.</p>\n</section>\n"
    return page(body, title: "Communique report", depth: 0)
  }

  /// A page of the document list, oldest first.
  package func listPage(_ n: Int) -> String {
    let all = report.documents
    let first = (n - 1) * Self.documentsPerPage
    let slice = all[min(first, all.count)..<min(first + Self.documentsPerPage, all.count)]
    var body = "<h1>Documents</h1>\n<p class=\"note\">\(all.count) documents; "
    body += "\(first + 1)–\(first + slice.count) on this page.</p>\n" + pager(n)
    body += "<table class=\"stack documents\">\n<thead><tr><th>Published</th><th>Document</th>"
    body += "<th>Language</th><th>Title</th></tr></thead>\n<tbody>\n"
    for d in slice {
      let r = d.record
      let state = r.retraction != nil ? " (retracted)" : (d.standing ? "" : " (superseded)")
      body += "<tr><td data-label=\"Published\">\(r.published.map(\.description) ?? "undated")</td>"
      body += "<td data-label=\"Document\"><a href=\"../\(Self.path(document: r.id))\">\(r.id.short)</a>"
      body += "\(state)</td><td data-label=\"Language\">\(HTML.escape(r.language))</td>"
      body += "<td>\(HTML.isolated(d.title ?? "(untitled)", language: r.language))</td></tr>\n"
    }
    body += "</tbody>\n</table>\n" + pager(n)
    return page(body, title: "Documents, page \(n)", depth: 1)
  }

  func pager(_ n: Int) -> String {
    guard listPages > 1 else { return "" }
    var out = "<nav class=\"pages\">"
    for p in 1...listPages {
      let name = String(Self.path(listPage: p).dropFirst("documents/".count))
      out += p == n ? "<b>\(p)</b>" : "<a href=\"\(name)\">\(p)</a>"
    }
    return out + "</nav>\n"
  }

  /// A meeting's page: each fact with what supports it, its counts, conflicts and
  /// corrections, and the documents that state it.
  package func meetingPage(_ e: MeetingEntry) -> String {
    let m = e.meeting
    var body = "<h1 id=\"\(e.anchor)\">\(HTML.escape(m.id))</h1>\n"
    body += "<p class=\"state\">\(HTML.escape(ReportPage.tooltip(m)))</p>\n"
    body += "<section id=\"facts\">\n<h2>Facts</h2>\n<table class=\"stack facts\">\n"
    body += "<thead><tr><th>Field</th><th>Value and its source</th></tr></thead>\n<tbody>\n"
    for (field, _) in Report.fieldValues(of: m) {
      let values = ReportPage.linked(e, field)
      guard !values.isEmpty else { continue }
      let flag = e.conflicted[field].map {
        " <a class=\"flag\" href=\"#\($0)\" title=\"sources disagree\">⚠</a>"
      }
      let classes = (field == "chairs" ? ["chairs"] : []) + (flag == nil ? [] : ["conflict"])
      let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
      body += "<tr><th>\(HTML.escape(field))</th><td\(attribute)>\(values)\(flag ?? "")</td></tr>\n"
    }
    body += "</tbody>\n</table>\n</section>\n"

    // The counts dated by this meeting (its last day) in its group.
    let day = m.end ?? m.start
    let points = report.series.filter { $0.group == m.group }.flatMap(\.points).filter {
      $0.point.key.date == day
    }
    body += "<section id=\"counts\">\n<h2>Counts</h2>\n"
    if points.isEmpty {
      body += "<p class=\"note\">No count is dated by this meeting.</p>\n"
    } else {
      body += "<table class=\"points stack\">\n<thead><tr><th>Date</th><th>Count</th><th>Source</th>"
      body += "<th>Evidence</th></tr></thead>\n<tbody>\n"
      for p in points { body += ReportPage.row(p) }
      body += "</tbody>\n</table>\n"
    }
    body += "</section>\n"

    var own = report
    own.conflicts = report.conflicts.filter { $0.targetAnchor == e.anchor }
    own.corrections = report.corrections.filter { $0.target == e.anchor }
    let sources = Set(m.sources.map(\.document))
    own.retractions = report.retractions.filter { sources.contains($0.document) }
    body += ReportPage.conflicts(own) + ReportPage.corrections(own)

    body += "<section id=\"sources\">\n<h2>Documents that state it</h2>\n<ul class=\"sources\">\n"
    for s in m.sources {
      let d = documents[s.document]
      let language = d?.record.language ?? s.language
      body += "<li><a href=\"../\(Self.path(document: s.document))\">\(s.document.short)</a> · "
      body += "\(HTML.escape(s.language))\(s.isTranslation ? " (translation)" : "")"
      body += " · published \(s.published.map(\.description) ?? "undated") "
      body += HTML.isolated(d?.title ?? "(untitled)", language: language) + "</li>\n"
    }
    body += "</ul>\n</section>\n"
    return page(body, title: "Meeting \(m.id)", depth: 1)
  }

  /// A document's page: its text with each fact highlighted where it was read, the facts,
  /// its revisions, the corrections that name it and the meetings it is a source of.
  /// `text`: the document's stored text (nil when it cannot be read: the facts still show).
  package func documentPage(_ d: DocumentEntry, text: String?) -> String {
    let r = d.record
    let direction = HTML.direction(r.language)
    let language = HTML.escape(r.language)
    let state = r.retraction != nil ? "retracted" : (d.standing ? "" : "superseded")
    var body = "<article class=\"document \(state)\" id=\"\(d.anchor)\">\n"
    body += "<h1 lang=\"\(language)\" dir=\"\(direction)\">\(HTML.escape(d.title ?? "(untitled)"))</h1>\n"
    body += "<p class=\"meta\"><code>\(r.id)</code> · \(language)"
    if r.isTranslation { body += " · translation" }
    body += " · published \(r.published.map(\.description) ?? "undated") · seq \(r.seq)"
    if !state.isEmpty { body += " · <span class=\"badge \(state)\">\(state)</span>" }
    if let link = d.link {
      body +=
        " · "
        + (ReportPage.isWebLink(link)
          ? "<a href=\"\(HTML.escape(link))\" rel=\"noreferrer\">\(HTML.escape(link))</a>"
          : HTML.escape(link))
    }
    if let retraction = r.retraction {
      body += " · retracted at seq \(retraction.seq): " + HTML.isolated(retraction.reason)
    }
    body += "</p>\n"
    var marked = Set<String>()
    if let text {
      let (html, found) = Self.highlighted(text, d.evidence)
      marked = found
      body += "<div class=\"text\" lang=\"\(language)\" dir=\"\(direction)\">\(html)</div>\n"
    } else {
      body += "<p class=\"note\">The text could not be read.</p>\n"
    }

    body += "<h2>Facts read from it</h2>\n"
    body += ReportPage.evidenceList(d.evidence, language: r.language) {
      marked.contains($0.anchor) ? "#t-\($0.anchor)" : nil
    }

    let meetings = meetingsOf[r.id] ?? []
    if !meetings.isEmpty {
      body += "<h2>Meetings it is a source of</h2>\n<p>"
      body += meetings.map { HTML.link($0.meeting.id, to: $0.anchor) }.joined(separator: ", ") + "</p>\n"
    }
    let revisions = revisionsOf[r.revisionRoot] ?? []
    if revisions.count > 1 {
      body += "<h2>Revisions</h2>\n<ol class=\"revisions\">\n"
      for v in revisions {
        let label =
          v.record.id == r.id
          ? "<b>\(v.record.id.short)</b> (this one)" : HTML.link(v.record.id.short, to: v.anchor)
        body += "<li>\(label) · published \(v.record.published.map(\.description) ?? "undated") · seq "
        body += "\(v.record.seq)\(v.standing ? " · stands" : "")</li>\n"
      }
      body += "</ol>\n"
    }
    var own = report
    own.corrections = report.corrections.filter { $0.record.correction.target == r.id.description }
    own.retractions = report.retractions.filter { $0.document == r.id }
    if !own.corrections.isEmpty || !own.retractions.isEmpty { body += ReportPage.corrections(own) }
    body += "</article>\n"
    return page(body, title: d.title ?? r.id.short, depth: 1, language: r.language)
  }

  /// `text` escaped, each evidence range in a `<mark>` (anchor `t-` and the fact's anchor).
  /// Ranges count Unicode scalars (``Evidence``); one that overlaps an earlier one, or
  /// falls outside the text, is left unmarked: its fact is still listed, with its quote.
  /// Also returns the anchors of the facts marked.
  package static func highlighted(_ text: String, _ evidence: [EvidenceEntry]) -> (String, Set<String>) {
    var marked = Set<String>()
    let scalars = Array(text.unicodeScalars)
    var out = ""
    var position = 0
    func plain(_ end: Int) {
      var piece = String.UnicodeScalarView()
      piece.append(contentsOf: scalars[position..<end])
      out += HTML.escape(String(piece))
      position = end
    }
    let ordered = evidence.sorted {
      ($0.evidence.range.lowerBound, $0.anchor) < ($1.evidence.range.lowerBound, $1.anchor)
    }
    for e in ordered {
      let range = e.evidence.range
      guard range.lowerBound >= position, range.upperBound <= scalars.count, !range.isEmpty else { continue }
      plain(range.lowerBound)
      out += "<mark id=\"t-\(e.anchor)\" title=\"\(HTML.escape(e.field + ": " + e.value))\">"
      plain(range.upperBound)
      out += "</mark>"
      marked.insert(e.anchor)
    }
    plain(scalars.count)
    return (out, marked)
  }
}
