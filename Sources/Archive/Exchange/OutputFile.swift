import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a whole output file (the HTML report) so that a reader never sees half of it and a
/// killed writer leaves nothing that stays.
///
/// Why not `Data.write(options: .atomic)`: its temporary file (`.dat.nosync…`) is named by
/// nothing a later run could recognize, so every killed run left one beside the target. Here
/// the temporary file is `.NAME.partial-PID` beside the target; each write first removes
/// those of processes that no longer run.
package enum OutputFile {
  /// Writes `bytes` to `path` through a temporary file renamed over it.
  package static func write(_ bytes: some Collection<UInt8>, to path: String) throws(OutputFileError) {
    removeStale(besides: path)
    let (directory, name) = split(path)
    let temporary = directory + "/" + prefix(name) + "\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else { throw OutputFileError(path: path, code: errno) }
    var failure: Int32 = 0
    Array(bytes).withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure == 0, fsync(descriptor) != 0 { failure = errno }
    close(descriptor)
    if failure == 0, rename(temporary, path) != 0 { failure = errno }
    if failure != 0 {
      unlink(temporary)
      throw OutputFileError(path: path, code: failure)
    }
  }

  /// Removes the temporary files of earlier writes of `path` whose process is gone.
  static func removeStale(besides path: String) {
    let (directory, name) = split(path)
    let start = prefix(name)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    for entry in entries where entry.hasPrefix(start) {
      guard let pid = Int32(entry.dropFirst(start.count)), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
    }
  }

  static func prefix(_ name: String) -> String { "." + name + ".partial-" }

  static func split(_ path: String) -> (directory: String, name: String) {
    let url = URL(fileURLWithPath: path)
    return (url.deletingLastPathComponent().path, url.lastPathComponent)
  }
}

/// Writing an output file failed: its path and the system's error.
package struct OutputFileError: Error, CustomStringConvertible {
  /// The file that was to be written.
  package var path: String
  /// The `errno` value.
  package var code: Int32
  /// `PATH: reason`.
  package var description: String { "\(path): \(String(cString: strerror(code)))" }
}
