import Archive
import Foundation

/// Progress of long work on stderr: a line rewritten in place on a terminal, else (when the
/// total is known) a line every tenth of the way.
struct ProgressMeter {
  let enabled: Bool
  private let interactive = isatty(STDERR_FILENO) == 1
  private var lastTenth = 0
  private var wrote = false

  init(enabled: Bool) { self.enabled = enabled }

  mutating func update(_ progress: ReextractProgress) {
    guard progress.total > Archive.reextractBatchSize else { return }
    update(
      "reextract: \(progress.done)/\(progress.total) documents, \(progress.changed) changed",
      done: progress.done, total: progress.total)
  }

  /// Shows `text`; `done` of `total` decides when a non-terminal gets a line (never when
  /// the total is unknown).
  mutating func update(_ text: String, done: Int, total: Int?) {
    guard enabled else { return }
    if interactive {
      FileHandle.standardError.write(Data(("\r" + text).utf8))
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
    if wrote { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
