import Domain

/// The three projections of a state at a valid time: timeline, membership, themes.
///
/// Computed from an ``ArchiveState`` (which fixes the transaction time) and an optional
/// `asOf` date (the valid time): only documents published by then, meetings started by
/// then, counts dated by then, corrections effective by then.
public struct ArchiveView: Hashable, Sendable {
  /// The valid time, or nil for "now".
  public var asOf: CalendarDate?
  /// The meetings, oldest first.
  public var meetings: [Meeting]
  /// The membership-count points, by group, kind of count and date.
  public var membership: [MembershipPoint]
  /// Theme statistics, by theme id.
  public var themes: [ThemeStatistic]

  /// Projects `state` as of `asOf`; `themeKinds` maps theme ids to their kind.
  ///
  /// The state is taken (`consuming`): a caller that passes it on, and no longer needs it,
  /// lets it go once the standing sources are read from it, before the projections are built.
  public init(state: consuming ArchiveState, asOf: CalendarDate? = nil, themeKinds: [String: String] = [:]) {
    self.asOf = asOf
    let corrections = ArchiveView.corrections(of: state, asOf: asOf)
    let standing = ArchiveView.standingSources(state: state, asOf: asOf, corrections: corrections)
    _ = consume state
    meetings = ArchiveView.timeline(standing, corrections: corrections, asOf: asOf)
    membership = ArchiveView.membership(standing, corrections: corrections, asOf: asOf)
    themes = ThemeStatistic.statistics(of: meetings, kinds: themeKinds)
  }

  /// The corrections in effect at a valid time.
  static func corrections(of state: ArchiveState, asOf: CalendarDate?) -> [CorrectionRecord] {
    state.corrections.filter { record in
      guard let asOf, let effective = record.correction.effective else { return true }
      return effective <= asOf
    }
  }

  /// Documents in the projections: not retracted, published by `asOf`, the latest of their
  /// revision chain (by publication, then seq), with document corrections applied.
  static func standingSources(
    state: ArchiveState, asOf: CalendarDate?, corrections: [CorrectionRecord]
  ) -> [SourceFacts] {
    var byDocument: [DocumentID: [CorrectionRecord]] = [:]
    for c in corrections where c.correction.target.hasPrefix("sha256:") {
      if let id = DocumentID(c.correction.target) { byDocument[id, default: []].append(c) }
    }
    // Only documents of a revision chain longer than one compete; every other one stands
    // alone, and needs no entry in `latest`.
    var chained = Set<DocumentID>()
    for record in state.sources.values where record.revises != nil { chained.insert(record.revisionRoot) }
    var out: [SourceFacts] = []
    out.reserveCapacity(state.sources.count)
    var latest: [DocumentID: Int] = [:]
    for record in state.sources.values where record.retraction == nil {
      var facts = SourceFacts(record: record)
      if !byDocument.isEmpty, let own = byDocument[record.id] {
        for c in own { facts.apply(c) }
      }
      if let asOf {
        guard let published = facts.published, published <= asOf else { continue }
      }
      guard chained.contains(record.revisionRoot) else {
        out.append(facts)
        continue
      }
      if let i = latest[record.revisionRoot] {
        let current = out[i]
        let a = (facts.published?.daysSinceEpoch ?? Int.min, record.seq)
        let b = (current.published?.daysSinceEpoch ?? Int.min, current.record.seq)
        if a < b { continue }
        out[i] = facts
      } else {
        latest[record.revisionRoot] = out.count
        out.append(facts)
      }
    }
    // Records are in ingestion order, which is seq order unless a document was ingested
    // twice; and a revision may have replaced an earlier one in its chain's place.
    if zip(out, out.dropFirst()).contains(where: { $0.record.seq > $1.record.seq }) {
      out.sort { $0.record.seq < $1.record.seq }
    }
    return out
  }

  /// The standing sources of each meeting, by meeting id, ranked by precedence.
  ///
  /// Sources stating an ordinal name their meeting; one stating only a date joins the
  /// meeting of the same group that started that day, if there is one.
  static func sourcesByMeeting(_ sources: [SourceFacts]) -> [String: [SourceFacts]] {
    meetingGroups(sources).mapValues { $0.map { sources[$0] } }
  }

  /// The indices into `sources` of each meeting's sources, ranked by precedence.
  static func meetingGroups(_ sources: [SourceFacts]) -> [String: [Int]] {
    struct Numbered: Hashable {
      var group: String
      var ordinal: Int
    }
    struct Dated: Hashable {
      var group: String
      var start: CalendarDate
    }
    var ids: [Numbered: String] = [:]
    var byID: [String: [Int]] = [:]
    var idByStart: [Dated: String] = [:]
    for (i, s) in sources.enumerated() where s.statesMeeting {
      guard let group = s.group, let ordinal = s.ordinal else { continue }
      let key = Numbered(group: group, ordinal: ordinal)
      let id: String
      if let known = ids[key] {
        id = known
      } else {
        id = "\(group)-\(ordinal)"
        ids[key] = id
      }
      byID[id, default: []].append(i)
      if let start = s.start { idByStart[Dated(group: group, start: start)] = id }
    }
    for (i, s) in sources.enumerated() where s.statesMeeting && s.ordinal == nil {
      guard let group = s.group, let start = s.start else { continue }
      let id = idByStart[Dated(group: group, start: start)] ?? "\(group)-\(start)"
      byID[id, default: []].append(i)
    }
    let ranks = sources.map(\.rank)
    return byID.mapValues { $0.sorted { ranks[$0] < ranks[$1] } }
  }

  static func timeline(
    _ sources: [SourceFacts], corrections: [CorrectionRecord], asOf: CalendarDate?
  ) -> [Meeting] {
    let byTarget = Dictionary(grouping: corrections, by: \.correction.target)
    var meetings: [Meeting] = []
    for (id, ranked) in meetingGroups(sources) {
      let fieldCorrections = byTarget[id] ?? []
      var meeting = Meeting.resolve(id: id, sources: ranked, in: sources, corrections: fieldCorrections)
      if let asOf {
        guard let start = meeting.start, start <= asOf else { continue }
      }
      let firstOriginal = ranked.first { !sources[$0].isTranslation }
      meeting.sources = ranked.map { i in
        var original: DocumentID?
        if sources[i].isTranslation {
          let stated = sources[i].record.originalLink.flatMap { link in
            ranked.first { !sources[$0].isTranslation && sources[$0].record.link == link }
          }
          original = (stated ?? firstOriginal).map { sources[$0].record.id }
        }
        return MeetingSource(
          document: sources[i].record.id, language: sources[i].language, published: sources[i].published,
          isTranslation: sources[i].isTranslation, original: original, seq: sources[i].record.seq)
      }
      meetings.append(meeting)
    }
    return meetings.sorted {
      ($0.start?.daysSinceEpoch ?? Int.max, $0.id) < ($1.start?.daysSinceEpoch ?? Int.max, $1.id)
    }
  }

  static func membership(
    _ sources: [SourceFacts], corrections: [CorrectionRecord], asOf: CalendarDate?
  ) -> [MembershipPoint] {
    // Each candidate: the index of its source and of the count in that source's counts.
    var candidates: [MembershipPoint.Key: [(source: Int, count: Int)]] = [:]
    for (i, s) in sources.enumerated() {
      guard let group = s.group, let date = s.countDate else { continue }
      for (j, count) in s.counts.enumerated() where count.value != nil {
        let key = MembershipPoint.Key(group: group, date: date, counts: count.counts)
        candidates[key, default: []].append((i, j))
      }
    }
    let byTarget = Dictionary(
      grouping: corrections.filter { $0.correction.target.hasPrefix("members/") }, by: \.correction.target)
    var points: [MembershipPoint] = []
    let ranks = sources.map(\.rank)
    for (key, stated) in candidates {
      if let asOf, key.date > asOf { continue }
      let ranked = stated.sorted { ranks[$0.source] < ranks[$1.source] }
      // In log order, whichever of the two names each correction used.
      var applicable: [CorrectionRecord] = []
      if !byTarget.isEmpty {
        applicable =
          ((byTarget[key.target] ?? []) + (byTarget[key.target + "/" + key.counts.rawValue] ?? []))
          .sorted { $0.seq < $1.seq }
      }
      points.append(MembershipPoint.resolve(key: key, stated: ranked, in: sources, corrections: applicable))
    }
    return points.sorted { $0.key < $1.key }
  }
}
