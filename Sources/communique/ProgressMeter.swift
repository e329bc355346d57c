import Archive
import Foundation
import Report

/// Progress of long work on stderr: a line rewritten in place on a terminal, else (when the
/// total is known) a line every tenth of the way.
struct ProgressMeter {
  let enabled: Bool
  private let interactive = isatty(STDERR_FILENO) == 1
  private var lastTenth = 0
  private var wrote = false
  private let started = ContinuousClock.now
  private var lastDrawn: ContinuousClock.Instant?

  init(enabled: Bool) { self.enabled = enabled }

  mutating func update(_ progress: ReextractProgress) {
    guard progress.total > Archive.reextractBatchSize else { return }
    update(
      "reextract: \(progress.done)/\(progress.total) documents, \(progress.changed) changed",
      done: progress.done, total: progress.total)
  }

  /// Shows an ingest's files, documents, rate and time left — on a terminal only, at most
  /// ten times a second; a piped or redirected stderr stays quiet.
  mutating func update(_ report: IngestReport) {
    guard enabled, interactive else { return }
    let now = ContinuousClock.now
    if let lastDrawn, now - lastDrawn < .milliseconds(100), report.inputsDone < report.inputsTotal { return }
    lastDrawn = now
    let elapsed = now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let estimate = ProgressEstimate(
      filesDone: report.inputsDone, filesTotal: report.inputsTotal, documents: report.itemCount,
      added: report.newCount + report.revisionCount, elapsed: seconds, bytesDone: report.bytesDone,
      bytesTotal: report.bytesTotal)
    update(estimate.line, done: report.inputsDone, total: report.inputsTotal)
  }

  /// Shows `text`; `done` of `total` decides when a non-terminal gets a line (never when
  /// the total is unknown).
  mutating func update(_ text: String, done: Int, total: Int?) {
    guard enabled else { return }
    if interactive {
      // Back to the line's start, the new text, then clear what a longer line left.
      Terminal.raw("\r" + text + "\u{1B}[K")
      wrote = true
    } else {
      guard let total else { return }
      let tenth = done * 10 / max(1, total)
      guard tenth > lastTenth else { return }
      lastTenth = tenth
      Terminal.note(text)
    }
  }

  func finish() {
    if wrote { Terminal.raw("\n") }
  }
}
