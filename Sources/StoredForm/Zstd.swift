import CZstd
import Domain

/// Every call into libzstd (and the shim's fixed-parameter helpers in `CZstd/shim.h`), each a
/// thin function, so the C surface of the stored form is this page (as swift-system keeps its
/// syscalls in one file). Contexts and prepared dictionaries are opaque pointers owned by
/// ``ZstdContexts`` and ``TextDictionary``.
enum Zstd {
  /// A compression context (`ZSTD_createCCtx`).
  static func makeCompressor() -> OpaquePointer { ZSTD_createCCtx() }

  /// A decompression context (`ZSTD_createDCtx`).
  static func makeDecompressor() -> OpaquePointer { ZSTD_createDCtx() }

  /// One frame of `input` at level 3, without checksum or content size, written into `output`;
  /// its length, or nil when it does not fit or zstd fails. Against `dictionary` (a prepared
  /// compression dictionary, at its level) when given, without its id in the frame.
  @inline(__always)
  static func compress(
    _ context: OpaquePointer, _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
    dictionary: OpaquePointer?
  ) -> Int? {
    let written =
      if let dictionary {
        communique_zstd_compress_dictionary(
          context, dictionary, input.baseAddress, input.count, output.baseAddress, output.count)
      } else {
        communique_zstd_compress(context, input.baseAddress, input.count, output.baseAddress, output.count)
      }
    return written >= 0 ? written : nil
  }

  /// Whether `frame` is exactly one frame that decompresses to exactly `output.count` bytes,
  /// written into `output` (against the prepared decompression `dictionary` when given).
  @inline(__always)
  static func decompress(
    _ context: OpaquePointer, _ frame: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
    dictionary: OpaquePointer?
  ) -> Bool {
    let result =
      if let dictionary {
        communique_zstd_decompress_dictionary(
          context, dictionary, frame.baseAddress, frame.count, output.baseAddress, output.count)
      } else {
        communique_zstd_decompress(context, frame.baseAddress, frame.count, output.baseAddress, output.count)
      }
    return result == 0
  }

  /// The id a dictionary states (`ZSTD_getDictID_fromDict`); 0 when it is not one.
  static func dictionaryID(_ dictionary: UnsafeRawBufferPointer) -> UInt32 {
    ZSTD_getDictID_fromDict(dictionary.baseAddress, dictionary.count)
  }

  /// A dictionary prepared for compression at `level` (`ZSTD_createCDict`), or nil.
  static func makeCompressionDictionary(_ dictionary: UnsafeRawBufferPointer, level: Int32) -> OpaquePointer?
  {
    ZSTD_createCDict(dictionary.baseAddress, dictionary.count, level)
  }

  /// A dictionary prepared for decompression (`ZSTD_createDDict`), or nil.
  static func makeDecompressionDictionary(_ dictionary: UnsafeRawBufferPointer) -> OpaquePointer? {
    ZSTD_createDDict(dictionary.baseAddress, dictionary.count)
  }

  /// Frees a prepared compression dictionary (`ZSTD_freeCDict`).
  static func free(compressionDictionary: OpaquePointer) { ZSTD_freeCDict(compressionDictionary) }

  /// Frees a prepared decompression dictionary (`ZSTD_freeDDict`).
  static func free(decompressionDictionary: OpaquePointer) { ZSTD_freeDDict(decompressionDictionary) }

  /// Trains a dictionary of at most `output.count` bytes on `samples` laid end to end, `sizes`
  /// giving each one's length (FastCover, fixed parameters: see the shim); its size, 0 when
  /// zstd cannot train one.
  static func train(
    into output: UnsafeMutableRawBufferPointer, samples: UnsafeRawBufferPointer, sizes: [Int]
  ) -> Int {
    communique_zdict_train(output.baseAddress, output.count, samples.baseAddress, sizes, UInt32(sizes.count))
  }
}
