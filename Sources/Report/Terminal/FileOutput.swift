#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An open file descriptor the command line writes to (standard output, standard error):
/// every byte goes out with `write(2)`, or the failure comes back as an error.
///
/// Foundation's `FileHandle.write(_:)` traps (`try!`) when the write fails, so a full disk
/// or `> /dev/full` killed every command with SIGILL, after a write command had committed.
package struct FileOutput: Sendable {
  /// The file descriptor.
  package let descriptor: Int32
  /// What messages call it: `standard output`.
  package let name: String

  /// Creates an output over an open descriptor.
  package init(descriptor: Int32, name: String) {
    self.descriptor = descriptor
    self.name = name
  }

  /// Standard output.
  package static let standardOutput = FileOutput(descriptor: 1, name: "standard output")
  /// Standard error.
  package static let standardError = FileOutput(descriptor: 2, name: "standard error")

  /// Writes all of `bytes`, again after a partial write or an interrupted call.
  package func write(_ bytes: [UInt8]) throws(OutputError) {
    var done = 0
    while done < bytes.count {
      let wrote = bytes.withUnsafeBytes { buffer in
        // The base address exists: `done < count`, so the buffer is not empty.
        systemWrite(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done)
      }
      if wrote < 0 {
        if errno == EINTR { continue }
        throw OutputError(output: name, code: errno)
      }
      if wrote == 0 { throw OutputError(output: name, code: EIO) }
      done += wrote
    }
  }

  /// Writes the UTF-8 bytes of `text`.
  package func write(_ text: String) throws(OutputError) {
    try write(Array(text.utf8))
  }
}

/// `write(2)`, under a name the `write` methods above do not shadow.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

/// A write to an output failed: which output and the system's error number.
package struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The output's name (`standard output`).
  package var output: String
  /// The `errno` of the failed write (`ENOSPC`, `EPIPE`, `EIO`…).
  package var code: Int32

  /// Creates an error.
  package init(output: String, code: Int32) {
    self.output = output
    self.code = code
  }

  /// `cannot write standard output: No space left on device`.
  package var description: String {
    "cannot write \(output): \(String(cString: strerror(code)))"
  }

  /// The one line the command line prints: the failure, and when a write command had
  /// already committed, what it committed, so a script does not run it again.
  package func message(committed: String?) -> String {
    guard let committed else { return description }
    return "\(description); the archive change was committed before the failure (\(committed)): "
      + "do not repeat it"
  }
}
