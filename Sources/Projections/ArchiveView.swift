import Dispatch
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
  /// `onTwoCores`: build the timeline and the membership history side by side (a caller that
  /// builds two views at once says false: the cores are taken).
  public init(
    state: consuming ArchiveState, asOf: CalendarDate? = nil, themeKinds: [String: String] = [:],
    onTwoCores: Bool = true
  ) {
    self.asOf = asOf
    let corrections = ArchiveView.corrections(of: state, asOf: asOf)
    let standing = ArchiveView.standingSources(state: state, asOf: asOf, corrections: corrections)
    _ = consume state
    // The timeline and the membership history read the same sources and nothing of each
    // other: one per core.
    nonisolated(unsafe) var timeline: [Meeting] = []
    nonisolated(unsafe) var membership: [MembershipPoint] = []
    let build: @Sendable (Int) -> Void = { part in
      if part == 0 {
        timeline = ArchiveView.timeline(standing, corrections: corrections, asOf: asOf)
      } else {
        membership = ArchiveView.membership(standing, corrections: corrections, asOf: asOf)
      }
    }
    if onTwoCores {
      DispatchQueue.concurrentPerform(iterations: 2, execute: build)
    } else {
      build(0)
      build(1)
    }
    meetings = timeline
    self.membership = membership
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
  /// revision chain (by publication, then seq), with document corrections applied; in log
  /// order. Every correction's meeting-field texts have tokens in the result.
  static func standingSources(
    state: ArchiveState, asOf: CalendarDate?, corrections: [CorrectionRecord]
  ) -> StandingSources {
    let table = state.sources
    var standing = StandingSources(table: table)
    var byDocument: [Int32: [CorrectionRecord]] = [:]
    for c in corrections {
      if c.correction.target.hasPrefix("sha256:") {
        if let id = DocumentID(c.correction.target), let position = table.position(of: id) {
          byDocument[Int32(position), default: []].append(c)
        }
      } else {
        // Tokens for every text a correction sets, so resolving never adds one.
        for change in c.correction.changes {
          if let field = FieldTokens.index(change.field) { _ = standing.token(change.value, field: field) }
        }
      }
    }
    let asOfDays = asOf.map { Int32(truncatingIfNeeded: $0.daysSinceEpoch) }
    // Only documents of a revision chain longer than one compete; every other one stands
    // alone, and needs no entry in `latest`.
    var chained = Set<Int32>()
    for row in table.rows where row.revises != SourceRow.revisesNothing { chained.insert(row.revisionRoot) }
    var out: [SourceFacts] = []
    out.reserveCapacity(table.count)
    var latest: [Int32: Int] = [:]
    for (position, row) in table.rows.enumerated() where !row.isRetracted {
      var facts = SourceFacts(row: position, of: table)
      if let ordinal = facts.ordinal, !FieldToken.numbers.contains(ordinal) {
        facts.fields[1] = standing.token(String(ordinal), field: 1)  // too large for a number token
      }
      if !byDocument.isEmpty, let own = byDocument[Int32(position)] {
        facts = standing.corrected(facts, by: own)
      }
      if let asOfDays {
        guard facts.publishedDays != FactValues.noDay, facts.publishedDays <= asOfDays else { continue }
      }
      guard !chained.isEmpty, chained.contains(row.revisionRoot) else {
        out.append(facts)
        continue
      }
      if let i = latest[row.revisionRoot] {
        let current = out[i]
        if (facts.publishedDays, facts.record.seq) < (current.publishedDays, current.record.seq) { continue }
        out[i] = facts
      } else {
        latest[row.revisionRoot] = out.count
        out.append(facts)
      }
    }
    // Rows are in ingestion order, which is seq order unless a document was ingested
    // twice; and a revision may have replaced an earlier one in its chain's place.
    if zip(out, out.dropFirst()).contains(where: { $0.record.seq > $1.record.seq }) {
      out.sort { $0.record.seq < $1.record.seq }
    }
    standing.facts = out
    return standing
  }

  /// The standing sources of each meeting, by meeting id, ranked by precedence.
  ///
  /// Sources stating an ordinal name their meeting; one stating only a date joins the
  /// meeting of the same group that started that day, if there is one.
  static func sourcesByMeeting(_ sources: StandingSources) -> [String: [SourceFacts]] {
    var out: [String: [SourceFacts]] = [:]
    for (id, ranked) in meetingGroups(sources) { out[id] = ranked.map { sources[$0] } }
    return out
  }

  /// Each meeting's id and the indices into `sources` of its sources, ranked by precedence.
  static func meetingGroups(_ sources: StandingSources) -> [(id: String, sources: [Int])] {
    var ids: [String] = []
    var members: [[Int]] = []
    // Meetings by id: a numbered and a dated id may be the same text.
    var byID: [String: Int] = [:]
    func meeting(_ id: String) -> Int {
      if let m = byID[id] { return m }
      byID[id] = ids.count
      ids.append(id)
      members.append([])
      return ids.count - 1
    }
    // By group token and ordinal; by group token and start day (the last numbered meeting
    // that started that day).
    var numbered = KeyIndex()
    var meetingOfNumber: [Int] = []
    var dated = KeyIndex()
    var meetingOfDay: [Int] = []
    for (i, s) in sources.facts.enumerated() where s.statesMeeting {
      guard let ordinal = s.ordinal else { continue }
      let (n, isNew) = numbered.number(of: (UInt64(s.group.raw), UInt64(bitPattern: Int64(ordinal))))
      if isNew { meetingOfNumber.append(meeting("\(sources.text(s.group, field: 0) ?? "")-\(ordinal)")) }
      let m = meetingOfNumber[n]
      members[m].append(i)
      if s.startDays != FactValues.noDay {
        let (d, isNewDay) = dated.number(of: (UInt64(s.group.raw), UInt64(UInt32(bitPattern: s.startDays))))
        if isNewDay { meetingOfDay.append(m) } else { meetingOfDay[d] = m }
      }
    }
    for (i, s) in sources.facts.enumerated() where s.statesMeeting && s.ordinal == nil {
      guard let start = s.start else { continue }
      let m =
        dated.number(ifAny: (UInt64(s.group.raw), UInt64(UInt32(bitPattern: s.startDays)))).map {
          meetingOfDay[$0]
        }
        ?? meeting("\(sources.text(s.group, field: 0) ?? "")-\(start)")
      members[m].append(i)
    }
    let ranks = sources.facts.map(\.rank)
    return zip(ids, members).map { id, list in
      (id, list.count < 2 ? list : list.sorted { ranks[$0] < ranks[$1] })
    }
  }

  static func timeline(
    _ sources: StandingSources, corrections: [CorrectionRecord], asOf: CalendarDate?
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
      // The originals' link keys, read from their rows once per meeting, for translations
      // that name their original by link.
      var originalLinks: [(key: UInt64, source: Int)]?
      meeting.sources = ranked.map { i in
        let s = sources[i]
        var original: DocumentID?
        if s.isTranslation {
          let link = sources.row(of: s).originalLinkKey
          var stated: Int?
          if link != 0 {
            if originalLinks == nil {
              originalLinks = ranked.filter { !sources[$0].isTranslation }.map {
                (sources.row(of: sources[$0]).linkKey, $0)
              }
            }
            stated = originalLinks?.first { $0.key == link }?.source
          }
          original = (stated ?? firstOriginal).map { sources[$0].record.id }
        }
        return MeetingSource(
          document: s.record.id, language: sources.language(of: s), published: s.published,
          isTranslation: s.isTranslation, original: original, seq: s.record.seq)
      }
      meetings.append(meeting)
    }
    return meetings.sorted {
      ($0.start?.daysSinceEpoch ?? Int.max, $0.id) < ($1.start?.daysSinceEpoch ?? Int.max, $1.id)
    }
  }

  static func membership(
    _ sources: StandingSources, corrections: [CorrectionRecord], asOf: CalendarDate?
  ) -> [MembershipPoint] {
    // Each series (group token, kind of count, day) numbered, with its candidates: the
    // index of the source and the count's place in the table.
    var series = KeyIndex()
    var keys: [(group: FieldToken, days: Int32, counts: CountedKind)] = []
    var candidates: [[(source: Int, count: Int)]] = []
    let asOfDays = asOf.map { Int32(truncatingIfNeeded: $0.daysSinceEpoch) } ?? Int32.max
    let counts = sources.table.counts
    for (i, s) in sources.facts.enumerated() where s.countsCount > 0 {
      let days = s.countDays
      guard days != FactValues.noDay, days <= asOfDays else { continue }
      for j in Int(s.countsStart)..<Int(s.countsStart) + Int(s.countsCount) where counts[j].value != nil {
        let kind = counts[j].counts
        let group = sources.group(of: counts[j], in: s)
        guard !group.isNone else { continue }
        let (n, isNew) = series.number(
          of: (UInt64(group.raw) << 8 | UInt64(kind.storedByte), UInt64(UInt32(bitPattern: days))))
        if isNew {
          keys.append((group, days, kind))
          candidates.append([])
        }
        candidates[n].append((i, j))
      }
    }
    let byTarget = Dictionary(
      grouping: corrections.filter { $0.correction.target.hasPrefix("members/") }, by: \.correction.target)
    var points: [MembershipPoint] = []
    points.reserveCapacity(candidates.count)
    let ranks = sources.facts.map(\.rank)
    for (series, stated) in zip(keys, candidates) {
      let key = MembershipPoint.Key(
        group: sources.text(series.group, field: 0) ?? "",
        date: CalendarDate(daysSinceEpoch: Int(series.days)),
        counts: series.counts)
      let ranked = stated.count < 2 ? stated : stated.sorted { ranks[$0.source] < ranks[$1.source] }
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
