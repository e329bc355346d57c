import Crypto
import Domain
import Glibc

/// A Zstandard dictionary trained on an archive's own texts.
///
/// A release of a few KB compresses poorly alone (each frame starts from nothing) and well
/// against what its neighbours share: the feed's boilerplate, names, dates. An archive trains
/// one dictionary from the first large ingest and stores it beside the log (docs/FORMAT.md);
/// payload version 3 compresses texts against it and names it by ``id``.
package final class TextDictionary: @unchecked Sendable {
  // @unchecked: immutable after init; Zstandard's prepared dictionaries are read-only and
  // may be shared by any number of threads.

  /// The id Zstandard derives from the dictionary's content (never 0).
  package let id: UInt32
  /// The dictionary as Zstandard's trainer wrote it.
  package let bytes: [UInt8]
  /// SHA-256 of ``bytes``: stored with them, so `verify` can tell a damaged dictionary.
  package var digest: [UInt8] { Array(SHA256.hash(data: bytes)) }

  let compression: OpaquePointer
  let decompression: OpaquePointer

  /// The compression level of texts compressed against a dictionary, as without one.
  static let level: Int32 = 3

  /// A dictionary from its bytes, or nil unless they are a Zstandard dictionary with an id.
  package init?(bytes: [UInt8]) {
    let id = bytes.withUnsafeBytes { Zstd.dictionaryID($0) }
    guard id != 0,
      let compression = bytes.withUnsafeBytes({
        Zstd.makeCompressionDictionary($0, level: TextDictionary.level)
      })
    else { return nil }
    guard let decompression = bytes.withUnsafeBytes({ Zstd.makeDecompressionDictionary($0) }) else {
      Zstd.free(compressionDictionary: compression)
      return nil
    }
    self.id = id
    self.bytes = bytes
    self.compression = compression
    self.decompression = decompression
  }

  deinit {
    Zstd.free(compressionDictionary: compression)
    Zstd.free(decompressionDictionary: decompression)
  }

  /// The fewest texts worth training on; with fewer, a dictionary learns one feed's accidents.
  package static let minimumSamples = 256
  /// The fewest bytes of text worth training on.
  package static let minimumSampleBytes = 128 << 10
  /// The largest dictionary trained: past this, more history buys little for texts of a few KB.
  package static let maximumSize = 64 << 10

  /// A dictionary trained on `samples` (texts as UTF-8), or nil when there are too few of them
  /// or Zstandard cannot train one. The same samples give the same dictionary.
  package static func trained(on samples: [[UInt8]]) -> TextDictionary? {
    let total = samples.reduce(0) { $0 + $1.count }
    guard samples.count >= minimumSamples, total >= minimumSampleBytes else { return nil }
    // Zstandard's advice: a dictionary about a hundredth of its samples.
    let capacity = min(maximumSize, max(4 << 10, total / 100))
    let joined = samples.flatMap { $0 }
    let sizes = samples.map(\.count)
    let trained = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      count = joined.withUnsafeBytes { joined in
        Zstd.train(into: UnsafeMutableRawBufferPointer(buffer), samples: joined, sizes: sizes)
      }
    }
    return trained.isEmpty ? nil : TextDictionary(bytes: trained)
  }
}

/// The dictionaries this process can decode texts with, by id: those of every archive it
/// opened or imported into.
///
/// Process-wide because ids are derived from content, so one id means one dictionary
/// whichever archive it came from; a decoder meeting an id it does not hold says so.
package final class TextDictionaries: @unchecked Sendable {
  // @unchecked: `byID` is only touched holding `lock`, a pthread mutex (see ZstdContexts).

  /// The process's dictionaries.
  package static let shared = TextDictionaries()

  private let lock: UnsafeMutablePointer<pthread_mutex_t> = {
    let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(lock, nil)
    return lock
  }()
  private var byID: [UInt32: TextDictionary] = [:]

  /// Makes `dictionary` available to decoders; the one already held when its id is known.
  @discardableResult
  package func register(_ dictionary: TextDictionary) -> TextDictionary {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    if let known = byID[dictionary.id] { return known }
    byID[dictionary.id] = dictionary
    return dictionary
  }

  /// The dictionary with `id`, if this process holds it.
  package func dictionary(id: UInt32) -> TextDictionary? {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    return byID[id]
  }
}
