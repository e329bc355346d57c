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
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
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
