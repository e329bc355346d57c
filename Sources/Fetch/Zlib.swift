import CZlib

/// Every zlib call Fetch makes, in one place: inflating `gzip` and `deflate` bodies with a
/// ceiling on what comes out, and (for tests and benches) compressing.
package enum Zlib {
  /// The container a compressed body comes in.
  package enum Format: Sendable {
    /// RFC 1952, `Content-Encoding: gzip`.
    case gzip
    /// RFC 1950, what `Content-Encoding: deflate` means (some servers send raw RFC 1951).
    case zlib
    /// RFC 1951 without a header.
    case raw

    var windowBits: Int32 {
      switch self {
      case .gzip: 15 + 16
      case .zlib: 15
      case .raw: -15
      }
    }
  }

  /// Why a body did not inflate.
  package enum Failure: Error, Equatable, Sendable {
    /// More than `limit` bytes came out: a decompression bomb, or a feed too large to keep.
    case exceedsLimit(Int)
    /// The stream is damaged or cut short.
    case corrupt(String)
  }

  /// Inflates `input`, refusing to produce more than `limit` bytes.
  ///
  /// Output grows in steps and stops the moment it would pass `limit`, so a bomb costs at
  /// most `limit` bytes of memory.
  package static func inflate(_ input: [UInt8], format: Format, limit: Int) throws(Failure) -> [UInt8] {
    var stream = z_stream()
    guard inflateInit2_(&stream, format.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw .corrupt("zlib could not start") }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var status: Int32 = Z_OK
    var failure: Failure?
    input.withUnsafeBufferPointer { source in
      stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
      stream.avail_in = UInt32(source.count)
      repeat {
        status = chunk.withUnsafeMutableBufferPointer { target in
          stream.next_out = target.baseAddress
          stream.avail_out = UInt32(target.count)
          return CZlib.inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        if output.count + produced > limit {
          failure = .exceedsLimit(limit)
          return
        }
        output.append(contentsOf: chunk[0..<produced])
        if status == Z_BUF_ERROR, stream.avail_in == 0 {
          failure = .corrupt("the stream ends early")
          return
        }
        if status != Z_OK, status != Z_STREAM_END {
          let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
          failure = .corrupt(message)
          return
        }
      } while status != Z_STREAM_END
    }
    if let failure { throw failure }
    return output
  }

  /// Compresses `input` into `format` (tests and benches serve what real servers send).
  package static func compress(_ input: [UInt8], format: Format) -> [UInt8] {
    var stream = z_stream()
    guard
      deflateInit2_(
        &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
        Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return [] }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
    let written = input.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        _ = CZlib.deflate(&stream, Z_FINISH)
        return target.count - Int(stream.avail_out)
      }
    }
    return Array(output[0..<written])
  }
}
