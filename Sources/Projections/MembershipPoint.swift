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

  static func resolve(
    key: Key, stated ranked: [(SourceFacts, CountStatement)], corrections: [CorrectionRecord]
  ) -> MembershipPoint {
    let first = ranked.first
    var point = MembershipPoint(
      key: key, value: first?.1.value, qualifier: first?.1.qualifier ?? .exact, document: first?.0.record.id,
      evidence: first?.1.evidence.quote,
      provenance: first.map { .extracted($0.0.record.id, seq: $0.0.record.factsSeq) },
      conflicts: [])
    var held: [(value: String?, by: Holder)] = ranked.map {
      ($0.1.value.map(String.init), .source($0.0.record.id))
    }
    for c in corrections {
      for change in c.correction.changes {
        switch change.field {
        case "value":
          point.value = change.value.flatMap { Int($0) }
          point.provenance = .corrected(seq: c.seq)
          held.append((change.value, .correction(c.seq)))
        case "qualifier":
          point.qualifier = change.value.flatMap { CountQualifier(rawValue: $0) } ?? point.qualifier
        default: break
        }
      }
    }
    if let conflict = Conflict(field: "value", chosen: point.value.map(String.init), held: held) {
      point.conflicts = [conflict]
    }
    return point
  }
}
