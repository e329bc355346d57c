import CLMDB
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension Environment {
  /// Refuses a `data.mdb` shorter than the pages its last commit uses (a truncated copy, a
  /// full disk during a copy): reading past its end would kill the process with SIGBUS.
  static func checkFileLength(_ env: OpaquePointer, path: String) throws(LMDBError) {
    guard let info = LMDBCall.envInfo(env), let stat = LMDBCall.envStat(env) else { return }
    let needed = (info.me_last_pgno + 1) * Int(stat.ms_psize)
    let file = (path as NSString).appendingPathComponent("data.mdb")
    guard let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int else { return }
    if size < needed {
      throw LMDBError(
        code: LMDBError.Code.corrupted.rawValue,
        operation: "open \(file) (truncated: \(size) bytes, its pages need \(needed))")
    }
  }

  /// Makes LMDB's internal assertions, which fire on damaged pages, end the process with one
  /// line and exit status 74 instead of `abort()` and a core dump.
  ///
  /// Why: LMDB does not checksum pages; a zeroed or overwritten page is found by an assertion
  /// deep inside a cursor step, where no error can be returned to Swift. The process must
  /// end, but it can end as a clear I/O error naming the archive.
  static func reportDamagedPages(_ env: OpaquePointer) {
    LMDBCall.envSetAssert(env) { env, message in
      let archive = env.flatMap { LMDBCall.envPath($0) } ?? "the archive"
      let program = CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "lmdb"
      let detail = message.map { String(cString: $0) } ?? "an internal check failed"
      let line = "\(program): \(archive): the archive file is corrupted (LMDB: \(detail))\n"
      _ = line.utf8CString.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count - 1) }
      _exit(74)
    }
  }
}

extension Environment {
  /// Commits `txn` (which frees it, whether or not it succeeds), naming a full disk as such:
  /// LMDB reports a write that found no space as `EIO`, which alone would not tell the user
  /// what to do.
  func commit(_ txn: OpaquePointer) throws(LMDBError) {
    let result: Int32
    do {
      try LMDBCall.txnCommit(txn)
      return
    } catch {
      result = error.code
    }
    if result == EIO || result == LMDBError.Code.noSpace.rawValue {
      var fs = statvfs()
      if statvfs(path, &fs) == 0, UInt64(fs.f_bavail) * UInt64(fs.f_bsize) < 1 << 20 {
        let free = UInt64(fs.f_bavail) * UInt64(fs.f_bsize)
        throw LMDBError(
          code: LMDBError.Code.noSpace.rawValue,
          operation:
            "mdb_txn_commit (the disk holding \(path) is full: \(free) bytes free; nothing was written)")
      }
    }
    throw LMDBError(code: result, operation: "mdb_txn_commit")
  }
}
