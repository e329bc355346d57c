import Foundation

/// A fresh directory under the system temporary directory, removed when the body ends.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
  let path = NSTemporaryDirectory() + "communique-lmdb-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try body(path)
}
