import Domain

/// Which events `log` lists: of some types, the latest few.
public struct LogQuery: Hashable, Sendable {
  /// Event type names (`fact.corrected`) or families (`document`); empty lists every type.
  public var types: [String]
  /// At most this many events, the latest ones (still listed oldest first).
  public var limit: Int?
  /// Only events recorded on or after this day (UTC).
  public var since: CalendarDate?
  /// Only events recorded on or before this day (UTC).
  public var until: CalendarDate?

  /// A query; a type that names no event type (nor a family of them) is refused, naming
  /// the types there are.
  public init(
    types: [String] = [], limit: Int? = nil, since: CalendarDate? = nil, until: CalendarDate? = nil
  ) throws(ArchiveError) {
    let names = EventType.allCases.map(\.name)
    for type in types where !names.contains(where: { $0 == type || $0.hasPrefix(type + ".") }) {
      throw .usage("--type \(type) is no event type; types: \(names.joined(separator: ", "))")
    }
    if let limit, limit < 1 { throw .usage("--limit \(limit): give a number of events of 1 or more") }
    self.types = types
    self.limit = limit
    self.since = since
    self.until = until
  }

  /// The entries the query keeps, in their order.
  public func apply(_ entries: [Archive.LogEntry]) -> [Archive.LogEntry] {
    let kept = entries.filter { e in
      (types.isEmpty || types.contains { e.type == $0 || e.type.hasPrefix($0 + ".") })
        && (since.map { e.recordedAt.date >= $0 } ?? true) && (until.map { e.recordedAt.date <= $0 } ?? true)
    }
    return limit.map { Array(kept.suffix($0)) } ?? kept
  }
}

extension Archive {
  /// When the log's first event was recorded; nil for an empty log.
  public func firstRecordedAt() throws(ArchiveError) -> Timestamp? {
    try logEntries(knownAt: .seq(1)).first?.recordedAt
  }

  /// A note for a `--known-at` instant before the first event: the archive held nothing then,
  /// which an empty answer alone does not say. Nil otherwise.
  public func noteBeforeFirstEvent(_ knownAt: KnownAt?) throws(ArchiveError) -> String? {
    guard case .time(let t) = knownAt, let first = try firstRecordedAt(), t.microseconds < first.microseconds
    else { return nil }
    return
      "note: --known-at \(t) is before the archive's first event (recorded \(first)): it held nothing then"
  }
}
