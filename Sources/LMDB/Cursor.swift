import CLMDB

/// A position in a database, lent to ``ReadableTransaction/withCursor(_:_:)``'s body.
///
/// Each move returns the key and value there, as buffers into the map that stay valid
/// until the transaction ends, or nil past either end.
package struct Cursor {
  let handle: OpaquePointer
  let database: Database
  let bounds: MapBounds

  /// An entry the cursor points at: key and value, not copied.
  package typealias Entry = (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

  private func move(_ op: MDB_cursor_op, key: [UInt8]? = nil) throws(LMDBError) -> Entry? {
    var k = MDB_val()
    var v = MDB_val()
    let found: Bool
    if let key {
      found = try withValue(key) { probe in
        defer { k = probe }
        return Result { () throws(LMDBError) in
          try LMDBCall.cursorGet(handle, &probe, &v, op, database: database)
        }
      }.get()
    } else {
      found = try LMDBCall.cursorGet(handle, &k, &v, op, database: database)
    }
    guard found else { return nil }
    return (
      try bounds.buffer(k, "mdb_cursor_get", database: database.name),
      try bounds.buffer(v, "mdb_cursor_get", database: database.name)
    )
  }

  /// The first entry.
  package mutating func first() throws(LMDBError) -> Entry? { try move(MDB_FIRST) }
  /// The last entry.
  package mutating func last() throws(LMDBError) -> Entry? { try move(MDB_LAST) }
  /// The entry after the current one.
  package mutating func next() throws(LMDBError) -> Entry? { try move(MDB_NEXT) }
  /// The entry before the current one.
  package mutating func previous() throws(LMDBError) -> Entry? { try move(MDB_PREV) }
  /// The first entry whose key is greater than or equal to `key`.
  package mutating func seek(atLeast key: [UInt8]) throws(LMDBError) -> Entry? {
    try move(MDB_SET_RANGE, key: key)
  }
  /// The entry whose key is exactly `key`.
  package mutating func seek(exactly key: [UInt8]) throws(LMDBError) -> Entry? {
    try move(MDB_SET_KEY, key: key)
  }
}
