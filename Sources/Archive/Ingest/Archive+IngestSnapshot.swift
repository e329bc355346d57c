import EventLog
import LMDB
import Projections
import Stores

extension Archive {
  /// The state an ingest keeps folded while it appends, so that saving the snapshot at its
  /// end folds only the last input's events, not every event since the last snapshot.
  ///
  /// The save is a transaction of its own, after the last input's: the snapshot's pages can
  /// then reuse the index pages the ingest freed (saved in the last input's transaction, it
  /// grew a 20,000-document archive by its own size, 7%, for 5 ms of commit).
  ///
  /// When it pays: it starts only once a snapshot is due, the committed head at least
  /// ``Archive/snapshotInterval`` past the last one saved, as ``Archive/refreshSnapshot()``
  /// would find at the end. Starting loads the snapshot that refresh would load, and the
  /// events it would fold are folded once each, as the log grows, with the long fold's
  /// snapshots saved at the same seqs; a small ingest into a large archive loads no
  /// snapshot, as before.
  ///
  /// Each write transaction first folds the events committed since the state's last one
  /// (the previous input's, and any another process appended in between), which a rerun
  /// of the transaction after the map grew finds folded already: nothing is folded twice.
  struct RunningSnapshot {
    /// Folded through committed events only; nil until a snapshot is due.
    var state: ArchiveState?
    /// The seq of the last snapshot saved in this build's layout, read once.
    var saved: UInt64?
    /// Whether a stored event could not be folded (the refresh at the end says which).
    var declined = false
  }

  /// Brings the running state up to the events committed before `writer`'s transaction,
  /// starting it when a snapshot is due; returns the seq of the last snapshot the long
  /// fold saved on the way, to note once the transaction commits.
  func catchUp(_ running: inout RunningSnapshot, in writer: LogWriter) throws -> UInt64? {
    guard !running.declined else { return nil }
    let head = writer.headSeq
    var saved = try running.saved ?? snapshots.seqs(in: writer.transaction, current: true).last ?? 0
    running.saved = saved
    var state: ArchiveState
    if let started = running.state.take() {
      state = started
    } else {
      guard head >= saved + snapshotInterval else { return nil }
      state = try snapshots.latest(atOrBefore: head, in: writer) ?? ArchiveState()
      saved = max(saved, state.lastSeq)
      running.saved = saved
    }
    // Folded in place: what it folds is committed, and stays folded if the transaction reruns.
    defer { running.state = state }
    let before = saved
    try advance(&state, saved: &saved, through: head, in: writer)
    return saved > before ? saved : nil
  }

  /// Folds a state through `head`, saving it as a snapshot at each stop of a long fold on
  /// the way, where ``refreshSnapshot()`` would: when the log has grown by half since the
  /// last snapshot and by ``longFold`` events. `saved` is the last snapshot's seq.
  private func advance(
    _ state: inout ArchiveState, saved: inout UInt64, through head: UInt64, in writer: LogWriter
  ) throws {
    while saved + max(longFold, saved / 2) <= head {
      try fold(&state, through: saved + max(longFold, saved / 2), in: writer)
      try saveSnapshots(of: state, in: writer)
      // The stop, or past it when a rerun of the transaction finds the state folded further.
      saved = state.lastSeq
    }
    try fold(&state, through: head, in: writer)
  }

  /// Saves the snapshot an ingest leaves at its end, in a transaction of its own: from the
  /// running state, or by ``refreshSnapshot()`` when there is none.
  func saveSnapshot(after running: inout RunningSnapshot) throws(ArchiveError) {
    guard running.state != nil else { return try refreshSnapshot() }
    do {
      try log.write { writer in
        // Every event is committed: catching up folds the last input's, and the state is
        // then at the head, saved unless a long fold's stop just saved it there.
        let savedNow = try keepingData(&running) { try catchUp(&$0, in: writer) }
        if let state = running.state, state.lastSeq > savedNow ?? running.saved ?? 0 {
          try saveSnapshots(of: state, in: writer)
        }
      }
    } catch {
      throw .wrap(error, "saving a snapshot in \(path)")
    }
    // A stored event that could not be folded: the refresh says which.
    if running.declined { try refreshSnapshot() }
  }

  /// Runs a step of the running snapshot; an error that is not the storage's (a stored
  /// event that cannot be folded) drops the running state instead of failing the
  /// transaction, whose appends then commit, and the refresh at the end reports it, as
  /// before. The storage's own errors end the transaction, and a full map must rerun it.
  func keepingData<T>(
    _ running: inout RunningSnapshot, _ step: (inout RunningSnapshot) throws -> T?
  ) throws -> T? {
    do {
      return try step(&running)
    } catch let error as LMDBError {
      throw error
    } catch {
      running.state = nil
      running.declined = true
      return nil
    }
  }

}
