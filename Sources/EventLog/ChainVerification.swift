/// What checking the chain found: how many events, and the first bad one if any.
public struct ChainReport: Hashable, Sendable {
  /// Events checked.
  public var events: UInt64
  /// The hash of the last event checked.
  public var headHash: [UInt8]
  /// The first event that is wrong, and what is wrong with it.
  public var failure: ChainFailure?
}

/// The first point where the chain does not hold.
public struct ChainFailure: Hashable, Sendable, CustomStringConvertible {
  /// The first bad `seq`.
  public var seq: UInt64
  /// What is wrong there.
  public var problem: String
  /// A failure at `seq`.
  public init(seq: UInt64, problem: String) {
    self.seq = seq
    self.problem = problem
  }

  /// `seq N: problem`.
  public var description: String { "seq \(seq): \(problem)" }
}

extension LogReader {
  /// Walks the whole chain: keys contiguous from 1, known layout, every hash recomputed,
  /// every `prev` the hash before, and the head recorded in `meta` equal to the last event.
  ///
  /// `inspect` sees each event whose envelope holds, so higher layers check payloads in
  /// the same pass; an error it throws is reported as that event's failure.
  public func verifyChain(_ inspect: (RawEnvelope) throws -> Void = { _ in }) throws -> ChainReport {
    var expected: UInt64 = 1
    var prev = Envelope.genesis
    var prevBefore = Envelope.genesis
    var lastRecordedAt = Int64.min
    var failure: ChainFailure?
    do {
      try forEach { event in
        func fail(_ problem: String) -> Bool {
          failure = ChainFailure(seq: event.seq, problem: problem)
          return false
        }
        if event.seq != expected {
          failure = ChainFailure(
            seq: expected, problem: "missing: the next stored event is seq \(event.seq)")
          return false
        }
        guard event.version == Envelope.formatVersion else {
          return fail("unknown envelope version \(event.version)")
        }
        guard event.prev.elementsEqual(prev) else {
          // Name the event that was tampered with, not merely where the chain breaks.
          if expected > 1, event.hashIsValid {
            // This event is as appended (its hash holds over its own prev): the one before
            // is not the event it was chained to.
            failure = ChainFailure(
              seq: expected - 1,
              problem: "changed or replaced: its hash is not the prev seq \(expected) recorded")
            return false
          }
          if expected > 1, event.prev.elementsEqual(prevBefore) {
            failure = ChainFailure(
              seq: expected - 1, problem: "inserted: seq \(expected) was chained to seq \(expected - 2)")
            return false
          }
          return fail("prev is not the hash of seq \(expected - 1)")
        }
        guard event.hashIsValid else { return fail("hash does not match the stored bytes") }
        guard event.recordedAt >= lastRecordedAt else { return fail("recordedAt goes back in time") }
        do { try inspect(event) } catch { return fail("\(error)") }
        prevBefore = prev
        prev = Array(event.hash)
        lastRecordedAt = event.recordedAt
        expected += 1
        return true
      }
    } catch LogError.unreadable(let seq, let why) {
      failure = ChainFailure(seq: seq == 0 ? expected : seq, problem: why)
    }
    let count = expected - 1
    if failure == nil, let recorded = try recordedHead() {
      if recorded.seq != count {
        failure = ChainFailure(
          seq: min(recorded.seq, count) + 1,
          problem: "the head recorded at the last append is seq \(recorded.seq), the log ends at \(count)")
      } else if recorded.hash != prev {
        failure = ChainFailure(seq: count, problem: "hash differs from the head recorded at the last append")
      }
    } else if failure == nil, count > 0 {
      failure = ChainFailure(seq: 1, problem: "no head recorded in meta")
    }
    return ChainReport(events: count, headHash: prev, failure: failure)
  }
}
