import Crypto
import Domain
import LMDB
import StoredForm

/// The bodies of captures (`capture-bodies`): SHA-256 of the body as received (32 bytes) →
/// the body as ``CaptureBody`` stores it (compressed when shorter). A body fetched again is
/// stored once. Beside the log rather than in it, so that folds and scans never read bodies;
/// each `capture.recorded` event states its body's digest and length, so the chain covers
/// every body and `verify` names a missing or damaged one.
struct CaptureStore {
  /// The database; nil in an archive opened read-only that was written before captures.
  let database: Database?

  init(environment: Environment) throws {
    database = try environment.databaseIfPresent(named: "capture-bodies")
  }

  /// What the store holds for a digest.
  enum Lookup {
    case intact([UInt8])
    case missing
    case damaged(String)
  }

  /// Stores `body` under its digest unless it is stored already.
  func save(_ body: [UInt8], in txn: WriteTransaction) throws {
    guard let database else { throw ArchiveError.storage("the archive has no capture store") }
    let key = Array(SHA256.hash(data: body))
    guard try txn.get(database, key: key) == nil else { return }
    try txn.put(database, key: key, value: CaptureBody.stored(body))
  }

  /// The body stored under `digest`, checked against it.
  func body(_ digest: [UInt8], length: Int? = nil, in txn: some ReadableTransaction) throws -> Lookup {
    guard let database, let stored = try txn.get(database, key: digest) else { return .missing }
    let body: [UInt8]
    do {
      body = try CaptureBody.body(stored: stored)
    } catch {
      return .damaged("\(error)")
    }
    guard Array(SHA256.hash(data: body)) == digest, length.map({ $0 == body.count }) ?? true else {
      return .damaged("its bytes do not match their digest")
    }
    return .intact(body)
  }

  /// How many bodies are stored.
  func count(in txn: some ReadableTransaction) throws -> Int {
    guard let database else { return 0 }
    return try txn.statistics(of: database).entries
  }
}

/// Each followed feed's ``FeedFetchState`` (`fetch-state`): its URL (UTF-8) → the state as
/// ``FeedFetchState/storedBytes`` lays it out.
///
/// Operational, not history: it changes on every fetch (a 304 included) and is not in the log,
/// nor exported. Losing it loses only validators and the schedule: the next fetch of every
/// feed is unconditional and due at once.
struct FetchStateStore {
  /// The database; nil in an archive opened read-only that was written before following.
  let database: Database?

  init(environment: Environment) throws {
    database = try environment.databaseIfPresent(named: "fetch-state")
  }

  /// The state of `url`; nil when none is stored, or it cannot be read (a new one then replaces it).
  func state(of url: String, in txn: some ReadableTransaction) throws -> FeedFetchState? {
    guard let database, let bytes = try txn.get(database, key: Array(url.utf8)) else { return nil }
    return try? FeedFetchState(storedBytes: bytes)
  }

  /// Stores `state` for `url`.
  func save(_ state: FeedFetchState, for url: String, in txn: WriteTransaction) throws {
    guard let database else { throw ArchiveError.storage("the archive has no fetch-state database") }
    try txn.put(database, key: Array(url.utf8), value: state.storedBytes)
  }

  /// Forgets the state of `url`.
  func delete(_ url: String, in txn: WriteTransaction) throws {
    guard let database else { return }
    _ = try txn.delete(database, key: Array(url.utf8))
  }
}
