import CZlib

/// CRC-32 as zlib computes it (ISO-HDLC: the checksum of gzip, PNG and Python's
/// `zlib.crc32`), guarding snapshots and view-events blocks against damage. The archive's
/// only call into zlib.
///
/// Why a library's and not ours: anyone can recompute it (`tools/verify-archive.py` does,
/// with Python's zlib), and zlib's braided implementation is fast enough for the largest
/// snapshot (docs/FORMAT.md has the measurement).
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
