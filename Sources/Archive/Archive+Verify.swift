import Domain
import EventLog
import LMDB
import Projections

/// What `verify` checked and found.
public struct VerificationReport: Sendable {
  /// Events checked.
  public var events: UInt64
  /// The head hash, hex.
  public var headHash: String
  /// The first failure, if any.
  public var failure: ChainFailure?
  /// The checks made, in order, for the report.
  public var checks: [String]

  /// Whether everything held.
  public var passed: Bool { failure == nil }

  /// `{"ok":…,"events":…,"head":…,"failure":{"seq":…,"problem":…}|null,"checks":[…]}`.
  public var json: JSONValue {
    .object([
      ("ok", .bool(passed)),
      ("events", .int(Int(events))),
      ("head", .string(headHash)),
      (
        "failure",
        failure.map { .object([("seq", .int(Int($0.seq))), ("problem", .string($0.problem))]) } ?? .null
      ),
      ("checks", .array(checks.map(JSONValue.string))),
    ])
  }
}

extension Archive {
  /// Checks the whole archive: the hash chain, every payload decodes, the document index
  /// holds exactly the ingested documents, and the projections rebuild deterministically.
  public func verify() throws(ArchiveError) -> VerificationReport {
    do {
      return try log.read { reader in
        var ingested: [DocumentID: UInt64] = [:]
        var events: [RecordedEvent] = []
        let chain = try reader.verifyChain { raw in
          let recorded = try Archive.decode(raw)
          if case .documentIngested(let e) = recorded.event {
            if let earlier = ingested[e.document.id] {
              throw LogError.unreadable(
                seq: raw.seq, "document \(e.document.id.short) already ingested at \(earlier)")
            }
            ingested[e.document.id] = raw.seq
            guard try indexes.seq(of: e.document.id, in: reader.transaction) == raw.seq else {
              throw LogError.unreadable(seq: raw.seq, "the documents index does not point at this event")
            }
          }
          events.append(recorded)
        }
        var checks = [
          "hash chain of \(chain.events) events", "payloads decode",
          "documents index points at each ingestion",
        ]
        var failure = chain.failure
        if failure == nil {
          let indexed = try reader.transaction.statistics(of: indexes.documents).entries
          if indexed != ingested.count {
            failure = ChainFailure(
              seq: chain.events,
              problem: "documents index holds \(indexed) entries for \(ingested.count) ingested documents")
          }
          checks.append("documents index has no stray entries")
        }
        if failure == nil {
          let tree = try verifyTree(in: reader)
          failure = tree.failure
          if tree.failure == nil { checks.append(tree.check) }
        }
        if failure == nil {
          failure = try verifyCheckpoints(events, in: reader)
          checks.append("every checkpoint equals a rebuild to its seq")
        }
        if failure == nil, let last = events.last {
          // What reads use (the latest checkpoint and the events after it) must give the
          // same state, and so the same projections, as a fold of the whole log.
          let rebuilt = ArchiveState(events: events)
          let incremental = try state(through: last.seq, in: reader)
          if incremental != rebuilt || ArchiveView(state: incremental) != ArchiveView(state: rebuilt) {
            failure = ChainFailure(
              seq: last.seq, problem: "the incremental state differs from a full rebuild")
          }
          checks.append("incremental state and projections equal a full rebuild")
        }
        return VerificationReport(
          events: chain.events, headHash: Hex.encode(chain.headHash), failure: failure, checks: checks)
      }
    } catch {
      throw .wrap(error, "verifying \(path)")
    }
  }

  /// Folds the log once, comparing each stored checkpoint with the fold at its seq.
  private func verifyCheckpoints(_ events: [RecordedEvent], in reader: LogReader) throws -> ChainFailure? {
    var stored: [UInt64: [UInt8]] = [:]
    guard let database = checkpoints.database else { return nil }
    try reader.transaction.forEach(database, in: .all) { key, value in
      guard let seq = UInt64(bigEndianBytes: key) else { return true }
      stored[seq] = Array(value)
      return true
    }
    guard !stored.isEmpty else { return nil }
    var folded = ArchiveState()
    for event in events {
      folded.apply(event)
      guard let value = stored.removeValue(forKey: event.seq) else { continue }
      let hash = try reader.envelope(at: event.seq)?.hash ?? []
      guard value.count > 32, Array(value[0..<32]) == hash else {
        return ChainFailure(seq: event.seq, problem: "the checkpoint at this seq belongs to another log")
      }
      guard let state = try? ArchiveState(checkpoint: Array(value[32...])), state == folded else {
        return ChainFailure(seq: event.seq, problem: "the checkpoint at this seq differs from a rebuild")
      }
    }
    if let stray = stored.keys.min() {
      return ChainFailure(seq: stray, problem: "a checkpoint names a seq past the end of the log")
    }
    return nil
  }
}
