import CLMDB

/// A named database inside an ``Environment``: only an identifier, valid for the
/// environment's lifetime. Keys and values are bytes; typed layers sit above.
public struct Database: Hashable, Sendable {
  let handle: MDB_dbi
  /// The database's name, for error messages.
  public let name: String
}

/// Options for ``WriteTransaction/put(_:key:value:options:)``.
public struct PutOptions: OptionSet, Sendable {
  /// The raw LMDB flags.
  public let rawValue: UInt32
  /// Creates options from LMDB flags.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Refuse to replace an existing key (`MDB_NOOVERWRITE`): the put throws `keyExists`.
  public static let noOverwrite = PutOptions(rawValue: UInt32(MDB_NOOVERWRITE))
  /// The key is greater than every key present (`MDB_APPEND`): a fast path for logs.
  public static let append = PutOptions(rawValue: UInt32(MDB_APPEND))
}

/// Entry counts and page usage of a database, as `mdb_stat` reports them.
public struct DatabaseStatistics: Hashable, Sendable {
  /// The number of key/value pairs.
  public var entries: Int
  /// The height of the B-tree.
  public var depth: Int
  /// Branch, leaf and overflow pages in use.
  public var pages: Int
}
