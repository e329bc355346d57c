import CZstd
import Glibc

/// How a `document.ingested` payload of version 2 stores the document's text: its UTF-8 as
/// it is, or a Zstandard frame (RFC 8878) when that is shorter.
///
/// Texts are most of an archive's bytes and compress to about half; folds never decompress
/// them, since the stored length lets a reader skip the text whole. docs/FORMAT.md gives the
/// layout.
enum StoredText {
  /// The leading byte: how the text that follows is stored.
  enum Codec: UInt8 {
    /// Varint length, then the UTF-8.
    case plain = 0
    /// Varint length of the UTF-8, varint length of the frame, then one Zstandard frame.
    case zstd = 1
  }

  /// The longest text that is compressed, and the longest compressed text a reader accepts:
  /// far above any text ingest lets in, and a bound on what a hostile length can allocate.
  static let compressionLimit = 64 << 20

  /// The most a Zstandard frame can expand (a 3-byte block header stands for 128 KiB of one
  /// repeated byte): a stated length beyond this many times the frame is refused unread.
  static let expansionLimit = 32 * 1024
}

extension ByteWriter {
  /// A document's text, compressed when that saves bytes.
  mutating func storedText(_ text: String) {
    var text = text
    let frame = text.withUTF8 { utf8 in
      utf8.count > 64 && utf8.count <= StoredText.compressionLimit
        ? StoredText.compressed(UnsafeRawBufferPointer(utf8)) : nil
    }
    if let frame {
      storedText(frame: frame, length: text.utf8.count)
    } else {
      byte(StoredText.Codec.plain.rawValue)
      string(text)
    }
  }

  /// A text stored as `frame`, a Zstandard frame of its `length` bytes of UTF-8.
  mutating func storedText(frame: [UInt8], length: Int) {
    byte(StoredText.Codec.zstd.rawValue)
    varint(UInt64(length))
    varint(UInt64(frame.count))
    raw(frame)
  }
}

extension StoredText {
  /// The Zstandard frame of `utf8`, or nil unless it is shorter (with its two lengths).
  static func compressed(_ utf8: UnsafeRawBufferPointer) -> [UInt8]? {
    // Worth it only if the frame and its extra length varint are shorter than the text.
    let capacity = utf8.count - 4
    var written = -1
    let frame = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      written = ZstdContexts.shared.withCompressor { context in
        communique_zstd_compress(context, utf8.baseAddress, utf8.count, buffer.baseAddress, capacity)
      }
      count = max(written, 0)
    }
    return written >= 0 ? frame : nil
  }

  /// The `length` bytes `frame` decompresses to, or nil unless it is one frame of exactly
  /// that many bytes.
  static func decompressed(_ frame: UnsafeRawBufferPointer, length: Int) -> [UInt8]? {
    var exact = false
    let utf8 = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
      exact = ZstdContexts.shared.withDecompressor { context in
        communique_zstd_decompress(context, frame.baseAddress, frame.count, buffer.baseAddress, length) == 0
      }
      count = exact ? length : 0
    }
    return exact ? utf8 : nil
  }
}

/// Zstandard contexts kept for reuse, one per thread that compresses at the same time:
/// a fresh context for every text would cost three times the compression itself.
final class ZstdContexts: @unchecked Sendable {
  // @unchecked: the lists are only touched holding `lock`, a pthread mutex (which, unlike
  // the Synchronization module's `Mutex`, ThreadSanitizer sees as one).

  /// The process's contexts.
  static let shared = ZstdContexts()

  private let lock: UnsafeMutablePointer<pthread_mutex_t> = {
    let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(lock, nil)
    return lock
  }()
  private var compressors: [OpaquePointer] = []
  private var decompressors: [OpaquePointer] = []

  private func locked<R>(_ body: () -> R) -> R {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    return body()
  }

  /// Runs `body` with a compression context no other thread is using.
  func withCompressor<R>(_ body: (OpaquePointer) -> R) -> R {
    let context: OpaquePointer = locked { compressors.popLast() } ?? ZSTD_createCCtx()
    defer { locked { compressors.append(context) } }
    return body(context)
  }

  /// Runs `body` with a decompression context no other thread is using.
  func withDecompressor<R>(_ body: (OpaquePointer) -> R) -> R {
    let context: OpaquePointer = locked { decompressors.popLast() } ?? ZSTD_createDCtx()
    defer { locked { decompressors.append(context) } }
    return body(context)
  }
}

extension ByteReader {
  /// A document's text as ``ByteWriter/storedText(_:)`` wrote it, decompressed and validated.
  mutating func storedText() throws(StoredFormError) -> String {
    let start = offset
    switch StoredText.Codec(rawValue: try byte()) {
    case .plain:
      return try string()
    case .zstd:
      // The text's length may exceed the payload's, so it is a varint, not a `count()`.
      let lengthStart = offset
      let statedLength = try varint()
      let frame = try slice(try count())
      // A stated length beyond what the frame could expand to is a lie: refuse it before
      // allocating anything for it.
      guard statedLength <= UInt64(StoredText.compressionLimit),
        statedLength / UInt64(StoredText.expansionLimit) <= UInt64(frame.count)
      else {
        throw .malformed("compressed text length out of range", at: lengthStart)
      }
      guard let utf8 = StoredText.decompressed(frame, length: Int(statedLength)) else {
        throw .malformed("compressed text does not decompress to its length", at: lengthStart)
      }
      guard let text = utf8.withUnsafeBytes({ ByteReader.validatedString($0) }) else {
        throw .malformed("invalid UTF-8", at: lengthStart)
      }
      return text
    case nil:
      throw .malformed("unknown text codec", at: start)
    }
  }

  /// Steps over a stored text without decompressing or validating it.
  public mutating func skipStoredText() throws(StoredFormError) {
    let start = offset
    switch StoredText.Codec(rawValue: try byte()) {
    case .plain:
      try skipString()
    case .zstd:
      _ = try varint()
      _ = try slice(try count())
    case nil:
      throw .malformed("unknown text codec", at: start)
    }
  }
}

extension Event {
  /// The Zstandard frame a version-2 `document.ingested` payload stores its text as, or nil
  /// when the payload stores it plain (or is of another type or version).
  ///
  /// Export carries it, so that import stores the text exactly as it was hashed even where
  /// another Zstandard release would compress it differently.
  public static func storedTextFrame(type: UInt8, payload: UnsafeRawBufferPointer) throws(StoredFormError)
    -> [UInt8]?
  {
    guard type == EventType.documentIngested.rawValue, payload.first == 2 else { return nil }
    var r = ByteReader(borrowing: payload, offset: 1)
    let digest = try r.documentID()
    _ = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.documentID() }
    _ = try r.document(id: digest)
    guard try r.byte() == StoredText.Codec.zstd.rawValue else { return nil }
    _ = try r.varint()
    return Array(try r.slice(try r.count()))
  }

  /// This event's version-2 payload with a `document.ingested` text stored as `frame` (which
  /// should decompress to the text: decode the result to check).
  public func payload(textFrame frame: [UInt8]) -> [UInt8] {
    payload(version: 2) { w, text in w.storedText(frame: frame, length: text.utf8.count) }
  }
}
