import Codecs

/// Undoing `Content-Encoding`: the codings asked for (`gzip`, `deflate`), each inflated with a
/// cap on the output so a small bomb cannot fill memory.
package enum ContentDecoding {
  /// Why a body could not be decoded.
  package struct Failure: Error, Hashable, Sendable {
    /// What a `FetchFailure` says about it.
    package var problem: FetchFailure.Problem
  }

  /// `body` with the codings `contentEncoding` lists undone, last applied first.
  package static func decode(_ body: [UInt8], contentEncoding: String?, limit: Int) throws(Failure) -> [UInt8]
  {
    let codings = (contentEncoding ?? "").split(separator: ",").map { $0.trimmingSpaces.lowercased() }
    var bytes = body
    for coding in codings.reversed() where !coding.isEmpty && coding != "identity" {
      bytes = try undo(coding, bytes, limit: limit)
    }
    return bytes
  }

  private static func undo(_ coding: String, _ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
    let formats: [Zlib.Format]
    switch coding {
    case "gzip", "x-gzip": formats = [.gzip]
    // RFC 9110 means zlib-wrapped; some servers send the raw stream.
    case "deflate": formats = [.zlib, .raw]
    default: throw Failure(problem: .badContentEncoding("Content-Encoding \"\(coding)\" was not asked for"))
    }
    var why = ""
    for format in formats {
      do throws(Zlib.Failure) {
        return try Zlib.inflate(bytes, format: format, limit: limit)
      } catch {
        switch error {
        case .exceedsLimit(let limit): throw Failure(problem: .decodedTooLarge(limit: limit))
        case .corrupt(let message): why = message
        }
      }
    }
    throw Failure(problem: .badContentEncoding("\(coding): \(why)"))
  }
}
