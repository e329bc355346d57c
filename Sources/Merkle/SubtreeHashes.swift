/// Where the hashes of complete subtrees come from: an LMDB database, or memory.
///
/// The subtree at `level` and `index` covers leaves `index·2^level ..< (index+1)·2^level`;
/// level 0 holds the leaf hashes. Every root and proof is computed from these alone, so a
/// store that keeps them needs O(log n) new entries per leaf and never a rebuild.
package protocol SubtreeHashes {
  /// The hash of the complete subtree at `level` and `index`; throws when it is not known.
  func subtree(level: Int, index: UInt64) throws -> [UInt8]
}

/// Why a tree computation could not be made.
package enum MerkleError: Error, Hashable, CustomStringConvertible {
  /// A complete subtree's hash the store does not hold.
  case missingSubtree(level: Int, index: UInt64)
  /// A request outside the tree: a leaf past its size, or sizes out of order.
  case outOfRange(String)

  /// One line.
  package var description: String {
    switch self {
    case .missingSubtree(let level, let index):
      "the Merkle tree lacks the subtree at level \(level), index \(index)"
    case .outOfRange(let what): what
    }
  }
}

/// A complete subtree of a tree head: where it starts, how many leaves, its hash.
public struct Subtree: Hashable, Sendable {
  /// The index of its first leaf (0-based).
  public var start: UInt64
  /// Its number of leaves, a power of two.
  public var size: UInt64
  /// Its hash.
  public var hash: [UInt8]

  /// A subtree given whole.
  public init(start: UInt64, size: UInt64, hash: [UInt8]) {
    self.start = start
    self.size = size
    self.hash = hash
  }
}

/// Leaf hashes kept in memory with every complete subtree: the reference store, and what
/// an archive without a stored tree falls back on.
package struct MemoryTree: SubtreeHashes, Sendable {
  /// `levels[l][i]` is the hash of the complete subtree at level `l`, index `i`.
  package private(set) var levels: [[[UInt8]]] = [[]]

  /// An empty tree.
  package init() {}

  /// A tree over these leaf hashes, in order.
  package init(leafHashes: some Sequence<[UInt8]>) {
    for hash in leafHashes { append(leafHash: hash) }
  }

  /// The number of leaves.
  package var size: UInt64 { UInt64(levels[0].count) }

  /// Adds a leaf and every subtree it completes.
  package mutating func append(leafHash: [UInt8]) {
    var hash = leafHash
    var level = 0
    levels[0].append(hash)
    var index = levels[0].count - 1
    while index & 1 == 1 {
      hash = MerkleHash.node(levels[level][index - 1], hash)
      level += 1
      index >>= 1
      if levels.count == level { levels.append([]) }
      levels[level].append(hash)
    }
  }

  /// The stored hash of a complete subtree.
  package func subtree(level: Int, index: UInt64) throws -> [UInt8] {
    guard level < levels.count, index < UInt64(levels[level].count) else {
      throw MerkleError.missingSubtree(level: level, index: index)
    }
    return levels[level][Int(index)]
  }
}
