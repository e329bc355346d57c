import Domain

/// The fetch-state database's values (docs/FORMAT.md, **fetch state**): a version byte (1),
/// then each field of ``FeedFetchState`` in declaration order, optional ones behind a
/// presence byte, times as µs since the epoch.
extension FeedFetchState {
  /// The layout written.
  static let storedVersion: UInt8 = 1

  /// The stored value.
  package var storedBytes: [UInt8] {
    var w = ByteWriter()
    w.byte(FeedFetchState.storedVersion)
    w.optionalString(etag)
    w.optionalString(lastModified)
    for time in [lastAttempt, lastSuccess] { w.optional(time) { $0.int(Int($1.microseconds)) } }
    w.optional(lastStatus) { $0.int($1) }
    w.optionalString(lastError)
    w.int(consecutiveFailures)
    w.optional(nextDue) { $0.int(Int($1.microseconds)) }
    return w.bytes
  }

  /// Reads a stored value; an error for a damaged one or a layout this build does not know.
  package init(storedBytes bytes: [UInt8]) throws(StoredFormError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(StoredFormError) -> FeedFetchState in
        var r = ByteReader(borrowing: raw)
        let version = try r.byte()
        guard version == FeedFetchState.storedVersion else { throw .unknownVersion(version) }
        func time(_ r: inout ByteReader) throws(StoredFormError) -> Timestamp? {
          try r.optional { (r: inout ByteReader) throws(StoredFormError) in
            Timestamp(microseconds: Int64(try r.int()))
          }
        }
        let etag = try r.optionalString()
        let lastModified = try r.optionalString()
        let lastAttempt = try time(&r)
        let lastSuccess = try time(&r)
        let lastStatus = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.int() }
        let lastError = try r.optionalString()
        let failures = try r.int()
        let nextDue = try time(&r)
        guard r.isAtEnd else { throw .malformed("trailing bytes", at: r.offset) }
        return FeedFetchState(
          etag: etag, lastModified: lastModified, lastAttempt: lastAttempt, lastSuccess: lastSuccess,
          lastStatus: lastStatus, lastError: lastError, consecutiveFailures: failures, nextDue: nextDue)
      }
    }
    self = try result.get()
  }
}
