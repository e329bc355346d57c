import LMDB

/// How a database's keys or values become bytes and back. A store declares its codecs where
/// it opens its database (``Table``), as heed's `Database<KeyCodec, DataCodec>` does, so the
/// database's types are visible at the one place it is opened.
package protocol BytesCodec {
  /// What the bytes mean.
  associatedtype Value
  /// The bytes stored for `value`.
  static func bytes(of value: Value) -> [UInt8]
  /// The value `bytes` hold; throws when they hold none (a damaged or foreign entry).
  static func value(of bytes: [UInt8]) throws -> Value
}

/// A database whose keys are `Key`'s values and whose values are `Value`'s: only an
/// identifier, like ``Database``, with the codecs in its type.
package struct Table<Key: BytesCodec, Value: BytesCodec>: Sendable {
  /// The untyped database, for scans that read entries in place.
  package let database: Database

  /// The database `name` when the archive has it (nil in an archive opened read-only that
  /// was written before it).
  package static func ifPresent(named name: String, in environment: Environment) throws -> Table? {
    guard let database = try environment.databaseIfPresent(named: name) else { return nil }
    return Table(database)
  }

  private init(_ database: Database) { self.database = database }

  /// Whether an entry is stored under `key` (its value is not decoded).
  package func contains(_ key: Key.Value, in txn: some ReadableTransaction) throws -> Bool {
    try txn.get(database, key: Key.bytes(of: key)) != nil
  }

  /// The value stored under `key`, or nil; throws the codec's error when the stored bytes
  /// hold no value.
  package func get(_ key: Key.Value, in txn: some ReadableTransaction) throws -> Value.Value? {
    try txn.get(database, key: Key.bytes(of: key)).map(Value.value(of:))
  }

  /// Stores `value` under `key`, replacing any.
  package func put(_ value: Value.Value, for key: Key.Value, in txn: WriteTransaction) throws {
    try txn.put(database, key: Key.bytes(of: key), value: Value.bytes(of: value))
  }

  /// Removes the entry under `key`; false when there was none.
  @discardableResult
  package func delete(_ key: Key.Value, in txn: WriteTransaction) throws -> Bool {
    try txn.delete(database, key: Key.bytes(of: key))
  }

  /// How many entries are stored.
  package func count(in txn: some ReadableTransaction) throws -> Int {
    try txn.statistics(of: database).entries
  }
}

/// Bytes as they are (a digest, or a layout the store reads itself).
package enum RawBytes: BytesCodec {
  /// The bytes themselves.
  package static func bytes(of value: [UInt8]) -> [UInt8] { value }
  /// The bytes themselves.
  package static func value(of bytes: [UInt8]) -> [UInt8] { bytes }
}

/// A string as its UTF-8 bytes (a URL).
package enum UTF8Text: BytesCodec {
  /// The string's UTF-8 bytes.
  package static func bytes(of value: String) -> [UInt8] { Array(value.utf8) }
  /// The bytes read as UTF-8 (invalid sequences repaired).
  package static func value(of bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// A 32-bit number, 4 bytes big-endian (so keys sort as the numbers do).
package enum UInt32BigEndian: BytesCodec {
  /// The number's 4 bytes, most significant first.
  package static func bytes(of value: UInt32) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian) { Array($0) }
  }
  /// The number of 4 bytes, most significant first.
  package static func value(of bytes: [UInt8]) throws -> UInt32 {
    guard bytes.count == 4 else { throw StoreError("a key of \(bytes.count) bytes where 4 were expected") }
    return bytes.reduce(0) { $0 << 8 | UInt32($1) }
  }
}
