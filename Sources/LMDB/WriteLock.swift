import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The environment-wide write lock: an exclusive `flock` on `write.lock` in the environment's
/// directory, held from just before a write transaction begins until it ends.
///
/// Why: LMDB's own writer mutex waits forever. Taking this lock first lets a writer give up
/// after a bounded wait and say so. Threads of one process queue on an in-process lock first,
/// because `flock` does not exclude two threads sharing one descriptor. The kernel releases the
/// lock when its holder dies, so a killed writer never leaves it taken.
final class WriteLock: @unchecked Sendable {
  // @unchecked: the descriptor is immutable; `threads` serializes its use by this process.
  /// The lock file, `DIRECTORY/write.lock`.
  let path: String
  /// How long a writer waits, in seconds, before giving up.
  let timeout: Double
  private let descriptor: Int32
  private let threads = NSLock()

  /// The name of the lock file inside an environment's directory.
  static let fileName = "write.lock"

  init(directory: String, timeout: Double) throws(LMDBError) {
    path = (directory as NSString).appendingPathComponent(WriteLock.fileName)
    self.timeout = max(0, timeout)
    // Never through a symbolic link: one planted there would have the writer create or lock
    // a file elsewhere (and take no lock the readers see).
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else { throw LMDBError(code: errno, operation: "open \(path)") }
  }

  deinit { close(descriptor) }

  /// Runs `body` holding the lock; throws ``LMDBError/Code/writeLockTimeout`` when another
  /// writer still holds it after ``timeout`` seconds.
  func withLock<T>(_ body: () throws -> T) throws -> T {
    let deadline = Date(timeIntervalSinceNow: timeout)
    guard threads.lock(before: deadline) else { throw timedOut() }
    defer { threads.unlock() }
    // Poll rather than block: a blocking flock cannot be given a deadline. The pause stays
    // short so that a writer between two transactions of another process gets its turn.
    var pause: UInt32 = 200
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      let error = errno
      guard error == EWOULDBLOCK || error == EINTR else {
        throw LMDBError(code: error, operation: "flock \(path)")
      }
      guard Date() < deadline else { throw timedOut() }
      usleep(pause)
      pause = min(pause * 2, 5_000)
    }
    defer { flock(descriptor, LOCK_UN) }
    return try body()
  }

  private func timedOut() -> LMDBError {
    let seconds = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
    return LMDBError(
      code: LMDBError.Code.writeLockTimeout.rawValue,
      operation: "waiting \(seconds) s for the write lock \(path)")
  }
}

/// The shared side of ``WriteLock``, for a reader that cannot use LMDB's reader table (it may
/// not write `lock.mdb`: another user's archive, a read-only mount) and so opens with
/// `MDB_NOLOCK`.
///
/// Why: without a reader slot, a writer does not know the reader's snapshot and reuses its
/// pages under it (false `verify` failures, `MDB_PAGE_NOTFOUND`). `write.lock` opened
/// read-only can still be locked: each read transaction holds a shared `flock` on it, which
/// the writer's exclusive one waits for and excludes. Transactions of the process share one
/// lock, taken by the first and released by the last. A reader waits at most the timeout for
/// a write to end, then gives up with ``LMDBError/Code/readerBusy``.
final class ReaderLock: @unchecked Sendable {
  // @unchecked: `holders` is guarded by `threads`; the descriptor is immutable.
  let path: String
  let timeout: Double
  private let descriptor: Int32
  private let threads = NSLock()
  private var holders = 0

  /// Nil when the environment has no `write.lock` (no writer of this build ever opened it,
  /// and one that does creates it before any write).
  init?(directory: String, timeout: Double) throws(LMDBError) {
    path = (directory as NSString).appendingPathComponent(WriteLock.fileName)
    self.timeout = max(0, timeout)
    descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else {
      let error = errno
      if error == ENOENT { return nil }
      throw LMDBError(code: error, operation: "open \(path) to read consistently")
    }
  }

  deinit { close(descriptor) }

  /// Takes the shared lock (or joins the transactions of this process that hold it).
  func acquire() throws(LMDBError) {
    threads.lock()
    defer { threads.unlock() }
    if holders == 0 {
      let deadline = Date(timeIntervalSinceNow: timeout)
      var pause: UInt32 = 200
      while flock(descriptor, LOCK_SH | LOCK_NB) != 0 {
        let error = errno
        guard error == EWOULDBLOCK || error == EINTR else {
          throw LMDBError(code: error, operation: "flock \(path)")
        }
        guard Date() < deadline else {
          let seconds = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
          throw LMDBError(
            code: LMDBError.Code.readerBusy.rawValue,
            operation:
              "waiting \(seconds) s to read (without write access to lock.mdb, a read waits for writes)")
        }
        usleep(pause)
        pause = min(pause * 2, 5_000)
      }
    }
    holders += 1
  }

  /// Releases what ``acquire()`` took.
  func release() {
    threads.withLock {
      holders -= 1
      if holders == 0 { flock(descriptor, LOCK_UN) }
    }
  }

  /// Runs `body` holding the lock.
  func during<T>(_ body: () throws(LMDBError) -> T) throws(LMDBError) -> T {
    try acquire()
    defer { release() }
    return try body()
  }
}
