import CSQLite

/// A failed SQLite call: its result code, SQLite's message and what was being done.
package struct SQLiteError: Error, CustomStringConvertible {
  /// The primary result code (`SQLITE_CORRUPT` is 11, `SQLITE_NOTADB` 26).
  package var code: Int32
  /// SQLite's message.
  package var message: String
  /// The statement or step that failed.
  package var context: String

  package var description: String { "SQLite \(code) (\(message)) \(context)" }
}

/// One SQLite connection. Every `sqlite3_*` call of the package is in this file, so the unsafe
/// surface is one page long.
package final class SQLiteDatabase {
  private var handle: OpaquePointer?

  /// Opens (creating) the database file at `path`, or a private in-memory one for `":memory:"`.
  package init(path: String) throws(SQLiteError) {
    // NOFOLLOW: a symbolic link planted in the archive's directory is refused, not written through.
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW
    let code = sqlite3_open_v2(path, &handle, flags, nil)
    guard code == SQLITE_OK else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(handle)
      handle = nil
      throw SQLiteError(code: code, message: message, context: "opening \(path)")
    }
    // Another process bringing the same index up to date holds the write lock briefly.
    sqlite3_busy_timeout(handle, 10_000)
  }

  deinit { sqlite3_close_v2(handle) }

  /// Runs one or more statements without results.
  package func execute(_ sql: String) throws(SQLiteError) {
    let code = sqlite3_exec(handle, sql, nil, nil, nil)
    guard code == SQLITE_OK else { throw error(code, sql) }
  }

  /// Runs `body` in an immediate (write-locked) transaction: committed when it returns,
  /// rolled back when it throws, the body's error rethrown.
  package func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// A prepared statement for `sql`.
  package func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else { throw error(code, sql) }
    return SQLiteStatement(statement: statement, database: self, sql: sql)
  }

  fileprivate func error(_ code: Int32, _ context: String) -> SQLiteError {
    let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection"
    return SQLiteError(code: code & 0xFF, message: message, context: context)
  }
}

/// A prepared statement; values are bound by 1-based index, columns read by 0-based index.
package final class SQLiteStatement {
  private let statement: OpaquePointer
  private let database: SQLiteDatabase
  private let sql: String

  fileprivate init(statement: OpaquePointer, database: SQLiteDatabase, sql: String) {
    self.statement = statement
    self.database = database
    self.sql = sql
  }

  deinit { sqlite3_finalize(statement) }

  /// Binds values to the parameters, after clearing the last run.
  package func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
    sqlite3_reset(statement)
    sqlite3_clear_bindings(statement)
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let code: Int32
      switch value {
      case .integer(let n): code = sqlite3_bind_int64(statement, index, n)
      case .text(let text):
        // withCString: never a null pointer, which SQLite would take for NULL.
        code = text.withCString { communique_sqlite_bind_text(statement, index, $0, Int32(text.utf8.count)) }
      case .blob(let bytes):
        code = bytes.withUnsafeBytes {
          communique_sqlite_bind_blob(statement, index, $0.baseAddress, Int32($0.count))
        }
      case .null: code = sqlite3_bind_null(statement, index)
      }
      guard code == SQLITE_OK else { throw database.error(code, sql) }
    }
  }

  /// Steps once: true when a row is ready to read, false when the statement is done.
  package func step() throws(SQLiteError) -> Bool {
    let code = sqlite3_step(statement)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    throw database.error(code, sql)
  }

  /// Binds `values` and runs the statement to its end.
  package func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
    try bind(values)
    while try step() {}
  }

  /// The integer in column `column` of the current row.
  package func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

  /// The real number in column `column` of the current row.
  package func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

  /// The text in column `column` of the current row (nil for NULL).
  package func text(_ column: Int32) -> String? {
    guard let bytes = sqlite3_column_text(statement, column) else { return nil }
    let count = Int(sqlite3_column_bytes(statement, column))
    return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  }

  /// The bytes in column `column` of the current row (empty for NULL).
  package func blob(_ column: Int32) -> [UInt8] {
    let count = Int(sqlite3_column_bytes(statement, column))
    guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: bytes, count: count))
  }
}

/// A value bound to a statement's parameter.
package enum SQLiteValue {
  case integer(Int64)
  case text(String)
  case blob([UInt8])
  case null
}
