import Foundation
import JSONForm

/// The lines of an NDJSON file, read a chunk at a time: no more than one line and one chunk
/// are held, and a line longer than the limit is refused by its number before the rest of it is
/// read (one 1 GB line used to be read whole, and took 4.9 GB, before it was refused).
///
/// Lines end at LF; a CR before the LF is dropped (an export saved by a Windows editor).
struct ImportLines {
  /// Bytes read at a time.
  static let chunkBytes = 1 << 20

  let handle: FileHandle
  let source: String
  let maxLineBytes: Int
  private var buffer: [UInt8] = []
  /// Where the next line starts in `buffer`.
  private var start = 0
  /// How far from `start` the buffer is known to hold no LF.
  private var scanned = 0
  private var atEnd = false
  /// The number of the line last returned.
  private(set) var number = 0

  /// Opens `path` for reading; `source` names it in errors.
  init(path: String, source: String, maxLineBytes: Int) throws(ArchiveError) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .badInput(source: source, problem: "cannot be read")
    }
    self.handle = handle
    self.source = source
    self.maxLineBytes = maxLineBytes
  }

  func close() { try? handle.close() }

  /// The next line, without its line end; nil at the end of the file.
  mutating func next() throws(ArchiveError) -> Substring? {
    while true {
      if let newline = buffer[(start + scanned)...].firstIndex(of: 0x0A) {
        let end = newline > start && buffer[newline - 1] == 0x0D ? newline - 1 : newline
        let line = try take(start..<end)
        start = newline + 1
        return line
      }
      scanned = buffer.count - start
      if scanned > maxLineBytes { throw tooLong(number + 1) }
      if atEnd {
        guard start < buffer.count else { return nil }
        let line = try take(start..<buffer.count)
        start = buffer.count
        return line
      }
      buffer.removeSubrange(0..<start)
      start = 0
      let chunk: Data?
      do {
        chunk = try handle.read(upToCount: Self.chunkBytes)
      } catch {
        throw .badInput(source: source, problem: "cannot be read: \(ErrorText.describe(error))")
      }
      if let chunk, !chunk.isEmpty { buffer += chunk } else { atEnd = true }
    }
  }

  private mutating func take(_ range: Range<Int>) throws(ArchiveError) -> Substring {
    number += 1
    scanned = 0
    guard range.count <= maxLineBytes else { throw tooLong(number) }
    guard let text = String(validating: buffer[range], as: UTF8.self) else {
      throw .badInput(source: "\(source):\(number)", problem: "not UTF-8 text")
    }
    return text[...]
  }

  private func tooLong(_ line: Int) -> ArchiveError {
    .badInput(
      source: "\(source):\(line)",
      problem: "line longer than the limit of \(maxLineBytes) bytes; "
        + "raise it with --max-line-bytes or COMMUNIQUE_IMPORT_MAX_LINE_BYTES")
  }
}
