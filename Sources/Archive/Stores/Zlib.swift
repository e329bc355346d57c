import CZlib

/// CRC-32 as zlib computes it (ISO-HDLC: the checksum of gzip, PNG and Python's
/// `zlib.crc32`), guarding snapshots and view-events blocks against damage.
///
/// Why a library's and not ours: anyone can recompute it (`tools/verify-archive.py` does,
/// with Python's zlib), and zlib's braided implementation is fast enough for the largest
/// snapshot (docs/FORMAT.md has the measurement).
///
/// This file holds every call into zlib (``CRC32`` and ``Gzip``), as `Zstd.swift` holds
/// libzstd's.
enum CRC32 {
  /// The CRC-32 of `bytes`, continuing from `crc` (0 to start).
  static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    return UInt32(
      truncatingIfNeeded: crc32_z(UInt(crc), base.assumingMemoryBound(to: UInt8.self), bytes.count))
  }

  /// `value` as stored after the bytes it covers: 4 bytes, big-endian.
  static func bytes(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }

  /// The checksum stored in the 4 bytes at `offset`.
  static func stored(in bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
    UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }
}

/// gzip (RFC 1952) members, as WARC files want one per record.
enum Gzip {
  /// `bytes` as one gzip member (deflate, default level); nil only if zlib fails.
  static func member(_ bytes: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    guard
      deflateInit2_(
        &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
        Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return nil }
    defer { deflateEnd(&stream) }
    let capacity = Int(deflateBound(&stream, UInt(bytes.count))) + 32
    var input = bytes
    var finished = false
    let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      input.withUnsafeMutableBufferPointer { source in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = buffer.baseAddress
        stream.avail_out = UInt32(capacity)
        finished = deflate(&stream, Z_FINISH) == Z_STREAM_END
      }
      count = finished ? Int(stream.total_out) : 0
    }
    return finished ? output : nil
  }
}
