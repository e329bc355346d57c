import Crypto
import Domain
import LMDB
import StoredForm

/// The bodies of captures (`capture-bodies`): SHA-256 of the body as received (32 bytes) →
/// the body as ``CaptureBody`` stores it (compressed when shorter). A body fetched again is
/// stored once. Beside the log rather than in it, so that folds and scans never read bodies;
/// each `capture.recorded` event states its body's digest and length, so the chain covers
/// every body and `verify` names a missing or damaged one.
package struct CaptureStore {
  /// The database; nil in an archive opened read-only that was written before captures.
  let table: Table<RawBytes, CaptureBodyBytes>?
  /// The untyped database, for tests that damage an entry.
  package var database: Database? { table?.database }

  /// Opens the store's database in `environment`.
  package init(environment: Environment) throws {
    table = try Table.ifPresent(named: "capture-bodies", in: environment)
  }

  /// What the store holds for a digest.
  package enum Lookup {
    case intact([UInt8])
    case missing
    case damaged(String)
  }

  /// Stores `body` under its digest unless it is stored already.
  package func save(_ body: [UInt8], in txn: WriteTransaction) throws {
    guard let table else { throw StoreError("the archive has no capture store") }
    let key = Array(SHA256.hash(data: body))
    guard try !table.contains(key, in: txn) else { return }
    try table.put(body, for: key, in: txn)
  }

  /// The body stored under `digest`, checked against it.
  package func body(_ digest: [UInt8], length: Int? = nil, in txn: some ReadableTransaction) throws -> Lookup
  {
    guard let table else { return .missing }
    let body: [UInt8]
    do {
      guard let stored = try table.get(digest, in: txn) else { return .missing }
      body = stored
    } catch let error as StoredFormError {
      return .damaged("\(error)")
    }
    guard Array(SHA256.hash(data: body)) == digest, length.map({ $0 == body.count }) ?? true else {
      return .damaged("its bytes do not match their digest")
    }
    return .intact(body)
  }

  /// How many bodies are stored.
  package func count(in txn: some ReadableTransaction) throws -> Int {
    try table?.count(in: txn) ?? 0
  }
}

/// Each followed feed's ``FeedFetchState`` (`fetch-state`): its URL (UTF-8) → the state as
/// ``FeedFetchState/storedBytes`` lays it out.
///
/// Operational, not history: it changes on every fetch (a 304 included) and is not in the log,
/// nor exported. Losing it loses only validators and the schedule: the next fetch of every
/// feed is unconditional and due at once.
package struct FetchStateStore {
  /// The database; nil in an archive opened read-only that was written before following.
  let table: Table<UTF8Text, FetchStateBytes>?
  /// The untyped database, for tests that damage an entry.
  package var database: Database? { table?.database }

  /// Opens the store's database in `environment`.
  package init(environment: Environment) throws {
    table = try Table.ifPresent(named: "fetch-state", in: environment)
  }

  /// The state of `url`; nil when none is stored, or it cannot be read (a new one then replaces it).
  package func state(of url: String, in txn: some ReadableTransaction) throws -> FeedFetchState? {
    guard let table else { return nil }
    do {
      return try table.get(url, in: txn)
    } catch is StoredFormError {
      return nil
    }
  }

  /// Stores `state` for `url`.
  package func save(_ state: FeedFetchState, for url: String, in txn: WriteTransaction) throws {
    guard let table else { throw StoreError("the archive has no fetch-state database") }
    try table.put(state, for: url, in: txn)
  }

  /// Forgets the state of `url`.
  package func delete(_ url: String, in txn: WriteTransaction) throws {
    try table?.delete(url, in: txn)
  }
}

/// A capture body as ``CaptureBody`` stores it: compressed when that is shorter.
package enum CaptureBodyBytes: BytesCodec {
  /// The body as stored.
  package static func bytes(of value: [UInt8]) -> [UInt8] { CaptureBody.stored(value) }
  /// The body as received; throws ``StoredFormError`` for a damaged entry.
  package static func value(of bytes: [UInt8]) throws -> [UInt8] { try CaptureBody.body(stored: bytes) }
}

/// A feed's fetch state as ``FeedFetchState/storedBytes`` lays it out.
package enum FetchStateBytes: BytesCodec {
  /// The state's stored bytes.
  package static func bytes(of value: FeedFetchState) -> [UInt8] { value.storedBytes }
  /// The state; throws ``StoredFormError`` for bytes that hold none.
  package static func value(of bytes: [UInt8]) throws -> FeedFetchState {
    try FeedFetchState(storedBytes: bytes)
  }
}
