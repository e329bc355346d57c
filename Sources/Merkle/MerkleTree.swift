/// Tree heads and proofs over any store of complete subtree hashes (RFC 6962 §2.1,
/// RFC 9162 §2.1): roots of every size, inclusion (audit) paths, consistency proofs.
///
/// Each computation walks the RFC's recursive definitions, taking the hash of a range of
/// leaves from the O(log n) complete subtrees that tile it, so nothing is rebuilt.
package struct MerkleTree<Store: SubtreeHashes> {
  /// Where complete subtree hashes come from.
  package let store: Store

  /// A tree read from `store`.
  package init(store: Store) { self.store = store }

  /// The root of the tree of the first `size` leaves (``MerkleHash/emptyRoot`` for 0).
  package func root(size: UInt64) throws -> [UInt8] {
    size == 0 ? MerkleHash.emptyRoot : try hash(from: 0, to: size)
  }

  /// The complete subtrees that tile the first `size` leaves, largest first; their hashes
  /// folded from the right give the root.
  package func subtrees(size: UInt64) throws -> [Subtree] {
    try MerkleTree.tiles(from: 0, to: size).map { start, level in
      Subtree(
        start: start, size: 1 << UInt64(level),
        hash: try store.subtree(level: level, index: start >> UInt64(level)))
    }
  }

  /// The root that complete subtrees tiling a tree (as ``subtrees(size:)`` gives) fold to.
  package static func root(of subtrees: [Subtree]) -> [UInt8] {
    guard var hash = subtrees.last?.hash else { return MerkleHash.emptyRoot }
    for subtree in subtrees.dropLast().reversed() { hash = MerkleHash.node(subtree.hash, hash) }
    return hash
  }

  /// The audit path of leaf `index` in the tree of the first `size` leaves (RFC 9162
  /// §2.1.3.1), from the leaf's sibling up.
  package func inclusionProof(index: UInt64, size: UInt64) throws -> [[UInt8]] {
    guard index < size else {
      throw MerkleError.outOfRange("leaf \(index) is not in a tree of \(size) leaves")
    }
    return try path(index, from: 0, to: size)
  }

  /// The consistency proof between the trees of the first `old` and `new` leaves (RFC 9162
  /// §2.1.4.1); empty when `old` is 0 or equals `new`.
  package func consistencyProof(from old: UInt64, to new: UInt64) throws -> [[UInt8]] {
    guard old <= new else {
      throw MerkleError.outOfRange("a tree of \(old) leaves cannot precede one of \(new)")
    }
    guard old > 0, old < new else { return [] }
    return try subproof(old, from: 0, to: new, complete: true)
  }

  /// MTH(D[start:end]): the hash of a range that a power of two at least its length divides
  /// `start` (every range in the RFC's recursion is one).
  func hash(from start: UInt64, to end: UInt64) throws -> [UInt8] {
    let tiles = try MerkleTree.tiles(from: start, to: end).map { start, level in
      try store.subtree(level: level, index: start >> UInt64(level))
    }
    guard var hash = tiles.last else { return MerkleHash.emptyRoot }
    for tile in tiles.dropLast().reversed() { hash = MerkleHash.node(tile, hash) }
    return hash
  }

  /// The complete subtrees tiling `start..<end`, largest first: (first leaf, level).
  static func tiles(from start: UInt64, to end: UInt64) throws -> [(UInt64, Int)] {
    var out: [(UInt64, Int)] = []
    var at = start
    while at < end {
      let level = 63 - (end - at).leadingZeroBitCount
      guard at & ((1 << UInt64(level)) - 1) == 0 else {
        throw MerkleError.outOfRange("leaves \(start)..<\(end) are not a range of the tree's recursion")
      }
      out.append((at, level))
      at += 1 << UInt64(level)
    }
    return out
  }

  /// The largest power of two smaller than `n` (n ≥ 2): the RFC's split point `k`.
  static func split(_ n: UInt64) -> UInt64 { 1 << UInt64(63 - (n - 1).leadingZeroBitCount) }

  /// PATH(m, D[start:end]).
  private func path(_ m: UInt64, from start: UInt64, to end: UInt64) throws -> [[UInt8]] {
    let n = end - start
    guard n > 1 else { return [] }
    let k = MerkleTree.split(n)
    if m < k {
      return try path(m, from: start, to: start + k) + [hash(from: start + k, to: end)]
    }
    return try path(m - k, from: start + k, to: end) + [hash(from: start, to: start + k)]
  }

  /// SUBPROOF(m, D[start:end], b).
  private func subproof(_ m: UInt64, from start: UInt64, to end: UInt64, complete: Bool) throws -> [[UInt8]] {
    let n = end - start
    if m == n { return complete ? [] : [try hash(from: start, to: end)] }
    let k = MerkleTree.split(n)
    if m <= k {
      return try subproof(m, from: start, to: start + k, complete: complete) + [
        hash(from: start + k, to: end)
      ]
    }
    return try subproof(m - k, from: start + k, to: end, complete: false) + [hash(from: start, to: start + k)]
  }
}
