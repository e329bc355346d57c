import Crypto

/// The hashes of an RFC 6962 (and RFC 9162) Merkle tree over SHA-256.
///
/// A leaf is `SHA-256(0x00 ‖ bytes)` and an interior node `SHA-256(0x01 ‖ left ‖ right)`;
/// the prefixes keep a leaf from ever passing for a node (a second-preimage defence).
package enum MerkleHash {
  /// The root of the tree of no leaves: SHA-256 of the empty string.
  package static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

  /// The hash of a leaf whose bytes are `bytes`.
  package static func leaf(_ bytes: some Sequence<UInt8>) -> [UInt8] {
    leaf(parts: [Array(bytes)])
  }

  /// The hash of a leaf whose bytes are `parts` joined, without joining them first.
  package static func leaf(parts: [[UInt8]]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: [0x00])
    for part in parts { hasher.update(data: part) }
    return Array(hasher.finalize())
  }

  /// The hash of a leaf whose bytes are `head ‖ tail`, reading `tail` in place.
  package static func leaf(head: [UInt8], tail: UnsafeRawBufferPointer) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: [0x00])
    hasher.update(data: head)
    hasher.update(bufferPointer: tail)
    return Array(hasher.finalize())
  }

  /// The hash of an interior node over two subtrees.
  package static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: [0x01])
    hasher.update(data: left)
    hasher.update(data: right)
    return Array(hasher.finalize())
  }
}
