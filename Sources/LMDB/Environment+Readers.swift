import CLMDB

extension Environment {
  /// The process ids holding reader slots now, from LMDB's reader table (`mdb_reader_list`).
  ///
  /// For tests and diagnostics: a killed reader's pid stays here until
  /// ``clearStaleReaders()`` (or the next open) reclaims its slot.
  public var readerProcessIDs: [Int32] {
    final class Lines { var all: [String] = [] }
    let lines = Lines()
    withExtendedLifetime(lines) {
      _ = mdb_reader_list(
        handle,
        { message, context in
          guard let message, let context else { return 0 }
          Unmanaged<Lines>.fromOpaque(context).takeUnretainedValue().all.append(String(cString: message))
          return 0
        }, Unmanaged.passUnretained(lines).toOpaque())
    }
    // Each line is "    pid     thread     txnid" (a header first) or "(no active readers)".
    return lines.all.flatMap { $0.split(separator: "\n") }.compactMap { line in
      line.split(separator: " ").first.flatMap { Int32($0) }
    }
  }

  /// Frees the reader slots of processes that died holding a read transaction, and returns how
  /// many it freed. Opening an environment does this once; long-lived processes may repeat it.
  @discardableResult
  public func clearStaleReaders() throws(LMDBError) -> Int {
    var dead: Int32 = 0
    try check(mdb_reader_check(handle, &dead), "mdb_reader_check")
    return Int(dead)
  }
}
