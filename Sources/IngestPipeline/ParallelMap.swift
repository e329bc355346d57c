import Dispatch

extension Array where Element: Sendable {
  /// `map` on every core: the transform runs concurrently, the results keep the order.
  package func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
    guard count > 1 else { return map(transform) }
    // Each result is built in its own slot of the final array: no optionals to unwrap and no
    // second array to copy them into.
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      // Each iteration initializes only its own slot, so the writes never overlap.
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: count) { i in
        slots.initializeElement(at: i, to: transform(self[i]))
      }
      initialized = count
    }
  }
}
