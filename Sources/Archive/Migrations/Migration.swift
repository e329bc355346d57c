import Domain
import EventLog
import LMDB
import Stores

/// One named change to how an archive is stored, applied once to archives written before it
/// (as GRDB's `DatabaseMigrator` applies its registered migrations).
///
/// Archives written before the registry carry no record of what they hold, so each migration
/// also says whether an archive needs it; one that does not is recorded as found current.
struct Migration: Sendable {
  /// The name recorded in the archive: never changed once released.
  let name: String
  /// Whether the archive still lacks it.
  let isNeeded: @Sendable (Archive.Stores, LogWriter) throws -> Bool
  /// Applies it inside the writer's transaction, returning how many events it went over.
  let apply: @Sendable (Archive.Stores, inout LogWriter) throws -> UInt64
}

/// What the archive records about one migration.
public struct MigrationRecord: Hashable, Sendable {
  /// The migration's name.
  public var name: String
  /// When it was recorded (transaction time).
  public var recordedAt: Timestamp
  /// Whether it changed the archive; false when the archive was found current (written by a
  /// release that already stored it this way).
  public var applied: Bool
  /// The events it went over (0 when found current).
  public var events: UInt64
}

extension Migration {
  /// Every migration, in the order they apply. Append only: names and order never change.
  static let all: [Migration] = [
    // Releases index keys of the first layout (`guid:`/`link:` + text) → hashed keys.
    Migration(
      name: "releases-keyed-by-digest",
      isNeeded: { stores, writer in try stores.indexes.holdsOlderReleaseKeys(in: writer.transaction) },
      apply: { stores, writer in
        _ = try stores.indexes.upgradeReleases(in: writer.transaction, log: stores.log)
        return writer.headSeq
      }),
    // The set of events the views depend on (`view-events`), filled from the log.
    Migration(
      name: "view-events-set",
      isNeeded: { stores, writer in try !stores.viewEvents.isKept(in: writer.transaction) },
      apply: { stores, writer in
        try stores.refillViewEvents(in: writer.transaction)
        return writer.headSeq
      }),
    // The Merkle tree's leaves (`merkle`), for proofs, built over the events before them.
    Migration(
      name: "merkle-leaves",
      isNeeded: { stores, writer in try stores.merkle.size(in: writer.transaction) != writer.headSeq },
      apply: { stores, writer in
        try stores.merkle.build(through: writer.headSeq, in: writer.transaction, log: stores.log).added
      }),
  ]
}
