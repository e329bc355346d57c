import Domain
import EventLog
import Extraction
import Projections

/// How far a `reextract` run has come, for progress on long runs.
public struct ReextractProgress: Hashable, Sendable {
  /// Documents done so far (examined or skipped as retracted).
  public var done: Int
  /// Documents to do in all.
  public var total: Int
  /// Documents whose facts changed so far.
  public var changed: Int
}

extension Archive {
  /// Documents read again per write transaction: small enough to keep each commit short,
  /// large enough that a big archive is not thousands of commits.
  public static let reextractBatchSize = 128

  /// Runs the current extractor over every stored document and appends a
  /// `document.reextracted` event for each one whose facts changed (the extractor version
  /// aside); this is how extractor improvements reach an archive without rewriting it.
  ///
  /// Retracted documents are skipped and counted: a retraction holds at every valid time and
  /// precedes any re-extraction in the log, so no projection could ever show their new facts.
  /// Superseded revisions are read again, since `--as-of` before the later revision shows them.
  /// Appends run in batches of `batchSize`, each one write transaction; if another writer
  /// appended in between, the batch is compared again against the state it left. Running it
  /// twice appends nothing the second time. With `dryRun`, appends nothing.
  public func reextract(
    dryRun: Bool = false, batchSize: Int = Archive.reextractBatchSize,
    progress: (ReextractProgress) -> Void = { _ in }
  ) throws(ArchiveError) -> ReextractReport {
    let extractor = try self.extractor()
    var report = ReextractReport(dryRun: dryRun, extractor: Extractor.version)
    var state = try self.state()
    let targets = state.sources.values.sorted { $0.seq < $1.seq }.map { ($0.id, $0.seq) }
    var done = 0
    var start = 0
    while start < targets.count {
      let batch = targets[start..<min(targets.count, start + max(1, batchSize))]
      start = batch.endIndex
      // Texts never change, so reading and extracting happen outside the write transaction.
      let documents = try ingestedDocuments(at: batch.map(\.1))
      let read = documents.map { ($0.id, extractor.facts(in: $0)) }
      while true {
        var changes: [(DocumentID, Facts, [ChangedFact])] = []
        var unchanged = 0
        var retracted = 0
        // The state keeps the values of facts, not their evidence: the current facts whole
        // are in the events they came from.
        let current = try self.facts(at: read.compactMap { state.sources[$0.0]?.factsSeq })
        for (id, facts) in read {
          guard let record = state.sources[id], record.retraction == nil,
            var previous = current[record.factsSeq]
          else {
            retracted += 1
            continue
          }
          var fields = ChangedFact.changes(from: previous, to: facts)
          previous.extractor = facts.extractor
          if fields.isEmpty && previous != facts {
            // A field this comparison does not name yet; still a change worth recording.
            fields = [ChangedFact(field: "other", from: nil, to: nil)]
          }
          if fields.isEmpty { unchanged += 1 } else { changes.append((id, facts, fields)) }
        }
        var seqs: [UInt64?] = Array(repeating: nil, count: changes.count)
        if !dryRun && !changes.isEmpty {
          guard let appended = try appendReextractions(changes.map { ($0.0, $0.1) }, after: state.lastSeq)
          else {
            try catchUp(&state)  // Another writer appended: compare again against its state.
            continue
          }
          for recorded in appended { state.apply(recorded) }
          seqs = appended.map(\.seq)
        }
        for (index, change) in changes.enumerated() {
          report.changed.append(ReextractedDocument(document: change.0, seq: seqs[index], fields: change.2))
        }
        report.examined += read.count - retracted
        report.unchanged += unchanged
        report.retracted += retracted
        break
      }
      done += batch.count
      progress(ReextractProgress(done: done, total: targets.count, changed: report.changed.count))
    }
    if !dryRun { try refreshSnapshot() }
    return report
  }

  /// Appends one `document.reextracted` event per document in one write transaction, or
  /// returns nil without appending when the log's head is no longer `expectedHead`.
  private func appendReextractions(
    _ items: [(DocumentID, Facts)], after expectedHead: UInt64
  ) throws(ArchiveError) -> [RecordedEvent]? {
    do {
      return try log.write { writer -> [RecordedEvent]? in
        guard writer.headSeq == expectedHead else { return nil }
        return try items.map { id, facts in
          let event = Event.documentReextracted(DocumentReextracted(document: id, facts: facts))
          let seq = try append(event, with: &writer)
          return RecordedEvent(
            seq: seq, recordedAt: Timestamp(microseconds: writer.headRecordedAt), event: event)
        }
      }
    } catch {
      throw .wrap(error, "appending re-extractions to \(path)")
    }
  }

  /// Folds into `state` every event after its last seq, without keeping the events (or
  /// their texts) in memory.
  private func catchUp(_ state: inout ArchiveState) throws(ArchiveError) {
    var folded = state
    do {
      try log.read { reader in
        try reader.forEach(from: folded.lastSeq + 1) { raw in
          try Archive.fold(raw, into: &folded)
          return true
        }
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    state = folded
  }
}
