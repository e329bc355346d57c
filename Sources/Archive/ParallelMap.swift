import Dispatch

extension Array where Element: Sendable {
  /// `map` on every core: the transform runs concurrently, the results keep the order.
  func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
    guard count > 1 else { return map(transform) }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
      // Each iteration writes only its own slot, so the writes never overlap.
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = transform(self[i]) }
    }
    return results.compactMap { $0 }
  }
}
