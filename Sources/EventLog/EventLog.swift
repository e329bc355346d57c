import Foundation
import LMDB

/// The append-only, hash-chained log of events in an LMDB environment.
///
/// Events live in the named database `events` under 8-byte big-endian sequence numbers
/// from 1; each envelope carries the hash of the one before, so `verify` detects any change.
/// Appends happen inside ``write(_:)``: all the appends of one call commit together or not
/// at all. Secondary indexes of higher layers live in other named databases of the same
/// environment and are written in the same transaction.
package final class EventLog: Sendable {
  /// The LMDB environment (higher layers open their index databases in it).
  package let environment: Environment
  /// The `events` database.
  package let events: Database
  /// The `meta` database: format version and the head of the chain.
  package let meta: Database
  let clock: @Sendable () -> Int64

  /// The key in `meta` holding the storage format version (one byte).
  static let formatKey = Array("format".utf8)
  /// The key in `meta` holding the head: `seq[8 BE] hash[32]`, updated on every append.
  static let headKey = Array("head".utf8)
  /// The storage format this build reads and writes.
  package static let storageFormat: UInt8 = 1

  /// Opens or creates the log at `path`; `clock` is the source of transaction time in µs since the epoch; tests inject one.
  package init(
    path: String, options: Environment.Options = Environment.Options(),
    clock: @escaping @Sendable () -> Int64 = EventLog.systemClock
  ) throws {
    environment = try Environment(path: path, options: options)
    events = try environment.database(named: "events")
    meta = try environment.database(named: "meta")
    self.clock = clock
    if environment.isReadOnly {
      // A format this build does not know is refused by reads too: they would misread it.
      if let format = try environment.read({ txn in try txn.get(meta, key: EventLog.formatKey) }),
        format != [EventLog.storageFormat]
      {
        throw LogError.unsupportedFormat(format)
      }
    } else {
      try environment.write { txn in
        if let format = try txn.get(meta, key: EventLog.formatKey) {
          guard format == [EventLog.storageFormat] else { throw LogError.unsupportedFormat(format) }
        } else {
          try txn.put(meta, key: EventLog.formatKey, value: [EventLog.storageFormat])
        }
      }
    }
  }

  /// Now, in microseconds since the Unix epoch.
  @Sendable package static func systemClock() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
  }

  /// Runs `body` with a writer; every append it makes commits atomically when it returns.
  ///
  /// If the map fills, everything is rolled back, the map grows and `body` runs again.
  @discardableResult
  package func write<T>(_ body: (inout LogWriter) throws -> T) throws -> T {
    try environment.write { txn in
      var writer = try LogWriter(transaction: txn, log: self)
      let result = try body(&writer)
      try writer.finish()
      return result
    }
  }

  /// Runs `body` with a reader over one consistent snapshot of the log.
  package func read<T>(_ body: (LogReader) throws -> T) throws -> T {
    try environment.read { txn in try body(LogReader(transaction: txn, log: self)) }
  }
}

/// What went wrong with the log itself (not with LMDB, not with an input).
package enum LogError: Error, Hashable, CustomStringConvertible {
  /// The archive was written by a format this build does not know.
  case unsupportedFormat([UInt8])
  /// A stored event could not be read: its `seq` and why.
  case unreadable(seq: UInt64, String)
  /// An imported event does not continue the chain: its `seq` and why.
  case chainBroken(seq: UInt64, String)
  /// The log does not end where the head recorded at the last append says: a write would
  /// append over the damage, so it is refused.
  case headDisagrees(ChainFailure)

  /// One line.
  package var description: String {
    switch self {
    case .unsupportedFormat(let f):
      "unsupported archive format \(f.map(String.init).joined(separator: " ")) (meta/format; this build reads "
        + "\(EventLog.storageFormat))"
    case .unreadable(let seq, let why): "event \(seq) unreadable: \(why)"
    case .chainBroken(let seq, let why): "event \(seq) does not continue the chain: \(why)"
    case .headDisagrees(let failure):
      "refusing to write: the log is damaged at seq \(failure.seq) (\(failure.problem)); "
        + "nothing was written (run 'communique verify')"
    }
  }
}
