/// How far a long run has come and how long it has left, as one line for a terminal.
///
/// Pure: the caller passes the elapsed time, so the line is tested without a clock.
package struct ProgressEstimate: Hashable, Sendable {
  /// Inputs (files) done.
  package var filesDone: Int
  /// Inputs in all.
  package var filesTotal: Int
  /// Documents read so far.
  package var documents: Int
  /// New documents (and revisions) so far.
  package var added: Int
  /// Seconds since the run began.
  package var elapsed: Double
  /// Bytes of the inputs done: the share done is counted in bytes when known, so one large
  /// file among small ones does not skew it.
  package var bytesDone: Int
  /// Bytes of the inputs in all; 0 when not known (standard input).
  package var bytesTotal: Int

  /// Creates an estimate.
  package init(
    filesDone: Int, filesTotal: Int, documents: Int, added: Int, elapsed: Double, bytesDone: Int = 0,
    bytesTotal: Int = 0
  ) {
    self.filesDone = filesDone
    self.filesTotal = filesTotal
    self.documents = documents
    self.added = added
    self.elapsed = elapsed
    self.bytesDone = bytesDone
    self.bytesTotal = bytesTotal
  }

  /// The share of the work done, 0...1: by bytes when known, else by files.
  package var fraction: Double? {
    if bytesTotal > 0 { return min(1, Double(bytesDone) / Double(bytesTotal)) }
    return filesTotal > 0 ? Double(filesDone) / Double(filesTotal) : nil
  }

  /// Documents per second so far; nil before any time has passed.
  package var rate: Double? {
    elapsed > 0 ? Double(documents) / elapsed : nil
  }

  /// Seconds left, assuming the rest goes as fast as what is done; nil until the estimate
  /// means something — 2 seconds in and 5% done — so that the first, slowest input (the
  /// language data loading) does not promise hours.
  package var remaining: Double? {
    guard let fraction, fraction >= 0.05, elapsed >= 2, filesTotal >= filesDone else { return nil }
    return elapsed / fraction * (1 - fraction)
  }

  /// `ingest: 120/400 files (30%), 1180 documents (1102 new), 240 docs/s, 12s left`.
  package var line: String {
    let percent = fraction.map { " (\(Int($0 * 100))%)" } ?? ""
    var out = "ingest: \(filesDone)/\(filesTotal) files\(percent), \(documents) documents (\(added) new)"
    if let rate {
      let tenths = Int((rate * 10).rounded())
      out += rate < 10 ? ", \(tenths / 10).\(tenths % 10) docs/s" : ", \(Int(rate.rounded())) docs/s"
    }
    if let remaining { out += ", " + ProgressEstimate.duration(remaining) + " left" }
    return out
  }

  /// A duration in whole units a person reads at a glance: `45s`, `3m 20s`, `1h 05m`.
  package static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded(.up))
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m \(format2(s % 60))s" }
    return "\(s / 3600)h \(format2(s % 3600 / 60))m"
  }

  static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
