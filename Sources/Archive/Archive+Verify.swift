import Domain
import EventLog
import JSONForm
import LMDB
import Projections
import Stores

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
        // One pass, holding the folded state rather than the events: each stored snapshot
        // is compared with the fold when the pass reaches its seq.
        let snapshotSeqs = Set(try snapshots.seqs(in: reader.transaction, current: true))
        var rebuilt = ArchiveState()
        var snapshotFailure: ChainFailure?
        // A damaged dictionary is named at the first event compressed against it.
        let storedDictionaries = try dictionaries.entries(in: reader.transaction)
        let damagedDictionaries = storedDictionaries.compactMap { entry in
          if case .damaged(let id, let problem) = entry { return (id, problem) } else { return nil }
        }
        var dictionaryFailure: ChainFailure?
        // A capture whose body is missing or damaged is named by its seq.
        var captureFailure: ChainFailure?
        var capturesChecked = 0
        var expectedViewEvents = Set<UInt64>()
        // What `releases` must hold: each guid's and link's key → its latest document's seq.
        var expectedReleases: [[UInt8]: UInt64] = [:]
        let chain = try reader.verifyChain { raw in
          if !damagedDictionaries.isEmpty, dictionaryFailure == nil,
            let id = try Event.storedTextFrame(type: raw.type, payload: raw.data)?.dictionary,
            let (_, problem) = damagedDictionaries.first(where: { $0.0 == id })
          {
            dictionaryFailure = ChainFailure(
              seq: raw.seq, problem: "its text dictionary \(id) is damaged: \(problem)")
          }
          let recorded = try Archive.decode(raw)
          if captureFailure == nil, case .captureRecorded(let e) = recorded.event {
            switch try captureBodies.body(e.bodySHA256, length: e.bodyLength, in: reader.transaction) {
            case .intact: capturesChecked += 1
            case .missing:
              captureFailure = ChainFailure(seq: raw.seq, problem: "capture body \(e.bodyName) is missing")
            case .damaged(let problem):
              captureFailure = ChainFailure(
                seq: raw.seq, problem: "capture body \(e.bodyName) is damaged: \(problem)")
            }
          }
          expectedViewEvents.formUnion(
            try ViewEvents.members(added: recorded.event, seq: raw.seq) { ingested[$0] })
          if case .documentIngested(let e) = recorded.event {
            if let earlier = ingested[e.document.id] {
              throw LogError.unreadable(
                seq: raw.seq, "document \(e.document.id.short) already ingested at \(earlier)")
            }
            ingested[e.document.id] = raw.seq
            for key in Indexes.releaseKeys(guid: e.document.guid, link: e.document.link) {
              expectedReleases[key] = raw.seq
            }
            guard try indexes.indexedSeq(of: e.document.id, in: reader.transaction) == raw.seq else {
              throw LogError.unreadable(seq: raw.seq, "the documents index does not point at this event")
            }
          }
          rebuilt.apply(recorded)
          if snapshotFailure == nil, snapshotSeqs.contains(raw.seq) {
            snapshotFailure = try checkSnapshot(at: raw.seq, against: rebuilt, reader)
          }
        }
        var checks = [
          "storage format \(EventLog.storageFormat)", "hash chain of \(chain.events) events",
          "payloads decode",
          "documents index points at each ingestion",
        ]
        var failure =
          dictionaryFailure.map { dictionary in
            chain.failure.map { $0.seq < dictionary.seq ? $0 : dictionary } ?? dictionary
          } ?? chain.failure
        if let capture = captureFailure, failure.map({ $0.seq > capture.seq }) ?? true { failure = capture }
        if failure == nil, capturesChecked > 0 {
          checks.append("the bodies of \(capturesChecked) captures are stored and match their digests")
        }
        if failure == nil, let (id, problem) = damagedDictionaries.first {
          failure = ChainFailure(
            seq: chain.events, problem: "text dictionary \(id), which no event uses, is damaged: \(problem)")
        }
        // Read commands refuse a format they do not know at open; here, a missing one.
        if failure == nil, try reader.storedFormat() != [EventLog.storageFormat], chain.events > 0 {
          failure = ChainFailure(seq: 1, problem: "meta/format is missing or not \(EventLog.storageFormat)")
        }
        if failure == nil, !storedDictionaries.isEmpty {
          let count = storedDictionaries.count
          checks.append(count == 1 ? "the text dictionary is intact" : "\(count) text dictionaries intact")
        }
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
          failure = try checkReleases(expected: expectedReleases, events: chain.events, reader)
          if failure == nil {
            checks.append("releases index points at each guid's and link's latest document")
          }
        }
        if failure == nil {
          let viewChecks = try checkViewEvents(expected: expectedViewEvents, events: chain.events, reader)
          failure = viewChecks.failure
          checks += viewChecks.checks
        }
        if failure == nil {
          let tree = try verifyTree(in: reader)
          failure = tree.failure
          if tree.failure == nil { checks.append(tree.check) }
        }
        if failure == nil {
          if let stray = snapshotSeqs.filter({ $0 > chain.events }).min() {
            snapshotFailure =
              snapshotFailure
              ?? ChainFailure(seq: stray, problem: "a snapshot names a seq past the end of the log")
          }
          failure = snapshotFailure
          switch snapshotSeqs.count {
          case 0: checks.append("no snapshot yet (one is saved every \(snapshotInterval) events)")
          case 1: checks.append("the snapshot equals a rebuild to its seq")
          case let count: checks.append("each of \(count) snapshots equals a rebuild to its seq")
          }
        }
        if failure == nil, rebuilt.lastSeq > 0 {
          // What reads use (the latest snapshot and the events after it) must give the
          // same state, and so the same projections, as a fold of the whole log.
          let last = rebuilt.lastSeq
          let incremental = try state(through: last, in: reader)
          let rebuiltView = ArchiveView(state: rebuilt)
          if incremental != rebuilt || ArchiveView(state: incremental) != rebuiltView {
            failure = ChainFailure(
              seq: last, problem: "the incremental state differs from a full rebuild")
          }
          checks.append("incremental state and projections equal a full rebuild")
          // As reads fold them: from the latest view snapshot, when few enough.
          if failure == nil,
            let folded = try viewEventsState(through: last, limit: viewEventsLimit(last), in: reader)
          {
            if ArchiveView(state: folded) != rebuiltView {
              failure = ChainFailure(
                seq: last, problem: "the projections of the view events differ from a full rebuild's")
            }
            checks.append("projections of the view events alone equal a full rebuild's")
          }
        }
        return VerificationReport(
          events: chain.events, headHash: Hex.encode(chain.headHash), failure: failure, checks: checks)
      }
    } catch {
      throw .wrap(error, "verifying \(path)")
    }
  }

  /// The `releases` index against `expected` (recomputed from the log of `events` events):
  /// the first wrong entry names the seq it should hold, a stray one the seq it holds.
  private func checkReleases(
    expected: [[UInt8]: UInt64], events: UInt64, _ reader: LogReader
  ) throws -> ChainFailure? {
    // Keys of the earlier layout are rewritten by the next writable open.
    guard try !indexes.holdsOlderReleaseKeys(in: reader.transaction) else { return nil }
    var failure: ChainFailure?
    var seen = 0
    try reader.transaction.forEach(indexes.releases) { key, value in
      seen += 1
      let stored = UInt64(bigEndianBytes: value)
      guard let should = expected[Array(key)] else {
        failure = ChainFailure(
          seq: min(max(stored ?? events, 1), max(events, 1)),
          problem: "the releases index holds an entry for a guid or link no document has")
        return false
      }
      guard stored == should else {
        failure = ChainFailure(
          seq: should,
          problem: "the releases index does not point at this document, the latest under its guid or link "
            + "(it holds \(stored.map(String.init) ?? "\(value.count) bytes"))")
        return false
      }
      return true
    }
    if failure == nil, seen != expected.count {
      let missing = expected.filter { key, _ in
        (try? reader.transaction.get(indexes.releases, key: key)) == nil
      }
      failure = ChainFailure(
        seq: missing.values.min() ?? events, problem: "the releases index lacks this document's guid or link")
    }
    return failure
  }

  /// The view-events set against `expected`, recomputed from the log of `events` events,
  /// and each view snapshot against a fold of the set to its seq.
  private func checkViewEvents(
    expected: Set<UInt64>, events: UInt64, _ reader: LogReader
  ) throws -> (failure: ChainFailure?, checks: [String]) {
    if let damaged = try viewEvents.firstDamagedBlock(in: reader.transaction) {
      let problem = "the view-events block from this seq is damaged (its checksum does not match)"
      return (ChainFailure(seq: max(damaged, 1), problem: problem), [])
    }
    guard try viewEvents.isKept(in: reader.transaction) else {
      return (nil, ["no view-events set yet (an older archive: a writable open fills it)"])
    }
    let stored = try viewEvents.all(in: reader.transaction)
    if let missing = expected.subtracting(stored).min() {
      return (ChainFailure(seq: missing, problem: "the view-events set lacks this event"), [])
    }
    if let stray = stored.subtracting(expected).min() {
      return (
        ChainFailure(seq: stray, problem: "the view-events set holds this event, which no view reads"), []
      )
    }
    var checks = ["view-events set holds exactly the events the views can depend on"]
    let seqs = try viewSnapshots.seqs(in: reader.transaction, current: true)
    for seq in seqs {
      guard seq <= events else {
        return (
          ChainFailure(seq: seq, problem: "a view snapshot names a seq past the end of the log"), checks
        )
      }
      let folded = try viewEventsState(through: seq, limit: .max, in: reader, fromSnapshot: false)
      if let failure = try checkSnapshot(
        at: seq, against: folded ?? ArchiveState(), reader, in: viewSnapshots)
      {
        return (failure, checks)
      }
    }
    if !seqs.isEmpty { checks.append("each view snapshot equals a fold of the view events to its seq") }
    return (nil, checks)
  }

  /// Compares the snapshot stored at `seq` with the state folded up to it.
  private func checkSnapshot(
    at seq: UInt64, against folded: ArchiveState, _ reader: LogReader, in store: Snapshots? = nil
  ) throws -> ChainFailure? {
    let store = store ?? snapshots
    let what = store.endsAtItsSeq ? "snapshot" : "view snapshot"
    guard let stored = try store.stored(at: seq, in: reader.transaction) else { return nil }
    guard try store.isBound(stored, to: seq, in: reader) else {
      return ChainFailure(seq: seq, problem: "the \(what) at this seq belongs to another log")
    }
    guard stored.withUnsafeBytes({ Snapshots.isIntact($0) }) else {
      return ChainFailure(
        seq: seq, problem: "the \(what) at this seq is damaged (its checksum does not match)")
    }
    guard stored.withUnsafeBytes({ Snapshots.state(in: $0) }) == folded else {
      return ChainFailure(seq: seq, problem: "the \(what) at this seq differs from a rebuild")
    }
    return nil
  }
}
