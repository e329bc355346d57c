import Crypto
import Domain
import LMDB
import StoredForm

/// The archive's text dictionaries (`dictionaries`): id, 4 bytes big-endian → SHA-256 of
/// the dictionary (32 bytes) ‖ the dictionary.
///
/// Beside the log rather than in it: a dictionary is not something a source said, and
/// payloads name it by id. The chain still covers every text, since a decoded text must hash
/// to its document's id; the digest tells a damaged dictionary from a missing one.
package struct TextDictionaryStore {
  /// The database; nil in an archive opened read-only that was written before dictionaries.
  /// Values are read by ``entries(in:)``, which tells a damaged entry from an intact one.
  let table: Table<UInt32BigEndian, RawBytes>?
  /// The untyped database, for tests that damage an entry.
  package var database: Database? { table?.database }

  /// Opens the store's database in `environment`.
  package init(environment: Environment) throws {
    table = try Table.ifPresent(named: "dictionaries", in: environment)
  }

  /// What one stored entry holds.
  package enum Entry {
    /// A dictionary whose bytes match their digest and whose id matches its key.
    case intact(TextDictionary)
    /// An entry that is not that, and why.
    case damaged(id: UInt32, problem: String)
  }

  /// Every stored entry, in key order.
  package func entries(in txn: some ReadableTransaction) throws -> [Entry] {
    guard let table else { return [] }
    var entries: [Entry] = []
    try txn.forEach(table.database) { key, value in
      guard key.count == 4 else {
        entries.append(.damaged(id: 0, problem: "a key of \(key.count) bytes"))
        return true
      }
      let id = key.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      let bytes = Array(value.dropFirst(32))
      guard value.count > 32, Array(value.prefix(32)) == Array(SHA256.hash(data: bytes)) else {
        entries.append(.damaged(id: id, problem: "its bytes do not match their digest"))
        return true
      }
      guard let dictionary = TextDictionary(bytes: bytes), dictionary.id == id else {
        entries.append(.damaged(id: id, problem: "not a Zstandard dictionary with id \(id)"))
        return true
      }
      entries.append(.intact(dictionary))
      return true
    }
    return entries
  }

  /// The intact dictionaries, registered with ``TextDictionaries/shared`` for decoders.
  package func load(in txn: some ReadableTransaction) throws -> [TextDictionary] {
    try entries(in: txn).compactMap { entry in
      guard case .intact(let dictionary) = entry else { return nil }
      return TextDictionaries.shared.register(dictionary)
    }
  }

  /// Stores `dictionary` unless its id is stored already.
  package func save(_ dictionary: TextDictionary, in txn: WriteTransaction) throws {
    guard let table, try !table.contains(dictionary.id, in: txn) else { return }
    try table.put(dictionary.digest + dictionary.bytes, for: dictionary.id, in: txn)
  }
}
