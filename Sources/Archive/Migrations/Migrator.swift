import Domain
import EventLog
import LMDB
import Stores

extension Archive.Stores {
  /// Applies, in order, every migration the archive has not recorded, each in one write
  /// transaction with its record, so a kill leaves it applied and recorded or neither. Returns
  /// the records made by this call.
  ///
  /// Each migration is checked inside its own transaction: two processes opening one older
  /// archive at once apply it once.
  func migrate(clock: @Sendable () -> Int64) throws -> [MigrationRecord] {
    let recorded = try log.read { [ledger] reader in
      try Set(ledger.records(in: reader.transaction).map(\.name))
    }
    var made: [MigrationRecord] = []
    for migration in Migration.all where !recorded.contains(migration.name) {
      let record = try log.write { [self] writer -> MigrationRecord? in
        guard try !ledger.holds(migration.name, in: writer.transaction) else { return nil }
        let needed = try migration.isNeeded(self, writer)
        let events = needed ? try migration.apply(self, &writer) : 0
        // Setting up a new, empty archive is not a change to anything a release wrote.
        let applied = needed && writer.headSeq > 0
        let record = MigrationRecord(
          name: migration.name, recordedAt: Timestamp(microseconds: clock()), applied: applied,
          events: applied ? events : 0)
        try ledger.save(record, in: writer.transaction)
        return record
      }
      if let record { made.append(record) }
    }
    return made
  }

  /// Fills the view-events set from the log and drops the view snapshots folded without it.
  func refillViewEvents(in txn: WriteTransaction) throws {
    try viewEvents.fill(in: txn, log: log)
    try viewSnapshots.delete(from: 0, in: txn)
  }
}

extension Archive {
  /// The migrations this archive has recorded, in the order they apply: empty for an archive
  /// no release with the registry has opened for writing.
  public func migrations() throws(ArchiveError) -> [MigrationRecord] {
    do {
      return try log.read { [ledger] reader in try ledger.records(in: reader.transaction) }
    } catch {
      throw .wrap(error, "reading the migrations of \(path)")
    }
  }
}
