import Domain

/// One point of a group's membership-count history: what a source said the count was.
public struct MembershipPoint: Hashable, Sendable {
  /// Which series and day: group, what is counted, date.
  public struct Key: Hashable, Comparable, Sendable {
    /// The group's slug.
    public var group: String
    /// The day the count is dated (the meeting's last day, else the publication day).
    public var date: CalendarDate
    /// What is counted: each kind is its own series.
    public var counts: CountedKind

    /// The correction target naming this point: `members/GROUP/DATE`.
    public var target: String { "members/\(group)/\(date)" }

    /// Orders by group, kind of count, then date.
    public static func < (a: Key, b: Key) -> Bool {
      (a.group, a.counts.rawValue, a.date.daysSinceEpoch) < (
        b.group, b.counts.rawValue, b.date.daysSinceEpoch
      )
    }
  }

  /// The series and day.
  public var key: Key
  /// The number.
  public var value: Int?
  /// How it is qualified.
  public var qualifier: CountQualifier
  /// The document it stands on (the first by precedence).
  public var document: DocumentID?
  /// The quoted evidence.
  public var evidence: String?
  /// What set the value.
  public var provenance: Provenance?
  /// Disagreements about value or qualifier.
  public var conflicts: [Conflict]

  /// Resolves a point from the counts stated for it, each named by its source's index in
  /// `sources` and its count's place in the table, by precedence; corrections of the point
  /// follow in log order.
  static func resolve(
    key: Key, stated ranked: [(source: Int, count: Int)], in sources: StandingSources,
    corrections: [CorrectionRecord]
  ) -> MembershipPoint {
    let first = ranked.first
    let firstCount = first.map { sources.table.counts[$0.count] }
    let firstRecord = first.map { sources[$0.source].record }
    var point = MembershipPoint(
      key: key, value: firstCount?.value, qualifier: firstCount?.qualifier ?? .exact,
      document: firstRecord?.id,
      evidence: firstCount.map(sources.quote(of:)),
      provenance: firstRecord.map { .extracted($0.id, seq: $0.factsSeq) },
      conflicts: [])
    let values = ranked.map { sources.table.counts[$0.count].value }
    var held: [(value: String?, by: Holder)] = []
    // Only a disagreement is turned into text.
    if values.contains(where: { $0 != values.first }) || !corrections.isEmpty {
      held = zip(ranked, values).map { ($1.map(String.init), .source(sources[$0.source].record.id)) }
    }
    // Only the latest correction of the value is one of the held values (see Meeting.resolve).
    var settled: Conflict.Settlement?
    var latest: (value: String?, seq: UInt64)?
    for c in corrections {
      for change in c.correction.changes {
        switch change.field {
        case "value":
          point.value = change.value.flatMap { Int($0) }
          point.provenance = .corrected(seq: c.seq)
          latest = (change.value, c.seq)
          settled = Conflict.Settlement(seq: c.seq, reason: c.correction.reason)
        case "qualifier":
          point.qualifier = change.value.flatMap { CountQualifier(rawValue: $0) } ?? point.qualifier
        default: break
        }
      }
    }
    if let latest { held.append((latest.value, .correction(latest.seq))) }
    if var conflict = Conflict(field: "value", chosen: point.value.map(String.init), held: held) {
      conflict.settled = settled
      point.conflicts = [conflict]
    }
    return point
  }
}
