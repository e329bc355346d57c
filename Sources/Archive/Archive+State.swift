import Domain
import EventLog
import Projections
import StoredForm
import Stores

extension Archive {
  /// The folded state at a transaction time (the head when nil): the nearest snapshot at
  /// or before it, then the events after that snapshot.
  public func state(knownAt: KnownAt? = nil) throws(ArchiveError) -> ArchiveState {
    do {
      return try log.read { reader in try state(through: try bound(knownAt, in: reader), in: reader) }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// A state whose views equal those of ``state(knownAt:)``: a fold of only the events the
  /// views can depend on (``ViewEvents``) when they are few, so a read costs what its answer
  /// holds, not what the log does; else the state itself.
  func viewState(knownAt: KnownAt?) throws(ArchiveError) -> ArchiveState {
    do {
      return try log.read { reader in try viewState(through: try bound(knownAt, in: reader), in: reader) }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// ``viewState(knownAt:)`` after event `seq`.
  func viewState(through seq: UInt64, in reader: LogReader) throws -> ArchiveState {
    try viewEventsState(through: seq, limit: viewEventsLimit(seq), in: reader)
      ?? state(through: seq, in: reader)
  }

  /// A state that answers for correction or blame target `name` as the whole state would:
  /// the views' state for a meeting or a count point; for a document, the views' state when
  /// it holds the document, else the fold of the document's one event (a release the set does
  /// not hold is named by no other event); none when its id prefix is not one document's.
  func targetState(for name: String, through seq: UInt64, in reader: LogReader) throws -> ArchiveState {
    guard name.hasPrefix("sha256:") else { return try viewState(through: seq, in: reader) }
    // The prefix is looked up among all documents: the views' state holds only some.
    let named = try indexes.documents(named: name, through: seq, in: reader.transaction)
    guard named.count == 1, let document = named.first else { return ArchiveState() }
    let state = try viewState(through: seq, in: reader)
    if state.sources[document.id] != nil { return state }
    var alone = ArchiveState()
    try reader.forEach(at: [document.seq]) { raw in
      try Archive.fold(raw, into: &alone)
      return true
    }
    return alone
  }

  /// How many of the set's events a read folds at most, rather than the state, after `seq`.
  func viewEventsLimit(_ seq: UInt64) -> Int {
    // Seeking an event costs a few times reading the next one, and a snapshot's rows load
    // faster still: past an eighth of the log, the fold from the nearest snapshot wins.
    max(Int(snapshotInterval), Int(seq / 8))
  }

  /// The fold of the ``ViewEvents`` through `seq`, from the nearest view snapshot unless
  /// `fromSnapshot` is false; nil when the set is not kept (an older archive opened
  /// read-only) or more than `limit` of its events are left to fold.
  func viewEventsState(
    through seq: UInt64, limit: Int, in reader: some LogReading, fromSnapshot: Bool = true
  ) throws -> ArchiveState? {
    guard try viewEvents.isKept(in: reader.transaction) else { return nil }
    var state = (fromSnapshot ? try viewSnapshots.latest(atOrBefore: seq, in: reader) : nil) ?? ArchiveState()
    guard
      let members = try viewEvents.seqs(
        after: state.lastSeq, through: seq, limit: limit, in: reader.transaction)
    else { return nil }
    state.reserveCapacity(sources: state.sources.count + members.count)
    try reader.forEach(at: members) { raw in
      try Archive.fold(raw, into: &state)
      return true
    }
    return state
  }

  /// Saves `state` as the snapshot at its last seq, and beside it the ``ViewEvents`` fold to
  /// the same seq when that holds at most a quarter of the state's documents (else reads fold
  /// the state itself, and the view snapshot would only take room).
  func saveSnapshots(of state: ArchiveState, in writer: LogWriter) throws {
    guard let hash = try writer.hash(at: state.lastSeq) else {
      throw LogError.unreadable(seq: state.lastSeq, "missing")
    }
    try snapshots.save(
      Snapshots.storedBytes(of: state, hash: hash), at: state.lastSeq, in: writer.transaction)
    let share = state.sources.count / 4
    if let view = try viewEventsState(through: state.lastSeq, limit: share, in: writer),
      view.sources.count <= share
    {
      try viewSnapshots.save(
        Snapshots.storedBytes(of: view, hash: hash), at: state.lastSeq, in: writer.transaction)
    }
  }

  /// Refuses `--known-at SEQ` past the log's head: the archive never held that seq, so an
  /// answer "as known then" would be the head's state passed off as a later one.
  func refuseBeyondHead(_ knownAt: KnownAt?, in reader: LogReader) throws {
    guard case .seq(let seq)? = knownAt else { return }
    let head = try reader.head()?.seq ?? 0
    if seq > head {
      throw ArchiveError.usage("--known-at \(seq) is beyond the head of the log (seq \(head))")
    }
  }

  /// The last seq inside a transaction-time bound (0 when none is); a seq past the head is
  /// refused (``refuseBeyondHead(_:in:)``).
  func bound(_ knownAt: KnownAt?, in reader: LogReader) throws -> UInt64 {
    try refuseBeyondHead(knownAt, in: reader)
    guard let head = try reader.head() else { return 0 }
    switch knownAt {
    case nil: return head.seq
    case .seq(let n): return min(n, head.seq)
    case .time(let t):
      // recordedAt never decreases along the log, so the bound is found by bisection.
      var low: UInt64 = 0
      var high = head.seq
      while low < high {
        let mid = low + (high - low + 1) / 2
        guard let envelope = try reader.envelope(at: mid) else {
          throw LogError.unreadable(seq: mid, "missing")
        }
        if envelope.recordedAt <= t.microseconds { low = mid } else { high = mid - 1 }
      }
      return low
    }
  }

  /// The state after event `seq`, from the nearest snapshot.
  func state(through seq: UInt64, in reader: LogReader) throws -> ArchiveState {
    var state = try snapshots.latest(atOrBefore: seq, in: reader) ?? ArchiveState()
    try fold(&state, through: seq, in: reader)
    return state
  }

  /// Folds the events after the state's last one, through `seq`, into it.
  func fold(_ state: inout ArchiveState, through seq: UInt64, in reader: some LogReading) throws {
    guard state.lastSeq < seq else { return }
    try reader.forEach(from: state.lastSeq + 1, through: seq) { raw in
      try Archive.fold(raw, into: &state)
      return true
    }
  }

  /// Folds one stored event into a state, read in place (texts and quotes skipped).
  static func fold(_ raw: RawEnvelope, into state: inout ArchiveState) throws {
    do {
      try state.apply(
        seq: raw.seq, recordedAt: Timestamp(microseconds: raw.recordedAt), type: raw.type, payload: raw.data)
    } catch {
      throw LogError.unreadable(seq: raw.seq, "\(error)")
    }
  }

  /// The facts, with their evidence, of the `document.ingested` or `document.reextracted`
  /// events at `seqs` (a record's ``SourceRecord/factsSeq``): the state keeps only their
  /// values.
  public func facts(at seqs: some Sequence<UInt64>) throws(ArchiveError) -> [UInt64: Facts] {
    var out: [UInt64: Facts] = [:]
    for (seq, event) in try eventsWithoutTexts(at: seqs) {
      switch event {
      case .documentIngested(let e): out[seq] = e.facts
      case .documentReextracted(let e): out[seq] = e.facts
      default: throw .storage("event \(seq) holds no facts")
      }
    }
    return out
  }

  /// The events at `seqs` with their evidence whole, by seq; documents' texts are read
  /// (quotes left out of the stored form are put back from them) but not kept.
  func eventsWithoutTexts(at seqs: some Sequence<UInt64>) throws(ArchiveError) -> [UInt64: Event] {
    do {
      return try log.read { reader in
        var out: [UInt64: Event] = [:]
        for seq in seqs where out[seq] == nil {
          guard let envelope = try reader.envelope(at: seq) else {
            throw LogError.unreadable(seq: seq, "no such event")
          }
          let decoded = envelope.data.withUnsafeBytes { payload in
            Result { () throws(StoredFormError) in try Event(type: envelope.type, payload: payload) }
          }
          do {
            var event = try decoded.get()
            if case .documentIngested(var e) = event {
              e.document.text = ""
              event = .documentIngested(e)
            }
            out[seq] = event
          } catch {
            throw LogError.unreadable(seq: seq, "\(error)")
          }
        }
        return out
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// Saves a snapshot at the head when enough events follow the last one; write commands
  /// call it when they are done. A failure here loses only speed, never data.
  ///
  /// A long fold (a large ingest, a bulk load) also leaves snapshots along the way, each
  /// time the log has grown by half since the last one and by at least `longFold` events:
  /// `--known-at` into it then folds at most a third of it (or `longFold` events), and the
  /// snapshots written cost a few times the last one, not one per interval. Each is saved
  /// as the fold passes it, so none waits in memory.
  func refreshSnapshot() throws(ArchiveError) {
    do {
      // The fold runs in read transactions that end before each save: the map can only grow
      // while no transaction of this process is open.
      let start = try log.read { reader -> (state: ArchiveState, saved: UInt64, head: UInt64)? in
        guard let head = try reader.head() else { return nil }
        let saved = try snapshots.seqs(in: reader.transaction, current: true).last ?? 0
        guard head.seq >= saved + snapshotInterval else { return nil }
        let state = try snapshots.latest(atOrBefore: head.seq, in: reader) ?? ArchiveState()
        return (state, max(saved, state.lastSeq), head.seq)
      }
      guard let start else { return }
      var (state, saved) = (start.state, start.saved)
      repeat {
        let target = min(start.head, saved + max(longFold, saved / 2))
        try log.read { reader in try fold(&state, through: target, in: reader) }
        // Another writer may have appended since; the snapshots stay valid for their seq.
        try log.write { writer in try saveSnapshots(of: state, in: writer) }
        saved = target
      } while saved < start.head
    } catch {
      throw .wrap(error, "saving a snapshot in \(path)")
    }
  }

}

extension Archive {
  /// Appends events built elsewhere (benchmarks, migrations), in batches of one
  /// transaction each, keeping the indexes and snapshots as any append does; returns the
  /// last seq. Ingestion should go through ``ingest(_:dryRun:progress:)``, which dedupes.
  public func appendEvents(_ events: some Sequence<Event>, batch: Int = 10_000) throws(ArchiveError) -> UInt64
  {
    var iterator = events.makeIterator()
    var last: UInt64 = 0
    do {
      while true {
        // Taken out of the sequence before the transaction: a write that grows the map runs
        // its closure again, and must find the same events.
        var pending: [Event] = []
        pending.reserveCapacity(batch)
        while pending.count < batch, let event = iterator.next() { pending.append(event) }
        if pending.isEmpty { break }
        last = try log.write { writer -> UInt64 in
          var seq: UInt64 = 0
          for event in pending { seq = try append(event, with: &writer) }
          return seq
        }
      }
    } catch {
      throw .wrap(error, "appending to \(path)")
    }
    try refreshSnapshot()
    return last
  }

  /// The state folded from the first event, ignoring snapshots: what a full rebuild costs.
  public func rebuild() throws(ArchiveError) -> ArchiveState {
    do {
      return try log.read { reader in
        var state = ArchiveState()
        // Most events ingest a document: room for one each.
        state.reserveCapacity(sources: Int(try reader.head()?.seq ?? 0))
        try reader.forEach { raw in
          try Archive.fold(raw, into: &state)
          return true
        }
        return state
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }
}
