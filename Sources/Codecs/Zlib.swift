import CZlib

// Every call into zlib, as `Zstd.swift` holds libzstd's and `LMDBCalls.swift` liblmdb's.

/// CRC-32 as zlib computes it (ISO-HDLC: the checksum of gzip, PNG and Python's
/// `zlib.crc32`), guarding snapshots and view-events blocks against damage.
///
/// Why a library's and not ours: anyone can recompute it (`tools/verify-archive.py` does,
/// with Python's zlib), and zlib's braided implementation is fast enough for the largest
/// snapshot (docs/FORMAT.md has the measurement).
///
package enum CRC32 {
  /// The CRC-32 of `bytes`, continuing from `crc` (0 to start).
  package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    return UInt32(
      truncatingIfNeeded: crc32_z(UInt(crc), base.assumingMemoryBound(to: UInt8.self), bytes.count))
  }

  /// `value` as stored after the bytes it covers: 4 bytes, big-endian.
  package static func bytes(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }

  /// The checksum stored in the 4 bytes at `offset`.
  package static func stored(in bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
    UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }
}

/// Inflating `gzip` and `deflate` bodies with a ceiling on what comes out (fetched feeds),
/// and compressing (WARC records, tests and benches).
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

  /// Compresses `input` into `format` (default level); empty only if zlib fails.
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

/// gzip (RFC 1952) members, as WARC files want one per record.
package enum Gzip {
  /// `bytes` as one gzip member (deflate, default level); nil only if zlib fails.
  package static func member(_ bytes: [UInt8]) -> [UInt8]? {
    let member = Zlib.compress(bytes, format: .gzip)
    return member.isEmpty ? nil : member
  }
}
