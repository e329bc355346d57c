import Dispatch

/// Work started on another thread now, whose result is waited for later: lets ingest
/// prepare the next window of inputs while it appends the current one.
package final class Background<T: Sendable>: @unchecked Sendable {
  // @unchecked: `result` is written once, before `done` is signalled, and read only after.
  private var result: T?
  private let done = DispatchSemaphore(value: 0)

  /// Starts `work` on a global queue.
  package init(_ work: @escaping @Sendable () -> T) {
    DispatchQueue.global().async {
      self.result = work()
      self.done.signal()
    }
  }

  /// The result, once the work is done; call it once.
  package func wait() -> T {
    done.wait()
    guard let result else { preconditionFailure("background work finished without a result") }
    return result
  }
}
