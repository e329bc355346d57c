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
  public init(state: ArchiveState, asOf: CalendarDate? = nil, themeKinds: [String: String] = [:]) {
    self.asOf = asOf
    let corrections = ArchiveView.corrections(of: state, asOf: asOf)
    let standing = ArchiveView.standingSources(state: state, asOf: asOf, corrections: corrections)
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
    var latest: [DocumentID: SourceFacts] = [:]
    latest.reserveCapacity(state.sources.count)
    for record in state.sources.values where record.retraction == nil {
      var facts = SourceFacts(record: record)
      for c in byDocument[record.id] ?? [] { facts.apply(c) }
      if let asOf {
        guard let published = facts.published, published <= asOf else { continue }
      }
      if let current = latest[record.revisionRoot] {
        let a = (facts.published?.daysSinceEpoch ?? Int.min, record.seq)
        let b = (current.published?.daysSinceEpoch ?? Int.min, current.record.seq)
        if a < b { continue }
      }
      latest[record.revisionRoot] = facts
    }
    return latest.values.sorted { $0.record.seq < $1.record.seq }
  }

  /// The standing sources of each meeting, by meeting id, ranked by precedence.
  ///
  /// Sources stating an ordinal name their meeting; one stating only a date joins the
  /// meeting of the same group that started that day, if there is one.
  static func sourcesByMeeting(_ sources: [SourceFacts]) -> [String: [SourceFacts]] {
    var byID: [String: [SourceFacts]] = [:]
    var idByStart: [String: String] = [:]
    for s in sources where s.statesMeeting {
      guard let group = s.group, let ordinal = s.ordinal else { continue }
      let id = "\(group)-\(ordinal)"
      byID[id, default: []].append(s)
      if let start = s.start { idByStart["\(group)@\(start)"] = id }
    }
    for s in sources where s.statesMeeting && s.ordinal == nil {
      guard let group = s.group, let start = s.start else { continue }
      let id = idByStart["\(group)@\(start)"] ?? "\(group)-\(start)"
      byID[id, default: []].append(s)
    }
    return byID.mapValues { $0.sorted(by: SourceFacts.precedes) }
  }

  static func timeline(
    _ sources: [SourceFacts], corrections: [CorrectionRecord], asOf: CalendarDate?
  ) -> [Meeting] {
    let byTarget = Dictionary(grouping: corrections, by: \.correction.target)
    var meetings: [Meeting] = []
    for (id, ranked) in sourcesByMeeting(sources) {
      let fieldCorrections = byTarget[id] ?? []
      var meeting = Meeting.resolve(id: id, sources: ranked, corrections: fieldCorrections)
      if let asOf {
        guard let start = meeting.start, start <= asOf else { continue }
      }
      let originals = ranked.filter { !$0.isTranslation }
      meeting.sources = ranked.map { s in
        let original =
          s.isTranslation
          ? (originals.first { $0.record.link != nil && $0.record.link == s.record.originalLink }
            ?? originals.first)
          : nil
        return MeetingSource(
          document: s.record.id, language: s.language, published: s.published, isTranslation: s.isTranslation,
          original: original?.record.id, seq: s.record.seq)
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
    var candidates: [MembershipPoint.Key: [(SourceFacts, CountStatement)]] = [:]
    for s in sources {
      guard let group = s.group, let date = s.countDate else { continue }
      for count in s.counts where count.value != nil {
        let key = MembershipPoint.Key(group: group, date: date, counts: count.counts)
        candidates[key, default: []].append((s, count))
      }
    }
    let byTarget = Dictionary(
      grouping: corrections.filter { $0.correction.target.hasPrefix("members/") }, by: \.correction.target)
    var points: [MembershipPoint] = []
    for (key, stated) in candidates {
      if let asOf, key.date > asOf { continue }
      let ranked = stated.sorted { SourceFacts.precedes($0.0, $1.0) }
      // In log order, whichever of the two names each correction used.
      let applicable =
        ((byTarget[key.target] ?? []) + (byTarget[key.target + "/" + key.counts.rawValue] ?? []))
        .sorted { $0.seq < $1.seq }
      points.append(MembershipPoint.resolve(key: key, stated: ranked, corrections: applicable))
    }
    return points.sorted { $0.key < $1.key }
  }
}
