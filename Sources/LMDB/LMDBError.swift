import CLMDB

#if canImport(Glibc)
  import Glibc
#endif

/// An LMDB failure: the library's result code, the operation that returned it, and the
/// database it concerned, so that a message names what went wrong where.
package struct LMDBError: Error, Hashable, Sendable, CustomStringConvertible {
  /// LMDB's (or the system's) result code, e.g. `MDB_MAP_FULL` (-30792) or `ENOENT`.
  package var code: Int32
  /// The C function or step that failed, e.g. `mdb_env_open`, `mdb_put`.
  package var operation: String
  /// The named database involved, if any.
  package var database: String?

  /// Creates an error; usually made by the binding itself.
  package init(code: Int32, operation: String, database: String? = nil) {
    self.code = code
    self.operation = operation
    self.database = database
  }

  /// LMDB's own message for the code.
  package var message: String {
    if code == Code.writeLockTimeout.rawValue { return "another process is still writing; gave up" }
    if code == Code.readerBusy.rawValue { return "busy: another process is writing; try again" }
    if code == Code.symbolicLink.rawValue { return "a symbolic link; refusing to follow it" }
    return LMDBCall.message(code)
  }

  /// `mdb_put on events: MDB_MAP_FULL: Environment mapsize limit reached`.
  package var description: String {
    let on = database.map { " on \($0)" } ?? ""
    return "\(operation)\(on): \(message)"
  }

  /// Whether this error has the given code.
  package func `is`(_ code: Code) -> Bool { self.code == code.rawValue }

  /// LMDB result codes worth naming, each with its common cause.
  package struct Code: RawRepresentable, Hashable, Sendable {
    /// The C result code.
    package let rawValue: Int32
    /// Wraps a C result code.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// `MDB_MAP_FULL`: the map is full. The binding grows it and retries; seen only when
    /// growth itself fails.
    package static let mapFull = Code(rawValue: MDB_MAP_FULL)
    /// `MDB_NOTFOUND`: no such key (lookups return nil instead of throwing it).
    package static let notFound = Code(rawValue: MDB_NOTFOUND)
    /// `MDB_KEYEXIST`: the key exists (a put with ``PutOptions/noOverwrite``), or an
    /// ``PutOptions/append`` put whose key is not past the last.
    package static let keyExists = Code(rawValue: MDB_KEYEXIST)
    /// `MDB_INVALID`: the file is not an LMDB environment, or of an incompatible version.
    package static let invalid = Code(rawValue: MDB_INVALID)
    /// `MDB_CORRUPTED`: a page or the file is damaged.
    package static let corrupted = Code(rawValue: MDB_CORRUPTED)
    /// `MDB_READERS_FULL`: no reader slot is free (raise `maxReaders`).
    package static let readersFull = Code(rawValue: MDB_READERS_FULL)
    /// `MDB_MAP_RESIZED`: another process grew the map; the binding adopts the size.
    package static let mapResized = Code(rawValue: MDB_MAP_RESIZED)
    /// `MDB_DBS_FULL`: too many named databases (raise `maxDatabases`).
    package static let databasesFull = Code(rawValue: MDB_DBS_FULL)
    /// `EACCES`: a write on a read-only environment, or a file without permission.
    package static let permissionDenied = Code(rawValue: EACCES)
    /// `ENOENT`: the path does not exist.
    package static let noSuchFile = Code(rawValue: ENOENT)
    /// `ENOTDIR`: the path is a file, not an environment directory.
    package static let notADirectory = Code(rawValue: ENOTDIR)
    /// `ENOSPC`: the disk is full.
    package static let noSpace = Code(rawValue: ENOSPC)
    /// `EROFS`: the environment is on a read-only file system and was opened for writing.
    package static let readOnlyFileSystem = Code(rawValue: EROFS)
    /// `ETIMEDOUT`: another process held the write lock longer than the environment's
    /// ``Environment/Options/writeLockTimeout``.
    package static let writeLockTimeout = Code(rawValue: ETIMEDOUT)
    /// `EBUSY`: a reader without LMDB's reader table (``Environment/readsUnderSharedLock``)
    /// waited longer than ``Environment/Options/writeLockTimeout`` for a write to end.
    package static let readerBusy = Code(rawValue: EBUSY)
    /// `ELOOP`: the lock file is a symbolic link, which is never followed.
    package static let symbolicLink = Code(rawValue: ELOOP)

    /// Matches an error by code, so `catch LMDBError.Code.mapFull` reads naturally.
    package static func ~= (pattern: Code, error: any Error) -> Bool {
      (error as? LMDBError)?.code == pattern.rawValue
    }
  }
}
