import CLMDB
import CPrefetch

/// A read-only snapshot of the environment, valid only inside ``Environment/read(_:)``.
package struct ReadTransaction {
  let handle: OpaquePointer
  let bounds: MapBounds
}

/// The single write transaction, valid only inside ``Environment/write(_:)``; it can do
/// everything a read transaction can.
package struct WriteTransaction {
  let handle: OpaquePointer
  let bounds: MapBounds
}

/// What every transaction can do: look up values and walk cursors.
package protocol ReadableTransaction {
  /// The underlying handle; internal to the binding in practice.
  var transactionHandle: OpaquePointer { get }
  /// Where the keys and values this transaction reads from the map may lie.
  var mapBounds: MapBounds { get }
  /// Whether nothing can change while the transaction lives (a read transaction), so that a
  /// scan may read ahead of its caller.
  static var isReadOnly: Bool { get }
}

extension ReadTransaction: ReadableTransaction {
  /// True: a read transaction's snapshot never changes.
  package static var isReadOnly: Bool { true }
  /// The LMDB transaction handle (the escape hatch; prefer the typed methods).
  package var transactionHandle: OpaquePointer { handle }
  /// Where the keys and values this transaction reads from the map may lie.
  package var mapBounds: MapBounds { bounds }
}

extension WriteTransaction: ReadableTransaction {
  /// False: the transaction's own writes change what it reads.
  package static var isReadOnly: Bool { false }
  /// The LMDB transaction handle (the escape hatch; prefer the typed methods).
  package var transactionHandle: OpaquePointer { handle }
  /// Where the keys and values this transaction reads from the map may lie.
  package var mapBounds: MapBounds { bounds }
}

/// The part of the memory map a transaction may read: the pages the data file holds.
///
/// LMDB checks no page: a damaged size or page number in a node can point a key or value
/// past the end of the file, and touching the map there kills the process with SIGBUS.
/// Every key and value is checked against the file's end before the binding lends it.
/// (Pages a write transaction changed live in memory outside the map, and are not checked.)
package struct MapBounds: Sendable {
  let mapStart: UInt
  let mapEnd: UInt
  let fileEnd: UInt

  /// Bounds given outright (tests).
  init(mapStart: UInt, mapEnd: UInt, fileEnd: UInt) {
    (self.mapStart, self.mapEnd, self.fileEnd) = (mapStart, mapEnd, fileEnd)
  }

  /// No bounds: nothing is checked (an environment whose map could not be located).
  static let unchecked = MapBounds(mapStart: 0, mapEnd: 0, fileEnd: 0)

  /// The bytes `value` points at, or an error when they lie in the map past the file's end.
  @inline(__always)
  func buffer(_ value: MDB_val, _ operation: StaticString, database: String) throws(LMDBError)
    -> UnsafeRawBufferPointer
  {
    let start = UInt(bitPattern: value.mv_data)
    if start >= mapStart, start < mapEnd, start > fileEnd || value.mv_size > fileEnd - start {
      throw LMDBError(
        code: LMDBError.Code.corrupted.rawValue,
        operation: "\(operation) (an entry of \(value.mv_size) bytes reaches past the end of the data file)",
        database: database)
    }
    return UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)
  }
}

/// Runs `body` with an `MDB_val` pointing at `bytes` (errors travel in `R`, as a `Result`:
/// `withUnsafeBytes` does not keep a typed error).
@inline(__always)
func withValue<R>(_ bytes: [UInt8], _ body: (inout MDB_val) -> R) -> R {
  bytes.withUnsafeBytes { buffer in
    var value = MDB_val(mv_size: buffer.count, mv_data: UnsafeMutableRawPointer(mutating: buffer.baseAddress))
    return body(&value)
  }
}

extension ReadableTransaction {
  /// The value stored under `key`, copied out, or nil when there is none.
  package func get(_ database: Database, key: [UInt8]) throws(LMDBError) -> [UInt8]? {
    var found = MDB_val()
    guard try lookUp(database, key: key, into: &found) else { return nil }
    return Array(try mapBounds.buffer(found, "mdb_get", database: database.name))
  }

  /// Lends the value stored under `key` (or nil) to `body` without copying it.
  ///
  /// The buffer points into the memory map: it is valid only during `body`.
  package func withValue<R>(
    _ database: Database, key: [UInt8], _ body: (UnsafeRawBufferPointer?) throws -> R
  ) throws -> R {
    var found = MDB_val()
    guard try lookUp(database, key: key, into: &found) else { return try body(nil) }
    return try body(try mapBounds.buffer(found, "mdb_get", database: database.name))
  }

  /// Points `found` at the value under `key`; false when there is none.
  @inline(__always)
  private func lookUp(_ database: Database, key: [UInt8], into found: inout MDB_val) throws(LMDBError) -> Bool
  {
    try LMDB.withValue(key) { k in
      Result { () throws(LMDBError) in try LMDBCall.get(transactionHandle, database, &k, &found) }
    }.get()
  }

  /// A cursor over `database`, positioned before the first entry; it closes when `body` ends.
  package func withCursor<R>(_ database: Database, _ body: (inout Cursor) throws -> R) throws -> R {
    let cursor = try LMDBCall.cursorOpen(transactionHandle, database)
    defer { LMDBCall.cursorClose(cursor) }
    var wrapper = Cursor(handle: cursor, database: database, bounds: mapBounds)
    return try body(&wrapper)
  }

  /// Calls `body` with each key and value whose key lies in `range`, in key order, without
  /// copying; `body` returns false to stop early.
  ///
  /// In a read transaction, whose snapshot never changes, the cursor runs one entry ahead
  /// and the next value starts loading into cache while `body` reads the current one. A write
  /// transaction does not: `body` may write, and a write may move or free the pages an entry
  /// read ahead points into.
  package func forEach(
    _ database: Database, in range: KeyRange = .all,
    _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
  ) throws {
    try withCursor(database) { cursor in
      var entry = try range.lower.map { try cursor.seek(atLeast: $0) } ?? cursor.first()
      while let (key, value) = entry {
        if let upper = range.upper, !range.contains(upperOf: key, upper) { return }
        guard Self.isReadOnly else {
          guard try body(key, value) else { return }
          entry = try cursor.next()
          continue
        }
        // A failure to move on is reported after `body` has seen this entry, as without
        // the look-ahead.
        let following = Result { () throws(LMDBError) in try cursor.next() }
        if case .success(let next?) = following { prefetch(next.value) }
        guard try body(key, value) else { return }
        entry = try following.get()
      }
    }
  }

  /// Entry count and page usage of `database` in this snapshot.
  package func statistics(of database: Database) throws(LMDBError) -> DatabaseStatistics {
    let stat = try LMDBCall.stat(transactionHandle, database)
    return DatabaseStatistics(
      entries: stat.ms_entries, depth: Int(stat.ms_depth),
      pages: stat.ms_branch_pages + stat.ms_leaf_pages + stat.ms_overflow_pages)
  }
}

/// Starts loading the first bytes of `value` into cache (a hint; see `communique_prefetch`).
///
/// A scan calls it on the next value while the current one is read: the map's pages are
/// mostly not in cache, and waiting for them one line at a time is most of a scan's cost.
@inline(__always)
func prefetch(_ value: UnsafeRawBufferPointer) {
  // Past a few KiB the hardware's own prefetcher keeps up with a sequential read.
  communique_prefetch(value.baseAddress, value.count, 4096)
}

extension WriteTransaction {
  /// Stores `value` under `key`, replacing any value unless ``PutOptions/noOverwrite``.
  package func put(_ database: Database, key: [UInt8], value: [UInt8], options: PutOptions = [])
    throws(LMDBError)
  {
    try LMDB.withValue(key) { k in
      LMDB.withValue(value) { v in
        Result { () throws(LMDBError) in try LMDBCall.put(handle, database, &k, &v, flags: options.rawValue) }
      }
    }.get()
  }

  /// Stores a value of `count` bytes under `key`, written in place by `fill`
  /// (`MDB_RESERVE`), so the value is never assembled in a buffer of its own.
  ///
  /// `fill` receives exactly `count` bytes inside the transaction's dirty page and must
  /// write all of them; the buffer is valid only during `fill`. The key is a raw buffer so
  /// that hot paths can pass one on the stack.
  package func put<R>(
    _ database: Database, key: UnsafeRawBufferPointer, reservingCount count: Int, options: PutOptions = [],
    fill: (UnsafeMutableRawBufferPointer) -> R
  ) throws(LMDBError) -> R {
    var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
    var v = MDB_val(mv_size: count, mv_data: nil)
    let flags = options.rawValue | UInt32(MDB_RESERVE)
    try LMDBCall.put(handle, database, &k, &v, flags: flags)
    // On success LMDB points `v` at the reserved space, of the size asked for.
    return fill(UnsafeMutableRawBufferPointer(start: v.mv_data, count: count))
  }

  /// Removes `key`; returns whether it was there.
  @discardableResult
  package func delete(_ database: Database, key: [UInt8]) throws(LMDBError) -> Bool {
    try LMDB.withValue(key) { k in
      Result { () throws(LMDBError) in try LMDBCall.delete(handle, database, &k) }
    }.get()
  }

  /// Removes every entry of `database`, keeping the database.
  package func clear(_ database: Database) throws(LMDBError) {
    try LMDBCall.empty(handle, database)
  }
}

/// A range of keys in byte order: `lower` inclusive, `upper` inclusive or exclusive.
package struct KeyRange: Sendable {
  /// The first key, or nil for the start of the database.
  package var lower: [UInt8]?
  /// The bound at the end, or nil for the end of the database.
  package var upper: [UInt8]?
  /// Whether ``upper`` itself is in the range.
  package var includesUpper: Bool

  /// Every key.
  package static let all = KeyRange(lower: nil, upper: nil, includesUpper: false)

  /// Keys from `lower` (inclusive) up to `upper` (exclusive unless `includesUpper`).
  package init(lower: [UInt8]?, upper: [UInt8]?, includesUpper: Bool = false) {
    self.lower = lower
    self.upper = upper
    self.includesUpper = includesUpper
  }

  func contains(upperOf key: UnsafeRawBufferPointer, _ upper: [UInt8]) -> Bool {
    let order = compareBytes(key, upper)
    return order < 0 || (order == 0 && includesUpper)
  }
}

/// Byte-wise comparison as LMDB's default key order does it (memcmp, then length).
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
  let n = min(a.count, b.count)
  for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
  return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}
