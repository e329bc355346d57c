import Foundation
import Testing

@testable import LMDB

#if canImport(Glibc)
  import Glibc
#endif

/// The write lock and reader slots: what keeps several processes on one environment safe.
@Suite struct ConcurrencyTests {
  /// Takes the environment's write lock through a descriptor of its own, as another process
  /// would (flock locks of two open file descriptions exclude each other even in one process).
  func holdingWriteLock<T>(of path: String, _ body: () throws -> T) throws -> T {
    let descriptor = open(path + "/" + WriteLock.fileName, O_RDWR | O_CREAT, 0o644)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    return try body()
  }

  @Test func aReaderWithoutTheReaderTableWaitsForAWriteAndGivesUpSayingBusy() throws {
    try withTemporaryDirectory { path in
      _ = try Environment(path: path)  // creates write.lock
      let reader = try #require(try ReaderLock(directory: path, timeout: 0.05))
      _ = try holdingWriteLock(of: path) {
        #expect {
          try reader.acquire()
        } throws: { error in
          (error as? LMDBError)?.is(.readerBusy) == true
            && "\(error)".contains("busy: another process is writing; try again")
        }
      }
      // Held shared, it keeps a writer out until the last transaction of the process ends.
      try reader.acquire()
      try reader.acquire()
      let other = open(path + "/" + WriteLock.fileName, O_RDWR)
      defer { close(other) }
      #expect(flock(other, LOCK_EX | LOCK_NB) != 0)
      reader.release()
      #expect(flock(other, LOCK_EX | LOCK_NB) != 0)
      reader.release()
      #expect(flock(other, LOCK_EX | LOCK_NB) == 0)
    }
  }

  @Test func aLockFileThatIsASymbolicLinkIsRefusedNotFollowed() throws {
    try withTemporaryDirectory { path in
      let elsewhere = path + "-elsewhere"
      defer { try? FileManager.default.removeItem(atPath: elsewhere) }
      try FileManager.default.createSymbolicLink(
        atPath: path + "/" + WriteLock.fileName, withDestinationPath: elsewhere)
      #expect {
        _ = try Environment(path: path)
      } throws: { error in
        (error as? LMDBError)?.is(.symbolicLink) == true
          && "\(error)".contains("write.lock: a symbolic link; refusing to follow it")
      }
      #expect(!FileManager.default.fileExists(atPath: elsewhere))
      #expect(throws: LMDBError.self) { _ = try ReaderLock(directory: path, timeout: 0) }
    }
  }

  @Test func aWriterGivesUpWhenTheWriteLockIsHeldPastTheTimeoutAndWritesNothing() throws {
    try withTemporaryDirectory { path in
      var options = Environment.Options()
      options.writeLockTimeout = 0.05
      let env = try Environment(path: path, options: options)
      let db = try env.database(named: "t")
      _ = try holdingWriteLock(of: path) {
        #expect {
          try env.write { txn in try txn.put(db, key: [1], value: [1]) }
        } throws: { error in
          guard let error = error as? LMDBError else { return false }
          return error.is(.writeLockTimeout) && error.description.contains(path + "/write.lock")
            && error.description.contains("another process is still writing")
        }
      }
      #expect(try env.read { try $0.get(db, key: [1]) } == nil)
      try env.write { txn in try txn.put(db, key: [1], value: [2]) }
      #expect(try env.read { try $0.get(db, key: [1]) } == [2])
    }
  }

  @Test func threadsOfOneProcessTakeTurnsAtWritingAndLoseNothing() throws {
    try withTemporaryDirectory { path in
      let env = try Environment(path: path)
      let db = try env.database(named: "t")
      let failures = Failures()
      DispatchQueue.concurrentPerform(iterations: 8) { task in
        for i in 0..<50 {
          do {
            try env.write { txn in try txn.put(db, key: [UInt8(task), UInt8(i)], value: [1]) }
          } catch {
            failures.record(error)
          }
        }
      }
      #expect(failures.all.isEmpty)
      #expect(try env.statistics(of: db).entries == 400)
    }
  }

  @Test func theReaderSlotOfAKilledProcessIsReclaimedByClearStaleReaders() throws {
    try withTemporaryDirectory { path in
      do {
        let env = try Environment(path: path)
        let db = try env.database(named: "t")
        try env.write { txn in try txn.put(db, key: [1], value: [1]) }
      }
      // Another process (python3-lmdb) opens a read transaction and keeps it.
      let reader = Process()
      reader.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
      reader.arguments = [
        "-c",
        """
        import lmdb, sys, time
        env = lmdb.open(sys.argv[1], max_dbs=16, readonly=True)
        txn = env.begin()
        print("reading", flush=True)
        time.sleep(60)
        """,
        path,
      ]
      let out = Pipe()
      reader.standardOutput = out
      try reader.run()
      let ready = out.fileHandleForReading.availableDataLine()
      #expect(ready == "reading")
      // This process keeps the environment open, as a long-lived server would: otherwise the
      // next process to open it alone resets the whole reader table anyway.
      let env = try Environment(path: path)
      #expect(env.readerProcessIDs.contains(reader.processIdentifier))
      kill(reader.processIdentifier, SIGKILL)
      reader.waitUntilExit()
      #expect(env.readerProcessIDs.contains(reader.processIdentifier))
      #expect(try env.clearStaleReaders() == 1)
      #expect(!env.readerProcessIDs.contains(reader.processIdentifier))
      #expect(try env.clearStaleReaders() == 0)
    }
  }
}

/// Errors recorded from several threads.
final class Failures: @unchecked Sendable {
  // @unchecked: `errors` is guarded by `lock`.
  private let lock = NSLock()
  private var errors: [String] = []
  func record(_ error: any Error) { lock.withLock { errors.append("\(error)") } }
  var all: [String] { lock.withLock { errors } }
}

extension FileHandle {
  /// Reads up to the first newline (or the end), without the newline.
  fileprivate func availableDataLine() -> String {
    var bytes: [UInt8] = []
    while let data = try? read(upToCount: 1), let byte = data.first, byte != 0x0A { bytes.append(byte) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
