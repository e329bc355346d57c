import Crypto
import Domain
import Foundation
import LMDB
import StoredForm

/// The archive's text dictionaries (`dictionaries`): id, 4 bytes big-endian → SHA-256 of
/// the dictionary (32 bytes) ‖ the dictionary.
///
/// Beside the log rather than in it: a dictionary is not something a source said, and
/// payloads name it by id. The chain still covers every text, since a decoded text must hash
/// to its document's id; the digest tells a damaged dictionary from a missing one.
struct TextDictionaryStore {
  /// The database; nil in an archive opened read-only that was written before dictionaries.
  let database: Database?

  init(environment: Environment) throws {
    database = try environment.databaseIfPresent(named: "dictionaries")
  }

  /// What one stored entry holds.
  enum Entry {
    /// A dictionary whose bytes match their digest and whose id matches its key.
    case intact(TextDictionary)
    /// An entry that is not that, and why.
    case damaged(id: UInt32, problem: String)
  }

  /// Every stored entry, in key order.
  func entries(in txn: some ReadableTransaction) throws -> [Entry] {
    guard let database else { return [] }
    var entries: [Entry] = []
    try txn.forEach(database) { key, value in
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
  func load(in txn: some ReadableTransaction) throws -> [TextDictionary] {
    try entries(in: txn).compactMap { entry in
      guard case .intact(let dictionary) = entry else { return nil }
      return TextDictionaries.shared.register(dictionary)
    }
  }

  /// Stores `dictionary` unless its id is stored already.
  func save(_ dictionary: TextDictionary, in txn: WriteTransaction) throws {
    guard let database else { return }
    let key = withUnsafeBytes(of: dictionary.id.bigEndian) { Array($0) }
    guard try txn.get(database, key: key) == nil else { return }
    try txn.put(database, key: key, value: dictionary.digest + dictionary.bytes)
  }
}

extension Archive {
  /// The input bytes from which an ingest into an archive without a dictionary trains one:
  /// below it, the first window holds too few texts to learn from.
  static let dictionaryTrainingBytes = 512 << 10

  /// The dictionary new texts are compressed against: the archive's intact one with the
  /// lowest id (two processes that trained at once leave two; either serves).
  func currentDictionary() throws -> TextDictionary? {
    try log.read { [dictionaries] reader in
      try dictionaries.load(in: reader.transaction).min { $0.id < $1.id }
    }
  }
}

/// The dictionary one ingest compresses texts with, decided once: the archive's, or one
/// trained on the first window's texts (or none, when they are too few), which the windows
/// prepared beside it wait for before laying out their payloads.
final class IngestDictionary: @unchecked Sendable {
  // @unchecked: `decided` is only touched holding `condition`.
  private let condition = NSCondition()
  private var decided: TextDictionary??

  /// The archive's dictionary `known`; or, with `trains`, one to be trained.
  init(known: TextDictionary?, trains: Bool) {
    if !trains { decided = .some(known) }
  }

  /// Decides on a dictionary trained on `samples`, unless one was decided already; wakes the
  /// windows waiting. Empty samples decide on none.
  func decide(trainingOn samples: @autoclosure () -> [[UInt8]]) {
    condition.lock()
    defer { condition.unlock() }
    guard decided == nil else { return }
    let samples = samples()
    decided = .some(
      samples.isEmpty ? nil : TextDictionary.trained(on: samples).map(TextDictionaries.shared.register))
    condition.broadcast()
  }

  /// The dictionary, once decided.
  func wait() -> TextDictionary? {
    condition.lock()
    defer { condition.unlock() }
    while decided == nil { condition.wait() }
    return decided ?? nil
  }
}
