import CLMDB
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An LMDB environment: one directory holding `data.mdb` and `lock.mdb`, with named
/// databases inside. Reads and writes happen only inside ``read(_:)`` and ``write(_:)``.
///
/// Designed around LMDB's rules: `MDB_NOTLS` so read transactions are not tied to threads;
/// a write transaction begins and commits inside one synchronous closure (same thread, no
/// `await`); the map grows by itself when full, with no transaction of ours open.
package final class Environment: @unchecked Sendable {
  // @unchecked: MDB_env is safe to share across threads under MDB_NOTLS; mutable state
  // below is guarded by `lock`.
  let handle: OpaquePointer
  /// The directory of the environment.
  package let path: String
  /// Whether the environment was opened read-only.
  package let isReadOnly: Bool
  private let lock = NSLock()
  private var databases: [String: Database] = [:]
  private var openReaders = 0
  /// The address of the memory map, found by ``locateMap(_:lastPage:)``; nil until then, and again
  /// once the map is resized (LMDB may move it).
  private var mapStart: UInt?
  /// LMDB's page size (the system's), fixed for the environment's life.
  private let pageSize: UInt
  private let writeLock: WriteLock?
  /// Held by every transaction of a reader opened with `MDB_NOLOCK` (see ``ReaderLock``).
  private let readerLock: ReaderLock?
  /// Reader slots of dead processes that opening cleared (`mdb_reader_check`).
  package let staleReadersCleared: Int

  /// How an environment is opened.
  package struct Options: Sendable {
    /// The initial map size in bytes; it grows on demand.
    package var mapSize: Int = 64 << 20
    /// The most named databases (`mdb_env_set_maxdbs`).
    package var maxDatabases: UInt32 = 16
    /// The most concurrent readers (`mdb_env_set_maxreaders`); LMDB's default is 126.
    package var maxReaders: UInt32 = 512
    /// Open read-only: reads work on a read-only file system or archive.
    package var readOnly = false
    /// Skip `fsync` on commit (`MDB_NOSYNC`): faster, but a system crash may lose the
    /// last commits (never corrupts). For benchmarks and bulk loads only.
    package var noSync = false
    /// Create the directory if it does not exist.
    package var create = true
    /// How long, in seconds, a write waits for another process's write to end before it
    /// gives up with ``LMDBError/Code/writeLockTimeout`` (LMDB itself would wait forever).
    package var writeLockTimeout: Double = 30

    /// The defaults: 64 MiB to start, 16 databases, 512 readers, durable commits.
    package init() {}
  }

  /// Opens (creating when asked) the environment at `path`, and clears reader slots left
  /// behind by processes that died.
  package init(path: String, options: Options = Options()) throws(LMDBError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw LMDBError(code: LMDBError.Code.notADirectory.rawValue, operation: "open \(path)")
      }
    } else if options.create && !options.readOnly {
      do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw LMDBError(code: EACCES, operation: "create directory \(path)")
      }
    } else {
      throw LMDBError(code: LMDBError.Code.noSuchFile.rawValue, operation: "open \(path)")
    }
    var flags = UInt32(MDB_NOTLS)
    if options.readOnly { flags |= UInt32(MDB_RDONLY) }
    if options.noSync { flags |= UInt32(MDB_NOSYNC) }
    let env: OpaquePointer
    var readerLock: ReaderLock?
    do {
      env = try Environment.open(path, flags: flags, options: options)
    } catch let error where options.readOnly && error.is(.permissionDenied) {
      // A reader who may not write lock.mdb (another user's archive, a read-only mount):
      // read without the lock file, each transaction under a shared lock on write.lock.
      readerLock = try ReaderLock(directory: path, timeout: options.writeLockTimeout)
      env = try Environment.during(readerLock) {
        () throws(LMDBError) in
        try Environment.open(path, flags: flags | UInt32(MDB_NOLOCK), options: options)
      }
    }
    if readerLock == nil, let envFlags = LMDBCall.envFlags(env), envFlags & UInt32(MDB_NOLOCK) != 0 {
      // LMDB chose MDB_NOLOCK itself (a read-only file system, where a writer may still
      // write through another mount): the same shared lock.
      do {
        readerLock = try ReaderLock(directory: path, timeout: options.writeLockTimeout)
      } catch {
        LMDBCall.envClose(env)
        throw error
      }
    }
    self.readerLock = readerLock
    do {
      self.staleReadersCleared = try LMDBCall.readerCheck(env)
      writeLock = options.readOnly ? nil : try WriteLock(directory: path, timeout: options.writeLockTimeout)
    } catch {
      LMDBCall.envClose(env)
      throw error
    }
    pageSize = LMDBCall.envStat(env).map { UInt($0.ms_psize) } ?? 0
    self.handle = env
    self.path = path
    self.isReadOnly = options.readOnly
  }

  deinit { LMDBCall.envClose(handle) }

  /// Runs `body` holding `lock` when there is one.
  private static func during<T>(_ lock: ReaderLock?, _ body: () throws(LMDBError) -> T) throws(LMDBError) -> T
  {
    guard let lock else { return try body() }
    return try lock.during(body)
  }

  /// Whether reads run without LMDB's reader table, each under a shared lock on `write.lock`
  /// (a reader that may not write `lock.mdb`).
  package var readsUnderSharedLock: Bool { readerLock != nil }

  /// Creates, configures and opens an environment handle, closing it again on failure.
  private static func open(_ path: String, flags: UInt32, options: Options) throws(LMDBError) -> OpaquePointer
  {
    let env = try LMDBCall.envCreate()
    do {
      try LMDBCall.envSetMaxDatabases(env, options.maxDatabases)
      try LMDBCall.envSetMaxReaders(env, options.maxReaders)
      try LMDBCall.envSetMapSize(env, options.mapSize)
      reportDamagedPages(env)
      try LMDBCall.envOpen(env, path: path, flags: flags, mode: 0o644)
      try checkFileLength(env, path: path)
    } catch {
      LMDBCall.envClose(env)
      throw error
    }
    return env
  }

  /// Runs `body` holding the write lock (every write transaction begins inside it).
  private func exclusively<T>(_ body: () throws -> T) throws -> T {
    guard let writeLock else { return try body() }
    return try writeLock.withLock(body)
  }

  /// The named database `name`, created on first use unless the environment is read-only.
  ///
  /// In a read-only environment a database that does not exist yet throws `notFound`.
  package func database(named name: String) throws(LMDBError) -> Database {
    if let known = lock.withLock({ databases[name] }) { return known }
    var dbi: MDB_dbi = 0
    if isReadOnly {
      try Environment.during(readerLock) { () throws(LMDBError) in try open(flags: 0) }
    } else {
      do {
        try exclusively { try open(flags: UInt32(MDB_CREATE)) }
      } catch let error as LMDBError {
        throw error
      } catch {
        throw LMDBError(code: EIO, operation: "mdb_dbi_open: \(error)", database: name)
      }
    }
    func open(flags: UInt32) throws(LMDBError) {
      let txn = try begin(flags: isReadOnly ? UInt32(MDB_RDONLY) : 0)
      do {
        dbi = try LMDBCall.dbiOpen(txn, name: name, flags: flags)
      } catch {
        LMDBCall.txnAbort(txn)
        throw error
      }
      try LMDBCall.txnCommit(txn, database: name)
    }
    let database = Database(handle: dbi, name: name)
    lock.withLock { databases[name] = database }
    return database
  }

  /// The database `name`, opened (and created unless read-only) like
  /// ``database(named:)``; nil when the environment is read-only and has none, as an
  /// archive written before the database existed.
  package func databaseIfPresent(named name: String) throws(LMDBError) -> Database? {
    do {
      return try database(named: name)
    } catch {
      guard isReadOnly, error.is(.notFound) else { throw error }
      return nil
    }
  }

  /// Runs `body` in a read transaction: a consistent snapshot, however long it runs.
  ///
  /// The transaction ends when `body` returns or throws, and `body`'s error is rethrown as
  /// it is. Never keep the transaction or a buffer read through it beyond the closure.
  package func read<T>(_ body: (ReadTransaction) throws -> T) throws -> T {
    try readerLock?.acquire()
    defer { readerLock?.release() }
    let txn = try begin(flags: UInt32(MDB_RDONLY))
    lock.withLock { openReaders += 1 }
    defer {
      LMDBCall.txnAbort(txn)
      lock.withLock { openReaders -= 1 }
    }
    return try body(ReadTransaction(handle: txn, bounds: bounds(of: txn)))
  }

  /// Runs `body` in the write transaction: it commits when `body` returns and aborts when
  /// it throws, rethrowing the error as it is.
  ///
  /// When the map fills, the transaction is aborted, the map doubled and `body` run again,
  /// so `body` must do nothing outside the transaction that it could not repeat.
  @discardableResult
  package func write<T>(_ body: (WriteTransaction) throws -> T) throws -> T {
    try exclusively { try writeUnlocked(body) }
  }

  private func writeUnlocked<T>(_ body: (WriteTransaction) throws -> T) throws -> T {
    while true {
      let txn = try begin(flags: 0)
      // mdb_txn_commit frees the transaction whether or not it succeeds: never abort it after.
      var freed = false
      do {
        let value = try body(WriteTransaction(handle: txn, bounds: bounds(of: txn)))
        freed = true
        try commit(txn)
        return value
      } catch let error as LMDBError where error.is(.mapFull) {
        if !freed { LMDBCall.txnAbort(txn) }
        try growMap()
      } catch {
        if !freed { LMDBCall.txnAbort(txn) }
        throw error
      }
    }
  }

  private func begin(flags: UInt32) throws(LMDBError) -> OpaquePointer {
    do {
      return try LMDBCall.txnBegin(handle, flags: flags)
    } catch let error where error.is(.mapResized) {
      // Another process grew the map: adopt its size, then begin again.
      try LMDBCall.envSetMapSize(handle, 0)
      lock.withLock { mapStart = nil }
      return try LMDBCall.txnBegin(handle, flags: flags)
    }
  }

  /// Doubles the map. LMDB requires that no transaction of this process be open.
  private func growMap() throws(LMDBError) {
    guard lock.withLock({ openReaders }) == 0 else {
      throw LMDBError(
        code: LMDBError.Code.mapFull.rawValue, operation: "grow map (a read transaction is open)")
    }
    let next = mapSize * 2
    try LMDBCall.envSetMapSize(handle, next)
    lock.withLock { mapStart = nil }
  }

  /// Where `txn`, just begun, may read in the map: up to the end of the pages the data file
  /// holds (see ``MapBounds``).
  private func bounds(of txn: OpaquePointer) -> MapBounds {
    guard pageSize > 0, let info = LMDBCall.envInfo(handle) else { return .unchecked }
    let located = lock.withLock { mapStart }
    guard let start = located ?? locateMap(txn, lastPage: UInt(info.me_last_pgno)) else {
      return .unchecked
    }
    return MapBounds(
      mapStart: start, mapEnd: start + UInt(info.me_mapsize),
      fileEnd: start + UInt(info.me_last_pgno + 1) * pageSize)
  }

  /// The map's address, which LMDB does not tell: a key of the main database lies in a
  /// committed page of the map (nothing is written yet in a transaction just begun), and
  /// every page begins with its own page number (LMDB's `mp_pgno`), so the page's address
  /// less that many pages is the map's. Nil when the main database is empty (nothing in the
  /// map is read then) or the page does not look like one.
  private func locateMap(_ txn: OpaquePointer, lastPage: UInt) -> UInt? {
    guard let cursor = LMDBCall.mainCursorOpen(txn) else { return nil }
    defer { LMDBCall.cursorClose(cursor) }
    var key = MDB_val()
    var value = MDB_val()
    guard LMDBCall.cursorMove(cursor, &key, &value, MDB_FIRST), let address = key.mv_data else { return nil }
    let page = UInt(bitPattern: address) & ~(pageSize - 1)
    guard let header = UnsafeRawPointer(bitPattern: page) else { return nil }
    let number = header.load(as: UInt.self)
    guard number <= lastPage, page >= number * pageSize else { return nil }
    let start = page - number * pageSize
    lock.withLock { mapStart = start }
    return start
  }

  /// The current size of the memory map in bytes.
  package var mapSize: Int { LMDBCall.envInfo(handle)?.me_mapsize ?? 0 }

  /// The number of pages in use, from the last committed transaction.
  package var lastPage: Int { LMDBCall.envInfo(handle)?.me_last_pgno ?? 0 }

  /// The id of the last committed write transaction: it counts the commits, each of which
  /// waits for the disk.
  package var lastTransactionID: Int { LMDBCall.envInfo(handle)?.me_last_txnid ?? 0 }

  /// Entry count and page usage of a database.
  package func statistics(of database: Database) throws -> DatabaseStatistics {
    try read { txn in try txn.statistics(of: database) }
  }
}
