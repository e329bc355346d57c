import Crypto

/// The hash rule of the chain: `hash = SHA-256(prev ‖ canonical bytes)`.
public enum ChainHasher {
  /// The hash of an event whose canonical bytes are `key ‖ tail`, after `prev`.
  ///
  /// `tail` is the stored value past its two digests, so verification hashes the stored
  /// bytes in place without assembling the canonical form.
  public static func hash(prev: some Sequence<UInt8>, key: [UInt8], tail: UnsafeRawBufferPointer) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: Array(prev))
    hasher.update(data: key)
    hasher.update(bufferPointer: tail)
    return Array(hasher.finalize())
  }

  /// The hash of an envelope's canonical bytes after `prev`.
  public static func hash(prev: [UInt8], canonical: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: prev)
    hasher.update(data: canonical)
    return Array(hasher.finalize())
  }
}
