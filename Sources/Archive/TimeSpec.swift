import Domain

/// A point on the transaction-time axis: after event N, or as recorded at an instant.
public enum KnownAt: Hashable, Sendable, CustomStringConvertible {
  /// Only events up to this seq.
  case seq(UInt64)
  /// Only events recorded at or before this instant.
  case time(Timestamp)

  /// Parses `SEQ` (digits) or a timestamp (`2026-11-29T03:18:27Z`, or a date meaning its end).
  public init?(_ text: String) {
    if let n = UInt64(text) {
      self = .seq(n)
    } else if text.count == 10, let date = CalendarDate(iso: text) {
      // A bare day means everything recorded by the end of it.
      self = .time(Timestamp(microseconds: Int64(date.daysSinceEpoch + 1) * 86_400_000_000 - 1))
    } else if let t = Timestamp(iso: text) {
      self = .time(t)
    } else {
      return nil
    }
  }

  /// Whether an event is inside this bound.
  public func includes(seq: UInt64, recordedAt: Int64) -> Bool {
    switch self {
    case .seq(let n): seq <= n
    case .time(let t): recordedAt <= t.microseconds
    }
  }

  /// `seq:N` or `known:TIMESTAMP`.
  public var description: String {
    switch self {
    case .seq(let n): "seq:\(n)"
    case .time(let t): "known:\(t)"
    }
  }
}

/// A state of the archive on both axes: valid time (`asOf`) and transaction time (`knownAt`).
public struct StateSpec: Hashable, Sendable, CustomStringConvertible {
  /// The valid time, or nil for now.
  public var asOf: CalendarDate?
  /// The transaction time, or nil for the head of the log.
  public var knownAt: KnownAt?

  /// A state on both axes; both nil is the head.
  public init(asOf: CalendarDate? = nil, knownAt: KnownAt? = nil) {
    self.asOf = asOf
    self.knownAt = knownAt
  }

  /// Parses the contract's spec: `head`, `seq:N`, `date:YYYY-MM-DD`, `known:TIMESTAMP`, or
  /// two joined by `+`.
  public init?(_ text: String) {
    self.init()
    for part in text.split(separator: "+", omittingEmptySubsequences: false).map(String.init) {
      if part == "head" { continue }
      if part.hasPrefix("seq:"), let n = UInt64(part.dropFirst(4)), knownAt == nil {
        knownAt = .seq(n)
      } else if part.hasPrefix("date:"), let d = CalendarDate(iso: part.dropFirst(5)), asOf == nil {
        asOf = d
      } else if part.hasPrefix("known:"), knownAt == nil, let k = KnownAt(String(part.dropFirst(6))),
        case .time = k
      {
        knownAt = k
      } else {
        return nil
      }
    }
  }

  /// The spec in the contract's form.
  public var description: String {
    var parts: [String] = []
    if let asOf { parts.append("date:\(asOf)") }
    if let knownAt { parts.append(knownAt.description) }
    return parts.isEmpty ? "head" : parts.joined(separator: "+")
  }
}
