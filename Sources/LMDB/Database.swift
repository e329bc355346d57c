import CLMDB

/// A named database inside an ``Environment``: only an identifier, valid for the
/// environment's lifetime. Keys and values are bytes; typed layers sit above.
package struct Database: Hashable, Sendable {
  let handle: MDB_dbi
  /// The database's name, for error messages.
  package let name: String
}

/// Options for ``WriteTransaction/put(_:key:value:options:)``.
package struct PutOptions: OptionSet, Sendable {
  /// The raw LMDB flags.
  package let rawValue: UInt32
  /// Creates options from LMDB flags.
  package init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Refuse to replace an existing key (`MDB_NOOVERWRITE`): the put throws `keyExists`.
  package static let noOverwrite = PutOptions(rawValue: UInt32(MDB_NOOVERWRITE))
  /// The key is greater than every key present (`MDB_APPEND`): a fast path for logs.
  package static let append = PutOptions(rawValue: UInt32(MDB_APPEND))
}

/// Entry counts and page usage of a database, as `mdb_stat` reports them.
package struct DatabaseStatistics: Hashable, Sendable {
  /// The number of key/value pairs.
  package var entries: Int
  /// The height of the B-tree.
  package var depth: Int
  /// Branch, leaf and overflow pages in use.
  package var pages: Int
}
