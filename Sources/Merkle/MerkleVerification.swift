/// Checking proofs as a client does, with RFC 9162's verification algorithms (§2.1.3.2 and
/// §2.1.4.2): nothing but the proof, the leaf hash and the tree heads.
package enum MerkleVerification {
  /// The root an inclusion proof leads to from `leafHash` at `index` in a tree of `size`
  /// leaves, or nil when the proof's shape cannot be a proof for that position.
  package static func root(
    fromInclusionProof proof: [[UInt8]], leafHash: [UInt8], index: UInt64, size: UInt64
  ) -> [UInt8]? {
    guard index < size else { return nil }
    var fn = index
    var sn = size - 1
    var r = leafHash
    for p in proof {
      guard sn != 0 else { return nil }
      if fn & 1 == 1 || fn == sn {
        r = MerkleHash.node(p, r)
        while fn & 1 == 0 && fn != 0 {
          fn >>= 1
          sn >>= 1
        }
      } else {
        r = MerkleHash.node(r, p)
      }
      fn >>= 1
      sn >>= 1
    }
    return sn == 0 ? r : nil
  }

  /// Whether `proof` shows leaf `leafHash` at `index` in the tree of `size` leaves and root `root`.
  package static func verifyInclusion(
    _ proof: [[UInt8]], leafHash: [UInt8], index: UInt64, size: UInt64, root: [UInt8]
  ) -> Bool {
    Self.root(fromInclusionProof: proof, leafHash: leafHash, index: index, size: size) == root
  }

  /// Whether `proof` shows that the tree (`newSize`, `newRoot`) extends (`oldSize`, `oldRoot`).
  ///
  /// Equal sizes need an empty proof and equal roots; every tree extends the empty one.
  package static func verifyConsistency(
    _ proof: [[UInt8]], oldSize: UInt64, oldRoot: [UInt8], newSize: UInt64, newRoot: [UInt8]
  ) -> Bool {
    guard oldSize <= newSize else { return false }
    if oldSize == 0 { return proof.isEmpty && oldRoot == MerkleHash.emptyRoot }
    if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
    guard !proof.isEmpty else { return false }
    var path = proof
    if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
    var fn = oldSize - 1
    var sn = newSize - 1
    while fn & 1 == 1 {
      fn >>= 1
      sn >>= 1
    }
    var fr = path[0]
    var sr = path[0]
    for c in path.dropFirst() {
      guard sn != 0 else { return false }
      if fn & 1 == 1 || fn == sn {
        fr = MerkleHash.node(c, fr)
        sr = MerkleHash.node(c, sr)
        while fn & 1 == 0 && fn != 0 {
          fn >>= 1
          sn >>= 1
        }
      } else {
        sr = MerkleHash.node(sr, c)
      }
      fn >>= 1
      sn >>= 1
    }
    return fr == oldRoot && sr == newRoot && sn == 0
  }
}
