import CLMDB

#if canImport(Glibc)
  import Glibc
#endif

/// Every call into liblmdb, each a thin function that turns LMDB's result code into a thrown
/// ``LMDBError`` naming the call and the database (as swift-system keeps its syscalls in one
/// file): the unsafe surface of the binding is this page, and the rest of the target speaks
/// Swift. The ones a scan or an append calls per entry are `@inline(__always)`, so the
/// wrapper costs nothing over the C call; their error paths build strings only on failure.
enum LMDBCall {
  // MARK: Environments

  /// `mdb_env_create`.
  static func envCreate() throws(LMDBError) -> OpaquePointer {
    var env: OpaquePointer?
    try check(mdb_env_create(&env), "mdb_env_create")
    guard let env else { throw LMDBError(code: ENOMEM, operation: "mdb_env_create") }
    return env
  }

  /// `mdb_env_set_maxdbs`.
  static func envSetMaxDatabases(_ env: OpaquePointer, _ count: UInt32) throws(LMDBError) {
    try check(mdb_env_set_maxdbs(env, count), "mdb_env_set_maxdbs")
  }

  /// `mdb_env_set_maxreaders`.
  static func envSetMaxReaders(_ env: OpaquePointer, _ count: UInt32) throws(LMDBError) {
    try check(mdb_env_set_maxreaders(env, count), "mdb_env_set_maxreaders")
  }

  /// `mdb_env_set_mapsize`; 0 adopts the size another process gave the map.
  static func envSetMapSize(_ env: OpaquePointer, _ size: Int) throws(LMDBError) {
    try check(mdb_env_set_mapsize(env, size), "mdb_env_set_mapsize")
  }

  /// `mdb_env_open`.
  static func envOpen(_ env: OpaquePointer, path: String, flags: UInt32, mode: mdb_mode_t) throws(LMDBError) {
    try check(mdb_env_open(env, path, flags, mode), "mdb_env_open \(path)")
  }

  /// `mdb_env_close`.
  static func envClose(_ env: OpaquePointer) { mdb_env_close(env) }

  /// `mdb_env_get_flags`, or nil when LMDB cannot say.
  static func envFlags(_ env: OpaquePointer) -> UInt32? {
    var flags: UInt32 = 0
    return mdb_env_get_flags(env, &flags) == 0 ? flags : nil
  }

  /// `mdb_env_info`, or nil when LMDB cannot say.
  static func envInfo(_ env: OpaquePointer) -> MDB_envinfo? {
    var info = MDB_envinfo()
    return mdb_env_info(env, &info) == 0 ? info : nil
  }

  /// `mdb_env_stat` (the main database's statistics, and the page size), or nil.
  static func envStat(_ env: OpaquePointer) -> MDB_stat? {
    var stat = MDB_stat()
    return mdb_env_stat(env, &stat) == 0 ? stat : nil
  }

  /// `mdb_env_get_path`, or nil.
  static func envPath(_ env: OpaquePointer) -> String? {
    var path: UnsafePointer<CChar>?
    guard mdb_env_get_path(env, &path) == 0, let path else { return nil }
    return String(cString: path)
  }

  /// `mdb_env_set_assert`: `handler` runs, instead of `abort()`, when an internal check fails.
  static func envSetAssert(
    _ env: OpaquePointer, _ handler: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Void
  ) {
    _ = mdb_env_set_assert(env, handler)
  }

  /// `mdb_reader_check`: clears the slots of dead readers and returns how many.
  static func readerCheck(_ env: OpaquePointer) throws(LMDBError) -> Int {
    var dead: Int32 = 0
    try check(mdb_reader_check(env, &dead), "mdb_reader_check")
    return Int(dead)
  }

  /// `mdb_reader_list`: LMDB's reader table as the lines it prints.
  static func readerList(_ env: OpaquePointer) -> [String] {
    final class Lines { var all: [String] = [] }
    let lines = Lines()
    withExtendedLifetime(lines) {
      _ = mdb_reader_list(
        env,
        { message, context in
          guard let message, let context else { return 0 }
          Unmanaged<Lines>.fromOpaque(context).takeUnretainedValue().all.append(String(cString: message))
          return 0
        }, Unmanaged.passUnretained(lines).toOpaque())
    }
    return lines.all
  }

  // MARK: Transactions and databases

  /// `mdb_txn_begin` (a top-level transaction).
  @inline(__always)
  static func txnBegin(_ env: OpaquePointer, flags: UInt32) throws(LMDBError) -> OpaquePointer {
    var txn: OpaquePointer?
    try check(mdb_txn_begin(env, nil, flags, &txn), "mdb_txn_begin")
    guard let txn else { throw LMDBError(code: ENOMEM, operation: "mdb_txn_begin") }
    return txn
  }

  /// `mdb_txn_commit`, which frees the transaction whether or not it succeeds.
  @inline(__always)
  static func txnCommit(_ txn: OpaquePointer, database: String? = nil) throws(LMDBError) {
    try check(mdb_txn_commit(txn), "mdb_txn_commit", database: database)
  }

  /// `mdb_txn_abort`.
  @inline(__always)
  static func txnAbort(_ txn: OpaquePointer) { mdb_txn_abort(txn) }

  /// `mdb_dbi_open`.
  static func dbiOpen(_ txn: OpaquePointer, name: String, flags: UInt32) throws(LMDBError) -> MDB_dbi {
    var dbi: MDB_dbi = 0
    try check(mdb_dbi_open(txn, name, flags, &dbi), "mdb_dbi_open", database: name)
    return dbi
  }

  /// `mdb_stat` of one database.
  static func stat(_ txn: OpaquePointer, _ database: Database) throws(LMDBError) -> MDB_stat {
    var stat = MDB_stat()
    try check(mdb_stat(txn, database.handle, &stat), "mdb_stat", database: database.name)
    return stat
  }

  /// `mdb_drop` with `del` 0: empties the database and keeps it.
  static func empty(_ txn: OpaquePointer, _ database: Database) throws(LMDBError) {
    try check(mdb_drop(txn, database.handle, 0), "mdb_drop", database: database.name)
  }

  // MARK: Keys and values

  /// `mdb_get`: points `value` at the value under `key`; false when there is none.
  @inline(__always)
  static func get(
    _ txn: OpaquePointer, _ database: Database, _ key: inout MDB_val, _ value: inout MDB_val
  ) throws(LMDBError) -> Bool {
    let result = mdb_get(txn, database.handle, &key, &value)
    if result == MDB_NOTFOUND { return false }
    try check(result, "mdb_get", database: database.name)
    return true
  }

  /// `mdb_put`; with `MDB_RESERVE` in `flags`, LMDB points `value` at the space to fill.
  @inline(__always)
  static func put(
    _ txn: OpaquePointer, _ database: Database, _ key: inout MDB_val, _ value: inout MDB_val, flags: UInt32
  ) throws(LMDBError) {
    try check(mdb_put(txn, database.handle, &key, &value, flags), "mdb_put", database: database.name)
  }

  /// `mdb_del` of a key (and all its values); false when there was none.
  @inline(__always)
  static func delete(_ txn: OpaquePointer, _ database: Database, _ key: inout MDB_val) throws(LMDBError)
    -> Bool
  {
    let result = mdb_del(txn, database.handle, &key, nil)
    if result == MDB_NOTFOUND { return false }
    try check(result, "mdb_del", database: database.name)
    return true
  }

  // MARK: Cursors

  /// `mdb_cursor_open`.
  @inline(__always)
  static func cursorOpen(_ txn: OpaquePointer, _ database: Database) throws(LMDBError) -> OpaquePointer {
    var cursor: OpaquePointer?
    try check(mdb_cursor_open(txn, database.handle, &cursor), "mdb_cursor_open", database: database.name)
    guard let cursor else {
      throw LMDBError(code: ENOMEM, operation: "mdb_cursor_open", database: database.name)
    }
    return cursor
  }

  /// `mdb_cursor_open` on the main database (handle 1), which holds the named databases'
  /// records; nil when it fails. Only ``Environment`` uses it, to locate the map.
  static func mainCursorOpen(_ txn: OpaquePointer) -> OpaquePointer? {
    var cursor: OpaquePointer?
    guard mdb_cursor_open(txn, 1 /* MAIN_DBI */, &cursor) == 0 else { return nil }
    return cursor
  }

  /// `mdb_cursor_close`.
  @inline(__always)
  static func cursorClose(_ cursor: OpaquePointer) { mdb_cursor_close(cursor) }

  /// `mdb_cursor_get`: moves the cursor by `op`; false past either end (or no such key).
  @inline(__always)
  static func cursorGet(
    _ cursor: OpaquePointer, _ key: inout MDB_val, _ value: inout MDB_val, _ op: MDB_cursor_op,
    database: Database
  ) throws(LMDBError) -> Bool {
    let result = mdb_cursor_get(cursor, &key, &value, op)
    if result == MDB_NOTFOUND { return false }
    try check(result, "mdb_cursor_get", database: database.name)
    return true
  }

  /// `mdb_cursor_get` without a database to name, for ``Environment``'s map lookup: false on
  /// any failure.
  static func cursorMove(
    _ cursor: OpaquePointer, _ key: inout MDB_val, _ value: inout MDB_val, _ op: MDB_cursor_op
  ) -> Bool {
    mdb_cursor_get(cursor, &key, &value, op) == 0
  }

  // MARK: Messages

  /// `mdb_strerror`: LMDB's message for its own codes, and the system's for errno values.
  static func message(_ code: Int32) -> String { String(cString: mdb_strerror(code)) }
}

/// Turns an LMDB result code into a thrown ``LMDBError`` (0 is success).
@inline(__always)
func check(_ result: Int32, _ operation: @autoclosure () -> String, database: String? = nil) throws(LMDBError)
{
  guard result == 0 else { throw LMDBError(code: result, operation: operation(), database: database) }
}
