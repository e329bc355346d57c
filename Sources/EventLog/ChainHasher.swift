import Crypto

/// The hash rule of the chain: `hash = SHA-256(prev ‖ canonical bytes)`.
package enum ChainHasher {
  /// The size of a hash (and of `prev`).
  package static let hashSize = 32

  /// The hash of an event whose canonical bytes are `key ‖ tail`, after `prev`.
  ///
  /// `tail` is the stored value past its two digests, so verification hashes the stored
  /// bytes in place without assembling the canonical form.
  package static func hash(prev: some Sequence<UInt8>, key: [UInt8], tail: UnsafeRawBufferPointer) -> [UInt8]
  {
    let prev = Array(prev)
    return prev.withUnsafeBytes { prev in
      key.withUnsafeBytes { key in digest(prev: prev, key: key, tail: tail).withUnsafeBytes { Array($0) } }
    }
  }

  /// The hash of an envelope's canonical bytes after `prev`.
  package static func hash(prev: [UInt8], canonical: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: prev)
    hasher.update(data: canonical)
    return hasher.finalize().withUnsafeBytes { Array($0) }
  }

  /// The hash over `prev ‖ key ‖ tail`, all read in place (the append and verify paths).
  static func digest(
    prev: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer
  ) -> SHA256Digest {
    var hasher = SHA256()
    hasher.update(bufferPointer: prev)
    hasher.update(bufferPointer: key)
    hasher.update(bufferPointer: tail)
    return hasher.finalize()
  }
}
