import Domain
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
    /// Varint length of the block (``StoredBlock``), varint id of a ``TextDictionary``, varint
    /// length of the frame, then one Zstandard frame compressed against that dictionary
    /// (payload version 3).
    case zstdDictionary = 2
  }

  /// The longest text that is compressed, and the longest compressed text a reader accepts:
  /// far above any text ingest lets in, and a bound on what a hostile length can allocate.
  static let compressionLimit = 64 << 20

  /// The most a Zstandard frame can expand (a 3-byte block header stands for 128 KiB of one
  /// repeated byte): a stated length beyond this many times the frame is refused unread.
  static let expansionLimit = 32 * 1024
}

extension ByteWriter {
  /// A document's text, compressed when that saves bytes (payload version 2).
  mutating func storedText(_ text: String) {
    var text = text
    let frame = text.withUTF8 { utf8 in
      utf8.count > 64 && utf8.count <= StoredText.compressionLimit
        ? StoredText.compressed(UnsafeRawBufferPointer(utf8)) : nil
    }
    if let frame {
      storedText(StoredTextFrame(frame: frame, dictionary: nil), length: text.utf8.count)
    } else {
      byte(StoredText.Codec.plain.rawValue)
      string(text)
    }
  }

  /// A text of `length` bytes of UTF-8 stored as `stored`'s frame.
  mutating func storedText(_ stored: StoredTextFrame, length: Int) {
    byte((stored.dictionary == nil ? StoredText.Codec.zstd : .zstdDictionary).rawValue)
    varint(UInt64(length))
    if let id = stored.dictionary { varint(UInt64(id)) }
    varint(UInt64(stored.frame.count))
    raw(stored.frame)
  }
}

/// A document's text as a payload stores it compressed: the Zstandard frame, and the
/// dictionary it was compressed against, if any.
package struct StoredTextFrame: Hashable, Sendable {
  /// The frame's bytes.
  package var frame: [UInt8]
  /// The ``TextDictionary/id`` of its dictionary; nil for a frame compressed alone.
  package var dictionary: UInt32?

  /// A frame, compressed against the dictionary `dictionary` names (nil: alone).
  package init(frame: [UInt8], dictionary: UInt32?) {
    self.frame = frame
    self.dictionary = dictionary
  }
}

extension StoredText {
  /// The Zstandard frame of `utf8` (against `dictionary`, if any), or nil unless it is
  /// shorter (with its lengths and the dictionary's id).
  static func compressed(_ utf8: UnsafeRawBufferPointer, dictionary: TextDictionary? = nil) -> [UInt8]? {
    // Worth it only if the frame and its extra varints are shorter than the text.
    let capacity = utf8.count - (dictionary == nil ? 4 : 9)
    guard capacity > 0 else { return nil }
    var written = -1
    let frame = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      written =
        ZstdContexts.shared.withCompressor { context in
          Zstd.compress(
            context, utf8, into: UnsafeMutableRawBufferPointer(buffer), dictionary: dictionary?.compression)
        } ?? -1
      count = max(written, 0)
    }
    return written >= 0 ? frame : nil
  }

  /// The `length` bytes `frame` decompresses to (against `dictionary`, if any), or nil
  /// unless it is one frame of exactly that many bytes.
  static func decompressed(
    _ frame: UnsafeRawBufferPointer, length: Int, dictionary: TextDictionary? = nil
  ) -> [UInt8]? {
    var exact = false
    let utf8 = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
      exact = ZstdContexts.shared.withDecompressor { context in
        Zstd.decompress(
          context, frame, into: UnsafeMutableRawBufferPointer(buffer), dictionary: dictionary?.decompression)
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
    let context: OpaquePointer = locked { compressors.popLast() } ?? Zstd.makeCompressor()
    defer { locked { compressors.append(context) } }
    return body(context)
  }

  /// Runs `body` with a decompression context no other thread is using.
  func withDecompressor<R>(_ body: (OpaquePointer) -> R) -> R {
    let context: OpaquePointer = locked { decompressors.popLast() } ?? Zstd.makeDecompressor()
    defer { locked { decompressors.append(context) } }
    return body(context)
  }
}

extension ByteReader {
  /// A document's text as ``ByteWriter/storedText(_:)`` wrote it, decompressed
  /// and validated (payload version 2).
  mutating func storedText(version: UInt8) throws(StoredFormError) -> String {
    let start = offset
    return try withStoredBytes(version: version) { (utf8: UnsafeRawBufferPointer) throws(StoredFormError) in
      guard let text = ByteReader.validatedString(utf8) else { throw .malformed("invalid UTF-8", at: start) }
      return text
    }
  }

  /// Calls `body` with the bytes a stored text or block holds, as written by
  /// ``ByteWriter/storedText(_:)`` or ``ByteWriter/storedBlock(_:dictionary:)``:
  /// in place when plain, else decompressed (and checked to be exactly the stated length).
  /// A frame against a dictionary only in payload `version` 3 or later, and only there.
  mutating func withStoredBytes<R>(
    version: UInt8, _ body: (UnsafeRawBufferPointer) throws(StoredFormError) -> R
  ) throws(StoredFormError) -> R {
    let start = offset
    let codec = StoredText.Codec(rawValue: try byte())
    switch codec {
    case .plain:
      return try body(try slice(try count()))
    case .zstd, .zstdDictionary:
      guard (codec == .zstdDictionary) == (version >= 3) else {
        throw .malformed("text codec \(codec?.rawValue ?? 0) in a version-\(version) payload", at: start)
      }
      // The length may exceed the payload's, so it is a varint, not a `count()`.
      let lengthStart = offset
      let statedLength = try varint()
      var dictionary: TextDictionary?
      if codec == .zstdDictionary {
        let idStart = offset
        let id = try varint()
        guard id <= UInt64(UInt32.max), let found = TextDictionaries.shared.dictionary(id: UInt32(id)) else {
          throw .malformed(
            "text compressed against dictionary \(id), which this archive does not hold intact", at: idStart)
        }
        dictionary = found
      }
      let frame = try slice(try count())
      // A stated length beyond what the frame could expand to is a lie: refuse it before
      // allocating anything for it.
      guard statedLength <= UInt64(StoredText.compressionLimit),
        statedLength / UInt64(StoredText.expansionLimit) <= UInt64(frame.count)
      else {
        throw .malformed("compressed text length out of range", at: lengthStart)
      }
      guard let bytes = StoredText.decompressed(frame, length: Int(statedLength), dictionary: dictionary)
      else {
        throw .malformed("compressed text does not decompress to its length", at: lengthStart)
      }
      let result = bytes.withUnsafeBytes { bytes in Result { () throws(StoredFormError) in try body(bytes) } }
      return try result.get()
    case nil:
      throw .malformed("unknown text codec", at: start)
    }
  }

  /// Steps over a stored text without decompressing or validating it.
  package mutating func skipStoredText() throws(StoredFormError) {
    let start = offset
    switch StoredText.Codec(rawValue: try byte()) {
    case .plain:
      try skipString()
    case .zstd:
      _ = try varint()
      _ = try slice(try count())
    case .zstdDictionary:
      _ = try varint()
      _ = try varint()
      _ = try slice(try count())
    case nil:
      throw .malformed("unknown text codec", at: start)
    }
  }
}

extension Event {
  /// The Zstandard frame a `document.ingested` payload (version 2 or 3) stores its text as,
  /// or nil when the payload stores it plain (or is of another type or version).
  ///
  /// Export carries it, so that import stores the text exactly as it was hashed even where
  /// another Zstandard release would compress it differently.
  package static func storedTextFrame(type: UInt8, payload: UnsafeRawBufferPointer) throws(StoredFormError)
    -> StoredTextFrame?
  {
    guard type == EventType.documentIngested.rawValue,
      let version = payload.first.map({ $0 & ~Event.ingestedFlags }), version >= 2
    else {
      return nil
    }
    var text = TextLocator()
    _ = try ByteReader.visitFields(type: type, payload: payload, into: &text)
    return try text.found?.frame()
  }

  /// This event's payload with a `document.ingested` text stored as `stored` (which should
  /// decompress to the text: decode the result to check): version 3 for a frame against a
  /// dictionary, else 2.
  package func payload(textFrame stored: StoredTextFrame) -> [UInt8] {
    guard stored.dictionary != nil else {
      return payload(version: 2) { w, document in w.storedText(stored, length: document.text.utf8.count) }
    }
    return payload(version: 3) { w, document in
      w.storedText(stored, length: StoredBlock.bytes(of: document).count)
    }
  }
}

/// Finds where a `document.ingested` payload stores its text, reading nothing else.
private struct TextLocator: StoredFieldVisitor {
  var found: StoredDocumentText?
  mutating func text(_ text: StoredDocumentText) { found = text }
}
