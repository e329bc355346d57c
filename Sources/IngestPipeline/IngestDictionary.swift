import Foundation
import StoredForm

/// The dictionary one ingest compresses texts with, decided once: the archive's, or one
/// trained on the first window's texts (or none, when they are too few), which the windows
/// prepared beside it wait for before laying out their payloads.
package final class IngestDictionary: @unchecked Sendable {
  // @unchecked: `decided` is only touched holding `condition`.
  private let condition = NSCondition()
  private var decided: TextDictionary??

  /// The archive's dictionary `known`; or, with `trains`, one to be trained.
  package init(known: TextDictionary?, trains: Bool) {
    if !trains { decided = .some(known) }
  }

  /// Decides on a dictionary trained on `samples`, unless one was decided already; wakes the
  /// windows waiting. Empty samples decide on none.
  package func decide(trainingOn samples: @autoclosure () -> [[UInt8]]) {
    condition.lock()
    defer { condition.unlock() }
    guard decided == nil else { return }
    let samples = samples()
    decided = .some(
      samples.isEmpty ? nil : TextDictionary.trained(on: samples).map(TextDictionaries.shared.register))
    condition.broadcast()
  }

  /// The dictionary, once decided.
  package func wait() -> TextDictionary? {
    condition.lock()
    defer { condition.unlock() }
    while decided == nil { condition.wait() }
    return decided ?? nil
  }
}
