import Domain
import EventLog
import Extraction
import Foundation
import IngestPipeline
import LMDB
import Projections
import StoredForm
import Stores

/// An archive of statements: the event log, its indexes, and the projections read from it.
///
/// This is the facade the command line calls; every command is one method here.
public final class Archive: @unchecked Sendable {
  // @unchecked: the log is Sendable; the extractor is loaded once and never mutated.
  /// Where the archive lives (an LMDB environment directory).
  public let path: String
  let log: EventLog
  let indexes: Indexes
  let viewEvents: ViewEvents
  let snapshots: Snapshots
  /// Snapshots of the ``ViewEvents`` fold, where it is a small part of the state.
  let viewSnapshots: Snapshots
  let merkle: MerkleStore
  let dictionaries: TextDictionaryStore
  let ledger: MigrationLedger
  /// The bodies of captures, by SHA-256.
  let captureBodies: CaptureStore
  /// Each followed feed's fetch state, by URL.
  let fetchStates: FetchStateStore
  /// Events whose Merkle leaves opening had to add: nonzero once for an archive written
  /// before proofs (the CLI says so), 0 ever after.
  public let treeBuiltOnOpen: UInt64
  /// Whether the archive was read as empty because its first write command is still creating
  /// it (or was killed doing so): nothing has been ingested yet.
  public let holdsNothingYet: Bool
  /// Whether this open created the archive (it was not there): the command line says where.
  package let createdOnOpen: Bool
  let snapshotInterval: UInt64
  let longFold: UInt64
  let extractorSource: ExtractorSource

  /// How to open an archive.
  public struct Options: Sendable {
    /// Open read-only: for read commands, and for archives on read-only media.
    public var readOnly = false
    /// An extra theme vocabulary file that extends the bundled one.
    public var extraThemes: URL?
    /// Skip fsync on commit (benchmarks and bulk loads).
    public var noSync = false
    /// The transaction-time clock, µs since the epoch (tests inject one).
    public var clock: @Sendable () -> Int64 = EventLog.systemClock
    /// How long, in seconds, a write waits for another process's write to end before giving
    /// up (exit 74); LMDB alone would wait forever.
    public var writeLockTimeout: Double = 30
    /// Save a snapshot of the folded state once this many events follow the last one;
    /// reads then fold at most this many events after loading it.
    public var snapshotInterval: UInt64 = 2048
    /// A snapshot fold longer than this (a large ingest, a bulk load) also leaves snapshots
    /// along the way, each when the log has grown by half since the last and by at least
    /// this much: below it, a read that folds the rest is fast anyway.
    public var longFold: UInt64 = 131_072
    /// The map's first size in bytes (the storage's default when nil); it grows as writes
    /// need. Tests start it tiny, so that their writes grow it.
    var mapSize: Int?

    /// Defaults: read-write, bundled vocabulary, durable commits, the system clock.
    public init() {}
  }

  /// Opens the archive at `path`, creating it unless read-only.
  public init(path: String, options: Options = Options()) throws(ArchiveError) {
    self.path = path
    snapshotInterval = max(1, options.snapshotInterval)
    longFold = max(snapshotInterval, options.longFold)
    var env = Environment.Options()
    env.readOnly = options.readOnly
    env.noSync = options.noSync
    env.create = !options.readOnly
    env.writeLockTimeout = options.writeLockTimeout
    if let mapSize = options.mapSize { env.mapSize = mapSize }
    let stores: Stores
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw .cannotOpen(path: path, reason: "it is a file, not an archive directory")
    }
    createdOnOpen = !options.readOnly && !FileManager.default.fileExists(atPath: path + "/data.mdb")
    do {
      if options.readOnly && !FileManager.default.fileExists(atPath: path + "/data.mdb")
        && !Archive.isBeingCreated(path)
      {
        throw ArchiveError.cannotOpen(
          path: path,
          reason:
            "no archive there (nothing has been ingested yet; --archive or $COMMUNIQUE_ARCHIVE names another)"
        )
      }
      // A mistyped path must not become a tree of new directories: only the archive's own
      // directory is created.
      let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
      if !options.readOnly, !FileManager.default.fileExists(atPath: path),
        !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) || !isDirectory.boolValue
      {
        throw ArchiveError.cannotOpen(
          path: path, reason: "its parent directory \(parent) does not exist; create it first")
      }
      stores = try Archive.openStores(at: path, options: options, environment: env)
      holdsNothingYet = false
    } catch let error as ArchiveError {
      throw error
    } catch let error as LMDBError
      where options.readOnly && (error.is(.notFound) || error.is(.noSuchFile)) && Archive.isBeingCreated(path)
    {
      // The first write command is creating it (or was killed doing so: one transaction per
      // database), before anything could be ingested: read as the empty archive it is.
      do {
        stores = try Archive.emptyStores(options: options, environment: env)
      } catch {
        throw .cannotOpen(path: path, reason: Archive.explain(error, readOnly: true))
      }
      holdsNothingYet = true
    } catch {
      throw .cannotOpen(path: path, reason: Archive.explain(error, readOnly: options.readOnly))
    }
    log = stores.log
    indexes = stores.indexes
    viewEvents = stores.viewEvents
    viewSnapshots = stores.viewSnapshots
    snapshots = stores.snapshots
    merkle = stores.merkle
    dictionaries = stores.dictionaries
    captureBodies = stores.captureBodies
    fetchStates = stores.fetchStates
    treeBuiltOnOpen = stores.treeBuiltOnOpen
    ledger = stores.ledger
    extractorSource = ExtractorSource(extraThemes: options.extraThemes)
  }

  /// What an archive is made of, opened together.
  struct Stores {
    var log: EventLog
    var indexes: Indexes
    var viewEvents: ViewEvents
    var viewSnapshots: Snapshots
    var snapshots: Snapshots
    var merkle: MerkleStore
    var dictionaries: TextDictionaryStore
    var ledger: MigrationLedger
    var captureBodies: CaptureStore
    var fetchStates: FetchStateStore
    var treeBuiltOnOpen: UInt64 = 0
  }

  /// Opens (creating unless read-only, and migrating when writable: ``Migration/all``) the
  /// stores of the archive at `path`.
  private static func openStores(
    at path: String, options: Options, environment env: Environment.Options
  ) throws -> Stores {
    let log = try EventLog(path: path, options: env, clock: options.clock)
    let environment = log.environment
    var stores = Stores(
      log: log, indexes: try Indexes(environment: environment, events: log.events),
      viewEvents: try ViewEvents(environment: environment),
      viewSnapshots: try Snapshots(environment: environment, name: "view-snapshots", endsAtItsSeq: false),
      snapshots: try Snapshots(environment: environment), merkle: try MerkleStore(environment: environment),
      dictionaries: try TextDictionaryStore(environment: environment),
      ledger: try MigrationLedger(environment: environment),
      captureBodies: try CaptureStore(environment: environment),
      fetchStates: try FetchStateStore(environment: environment))
    if !options.readOnly {
      let made = try stores.migrate(clock: options.clock)
      stores.treeBuiltOnOpen = made.first { $0.name == "merkle-leaves" && $0.applied }?.events ?? 0
      // An append that met a damaged block dropped the set's mark: fill it again (reads fold
      // the whole state until then).
      if try !log.read({ [stores] in try stores.viewEvents.isKept(in: $0.transaction) }) {
        _ = try log.write { [stores] writer in try stores.refillViewEvents(in: writer.transaction) }
      }
    }
    // Registered for every decoder in the process: texts are compressed against them.
    _ = try log.read { [stores] in try stores.dictionaries.load(in: $0.transaction) }
    return stores
  }

  /// The stores of an empty archive, made in a temporary directory that is removed at once
  /// (the open files stay readable).
  private static func emptyStores(options: Options, environment env: Environment.Options) throws -> Stores {
    let scratch = NSTemporaryDirectory() + "communique-empty-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    var writable = env
    writable.readOnly = false
    writable.create = true
    var creating = options
    creating.readOnly = false
    _ = try openStores(at: scratch, options: creating, environment: writable)
    return try openStores(at: scratch, options: options, environment: env)
  }

  /// Whether `path` looks like an archive its first write command is creating (or was killed
  /// creating): a directory that is empty, or that holds `data.mdb`.
  static func isBeingCreated(_ path: String) -> Bool {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
    return entries.isEmpty || entries.contains("data.mdb")
  }

  static func explain(_ error: any Error, readOnly: Bool = false) -> String {
    guard let lmdb = error as? LMDBError else { return "\(error)" }
    switch lmdb.code {
    case LMDBError.Code.notADirectory.rawValue: return "the path is a file, not an archive directory"
    case LMDBError.Code.invalid.rawValue: return "not an LMDB archive, or written by an incompatible version"
    case LMDBError.Code.permissionDenied.rawValue:
      return readOnly ? "permission denied" : "permission denied for writing (read commands may still work)"
    case LMDBError.Code.readOnlyFileSystem.rawValue:
      return "on a read-only file system: only read commands work"
    case LMDBError.Code.noSuchFile.rawValue: return "no such archive"
    case LMDBError.Code.corrupted.rawValue: return "the archive file is corrupted"
    default: return lmdb.description
    }
  }

  /// The extractor, loaded once on first use (read commands never need it).
  package func extractor() throws(ArchiveError) -> Extractor {
    try extractorSource.get()
  }
}

/// Loads the extractor lazily and once; its language data takes a moment to read.
final class ExtractorSource: @unchecked Sendable {
  // @unchecked: `loaded` and `kinds` are guarded by `lock`.
  let extraThemes: URL?
  private let lock = NSLock()
  private var loaded: Result<Extractor, ArchiveError>?
  private var kinds: [String: String]?

  init(extraThemes: URL?) { self.extraThemes = extraThemes }

  func get() throws(ArchiveError) -> Extractor {
    let result = lock.withLock { () -> Result<Extractor, ArchiveError> in
      if let loaded { return loaded }
      let made: Result<Extractor, ArchiveError>
      do {
        made = .success(try Extractor(extraThemes: extraThemes))
      } catch {
        made = .failure(.badInput(source: extraThemes?.path ?? "theme vocabulary", problem: "\(error)"))
      }
      loaded = made
      return made
    }
    return try result.get()
  }

  /// Theme ids and their kinds, from the vocabulary alone (empty if it cannot be loaded),
  /// read once: reads need them, and loading the whole extractor for them would cost
  /// every read.
  var themeKinds: [String: String] {
    lock.withLock {
      if let kinds { return kinds }
      let vocabulary = try? ThemeVocabulary.bundled(extraThemes: extraThemes)
      let read = Dictionary(
        (vocabulary?.themes ?? []).map { ($0.id, $0.kind.rawValue) }, uniquingKeysWith: { first, _ in first })
      kinds = read
      return read
    }
  }
}
