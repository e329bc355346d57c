import Foundation
import Testing

@testable import Archive

/// The repository root (the directory holding Package.swift), found from this file.
let repositoryRoot: URL = {
  var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
  while url.path != "/"
    && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
  {
    url.deleteLastPathComponent()
  }
  return url
}()

/// A path under Fixtures/.
func fixture(_ name: String) -> String { repositoryRoot.appendingPathComponent("Fixtures/" + name).path }

/// A fresh archive in a temporary directory with a deterministic clock, removed afterwards;
/// `mapSize`, when given, is the map's first size.
func withArchive<T>(
  snapshotInterval: UInt64 = 2048, mapSize: Int? = nil, _ body: (Archive, String) throws -> T
) throws -> T {
  let path = NSTemporaryDirectory() + "communique-archive-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: path) }
  var options = Archive.Options()
  options.snapshotInterval = snapshotInterval
  options.mapSize = mapSize
  // Long folds leave snapshots along the way from the first interval on, so small logs
  // exercise them.
  options.longFold = snapshotInterval
  let clock = TestClock()
  options.clock = { clock.tick() }
  return try body(try Archive(path: path, options: options), path)
}

final class TestClock: @unchecked Sendable {
  private var now: Int64 = 1_764_000_000_000_000
  private let lock = NSLock()
  func tick() -> Int64 {
    lock.withLock {
      now += 1_000; return now
    }
  }
}

/// Runs a property's body, recording a thrown error as a failure rather than hiding it.
func checking(_ body: () throws -> Void) {
  do { try body() } catch { Issue.record("unexpected error: \(error)") }
}

/// Runs a program to its end: its exit code, stdout and stderr.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// Drops the named database from the archive at `path` with another LMDB binding (Debian's
/// python3-lmdb), as an archive written before the database existed would lack it.
func dropDatabase(_ name: String, at path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let dropped = try run(
    "/usr/bin/python3",
    [
      "-c",
      "import lmdb,sys; e=lmdb.open(sys.argv[1], max_dbs=16); d=e.open_db(sys.argv[2].encode());"
        + " t=e.begin(write=True); t.drop(d, delete=True); t.commit()",
      path, name,
    ])
  #expect(dropped.status == 0, "\(dropped.err)", sourceLocation: sourceLocation)
}

/// The archive at `path`, opened read-only.
func readOnlyArchive(at path: String) throws -> Archive {
  var options = Archive.Options()
  options.readOnly = true
  return try Archive(path: path, options: options)
}

/// Clears the archive's record of its migrations, as an archive written before the registry
/// has none.
func forgetMigrations(_ archive: Archive) throws {
  let ledger = try #require(archive.ledger.database)
  try archive.log.environment.write { txn in try txn.clear(ledger) }
}

/// Clears the archive's Merkle tree, as an archive written before proofs has none.
func clearTree(_ archive: Archive) throws {
  try archive.log.environment.write { txn in try txn.clear(archive.merkle.database) }
}
