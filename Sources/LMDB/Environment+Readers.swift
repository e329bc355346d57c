extension Environment {
  /// The process ids holding reader slots now, from LMDB's reader table (`mdb_reader_list`).
  ///
  /// For tests and diagnostics: a killed reader's pid stays here until
  /// ``clearStaleReaders()`` (or the next open) reclaims its slot.
  package var readerProcessIDs: [Int32] {
    let lines = LMDBCall.readerList(handle)
    // Each line is "    pid     thread     txnid" (a header first) or "(no active readers)".
    return lines.flatMap { $0.split(separator: "\n") }.compactMap { line in
      line.split(separator: " ").first.flatMap { Int32($0) }
    }
  }

  /// Frees the reader slots of processes that died holding a read transaction, and returns how
  /// many it freed. Opening an environment does this once; long-lived processes may repeat it.
  @discardableResult
  package func clearStaleReaders() throws(LMDBError) -> Int {
    try LMDBCall.readerCheck(handle)
  }
}
