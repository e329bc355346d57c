import Domain
import Projections

extension Report {
  /// The report of `view`, with the corrections `state` holds and, from `details`, each
  /// shown document's title and the evidence of its current facts (the state keeps neither:
  /// they are read from the log); `knownAt` names the transaction time asked for, for the
  /// page's heading. `shown`: ``documentsShown(state:asOf:)``, when the caller has it already.
  package init(
    state: ArchiveState, view: ArchiveView, knownAt: String? = nil, shown: [SourceRecord]? = nil,
    details: (SourceRecord) -> DocumentDetails
  ) {
    asOf = view.asOf
    self.knownAt = knownAt
    lastSeq = state.lastSeq
    lastRecordedAt = state.lastRecordedAt
    themes = view.themes

    documents = Report.documents(
      shown ?? Report.documentsShown(state: state, asOf: view.asOf), details: details)
    var support: [String: FactLink] = [:]
    for document in documents {
      for entry in document.evidence {
        let key = Report.key(document.record.id, entry.field, entry.value)
        if support[key] == nil { support[key] = FactLink(anchor: entry.anchor, hover: entry.evidence.quote) }
      }
    }
    let corrections = state.corrections.filter { record in
      guard let asOf = view.asOf, let effective = record.correction.effective else { return true }
      return effective <= asOf
    }
    var correctionLinks: [UInt64: FactLink] = [:]
    for c in corrections {
      correctionLinks[c.seq] = FactLink(anchor: "corr-\(c.seq)", hover: "correction: " + c.correction.reason)
    }
    func link(_ provenance: Provenance?, field: String, value: String) -> FactLink? {
      switch provenance {
      case .extracted(let document, _):
        support[Report.key(document, field, value)]
          ?? (field == "end" ? support[Report.key(document, "start", value)] : nil)
      case .corrected(let seq): correctionLinks[seq]
      case nil: nil
      }
    }
    func holders(_ conflict: Conflict) -> [String: String] {
      var out: [String: String] = [:]
      for holder in conflict.values.flatMap(\.by) {
        if let id = DocumentID(holder) {
          out[holder] = HTML.anchor("doc", id.short)
        } else if holder.hasPrefix("correction:") {
          out[holder] = "corr-" + holder.dropFirst("correction:".count)
        }
      }
      return out
    }

    var conflicts: [ConflictEntry] = []
    meetings = view.meetings.map { m in
      let anchor = HTML.anchor("m", m.id)
      var fields: [String: [LinkedValue]] = [:]
      for (field, values) in Report.fieldValues(of: m) {
        fields[field] = values.map {
          LinkedValue(text: $0, link: link(m.provenance[field], field: field, value: $0))
        }
      }
      var conflicted: [String: String] = [:]
      for conflict in m.conflicts {
        let own = HTML.anchor("conflict", "\(m.id)-\(conflict.field)")
        conflicted[conflict.field] = own
        conflicts.append(
          ConflictEntry(
            target: m.id, targetAnchor: anchor, anchor: own, conflict: conflict, holders: holders(conflict)))
      }
      return MeetingEntry(meeting: m, anchor: anchor, fields: fields, conflicted: conflicted)
    }

    var series: [SeriesEntry] = []
    for p in view.membership {
      let key = p.key
      let seriesKey = "\(key.group)-\(key.counts.rawValue)"
      if series.last.map({ $0.group != key.group || $0.counts != key.counts }) ?? true {
        series.append(
          SeriesEntry(
            group: key.group, counts: key.counts, anchor: HTML.anchor("series", seriesKey), points: []))
      }
      let anchor = HTML.anchor("pt", "\(seriesKey)-\(key.date)")
      var conflictAnchor: String?
      for conflict in p.conflicts {
        let own = HTML.anchor("conflict", "\(seriesKey)-\(key.date)-\(conflict.field)")
        conflictAnchor = own
        conflicts.append(
          ConflictEntry(
            target: key.target + "/" + key.counts.rawValue, targetAnchor: anchor, anchor: own,
            conflict: conflict, holders: holders(conflict)))
      }
      let value = p.value.map { Report.countText(value: $0, qualifier: p.qualifier, counts: key.counts) }
      var pointLink = value.flatMap { link(p.provenance, field: "count", value: $0) }
      if pointLink == nil, case .extracted(let document, _) = p.provenance {
        // A corrected qualifier changes the text; the count of that kind is still the evidence.
        pointLink = documents.first { $0.record.id == document }?.evidence
          .first { $0.field == "count" && $0.value.hasSuffix(" " + key.counts.words) }
          .map { FactLink(anchor: $0.anchor, hover: $0.evidence.quote) }
      }
      series[series.count - 1].points.append(
        PointEntry(point: p, anchor: anchor, link: pointLink, conflict: conflictAnchor))
    }
    self.series = series
    self.conflicts = conflicts

    self.corrections = corrections.map { c in
      CorrectionEntry(
        record: c, anchor: "corr-\(c.seq)",
        target: Report.anchor(ofTarget: c.correction.target, meetings: view.meetings, series: series))
    }
    retractions = documents.compactMap { d in
      d.record.retraction.map {
        RetractionEntry(
          document: d.record.id, title: d.title, language: d.record.language, retraction: $0)
      }
    }.sorted { $0.retraction.seq < $1.retraction.seq }

    var days: [CalendarDate] = view.meetings.flatMap { [$0.start, $0.end].compactMap { $0 } }
    days += view.membership.map(\.key.date)
    axis = TimeScale(covering: days, left: 0, right: 1).map { $0.first...$0.last }
  }

  /// The key of a fact in the evidence index.
  static func key(_ document: DocumentID, _ field: String, _ value: String) -> String {
    "\(document)|\(field)|\(value)"
  }

  /// A count as the report writes it, in words: `56 members`, `over 80 attendees`,
  /// `120 countries and organizations`.
  package static func countText(value: Int, qualifier: CountQualifier, counts: CountedKind) -> String {
    let prefix =
      switch qualifier {
      case .exact: ""
      case .over: "over "
      case .about: "about "
      case .under: "nearly "
      }
    return "\(prefix)\(value) \(counts.words)"
  }

  /// Each meeting field the report shows, with its values in text form.
  static func fieldValues(of m: Meeting) -> [(String, [String])] {
    [
      ("group", [m.group]), ("ordinal", m.ordinal.map { [String($0)] } ?? []),
      ("start", m.start.map { [$0.description] } ?? []), ("end", m.end.map { [$0.description] } ?? []),
      ("city", m.city.map { [$0] } ?? []), ("country", m.country.map { [$0] } ?? []),
      ("virtual", m.virtual.map { [String($0)] } ?? []), ("chairs", m.chairs), ("themes", m.themes),
    ]
  }

  /// The records of the documents a report at `asOf` lists: published by then (all when
  /// nil), stating a fact or named by a correction, a retraction or a revision, in the order
  /// ingested.
  package static func documentsShown(state: ArchiveState, asOf: CalendarDate?) -> [SourceRecord] {
    let records = state.sources.values
    // A release that states nothing shows nothing unless an event names it: a correction,
    // a retraction, a revision. A press archive is mostly such releases.
    let corrected = Set(state.corrections.compactMap { DocumentID($0.correction.target) })
    let revised = Set(records.filter { $0.revises != nil }.map(\.revisionRoot))
    return records.filter { record in
      if let asOf, !(record.published.map { $0 <= asOf } ?? false) { return false }
      return record.facts != FactValues() || record.retraction != nil || corrected.contains(record.id)
        || revised.contains(record.revisionRoot)
    }
  }

  /// The documents a report lists (`shown`), oldest first, with the evidence of their facts.
  static func documents(
    _ shown: [SourceRecord], details: (SourceRecord) -> DocumentDetails
  ) -> [DocumentEntry] {
    var latest: [DocumentID: SourceRecord] = [:]
    for record in shown where record.retraction == nil {
      if let current = latest[record.revisionRoot] {
        let a = (record.published?.daysSinceEpoch ?? Int.min, record.seq)
        let b = (current.published?.daysSinceEpoch ?? Int.min, current.seq)
        if a < b { continue }
      }
      latest[record.revisionRoot] = record
    }
    let standing = Set(latest.values.map(\.id))
    return shown.sorted {
      ($0.published?.daysSinceEpoch ?? Int.min, $0.seq) < ($1.published?.daysSinceEpoch ?? Int.min, $1.seq)
    }.map { record in
      let read = details(record)
      let stated = read.facts.map { Report.evidence(of: $0) } ?? []
      let evidence = stated.enumerated().map { i, fact in
        EvidenceEntry(
          anchor: "ev-\(record.id.short)-\(i + 1)", field: fact.field, value: fact.value,
          evidence: fact.evidence)
      }
      return DocumentEntry(
        record: record, title: read.title, link: read.link, anchor: HTML.anchor("doc", record.id.short),
        standing: standing.contains(record.id), evidence: evidence)
    }
  }

  /// Every fact of a document in the order of ``Facts``, in the text form the timeline uses.
  static func evidence(of f: Facts) -> [(field: String, value: String, evidence: Evidence)] {
    var out: [(field: String, value: String, evidence: Evidence)] = []
    func add<V>(_ field: String, _ stated: Stated<V>?, _ text: (V) -> String) {
      if let stated { out.append((field, text(stated.value), stated.evidence)) }
    }
    add("group", f.group) { $0 }
    add("ordinal", f.ordinal) { String($0) }
    add("start", f.start) { $0.description }
    add("end", f.end) { $0.description }
    add("city", f.city) { $0 }
    add("country", f.country) { $0 }
    add("virtual", f.virtual) { String($0) }
    for chair in f.chairs { add("chairs", chair) { $0 } }
    for count in f.counts {
      guard let value = count.value else { continue }
      out.append(
        ("count", countText(value: value, qualifier: count.qualifier, counts: count.counts), count.evidence))
    }
    for theme in f.themes { add("themes", theme) { $0 } }
    return out
  }

  /// The page anchor of a correction's target: a meeting, a document or a count point.
  static func anchor(ofTarget target: String, meetings: [Meeting], series: [SeriesEntry]) -> String? {
    if meetings.contains(where: { $0.id == target }) { return HTML.anchor("m", target) }
    if let id = DocumentID(target) { return HTML.anchor("doc", id.short) }
    let parts = target.split(separator: "/").map(String.init)
    guard parts.count >= 3, parts[0] == "members" else { return nil }
    for s in series where s.group == parts[1] && (parts.count < 4 || s.counts.rawValue == parts[3]) {
      if let p = s.points.first(where: { $0.point.key.date.description == parts[2] }) { return p.anchor }
    }
    return nil
  }
}
