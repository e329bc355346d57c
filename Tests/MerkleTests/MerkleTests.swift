import Merkle
import PropertyBased
import Testing

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

func bytes(_ hex: String) -> [UInt8] {
  var out: [UInt8] = []
  var chars = Array(hex.utf8)[...]
  while chars.count >= 2 {
    out.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) ?? 0)
    chars = chars.dropFirst(2)
  }
  return out
}

/// Leaf hashes of `n` distinct leaves.
func leaves(_ n: Int, salt: Int = 0) -> [[UInt8]] {
  (0..<n).map { MerkleHash.leaf(Array("leaf \($0) \(salt)".utf8)) }
}

/// Sizes at and around powers of two, where the tree's shape changes.
let edgeSizes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129]

@Suite struct MerkleTests {
  // The Certificate Transparency reference tree (RFC 6962's test data, as every CT
  // implementation checks it): eight leaves and the root of each prefix.
  static let ctLeaves = [
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
  ].map { MerkleHash.leaf(bytes($0)) }
  static let ctRoots = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  ]

  @Test func rootsOfTheCertificateTransparencyReferenceTreeMatchThePublishedOnes() throws {
    let tree = MerkleTree(store: MemoryTree(leafHashes: Self.ctLeaves))
    for size in 0...8 {
      #expect(hex(try tree.root(size: UInt64(size))) == Self.ctRoots[size], "size \(size)")
    }
  }

  @Test func proofsOfTheReferenceTreeMatchThePublishedVectors() throws {
    let tree = MerkleTree(store: MemoryTree(leafHashes: Self.ctLeaves))
    let inclusion: [(UInt64, UInt64, [String])] = [
      (
        0, 8,
        [
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]
      ),
      (
        5, 8,
        [
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]
      ),
      (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
      (
        1, 5,
        [
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]
      ),
    ]
    for (index, size, path) in inclusion {
      #expect(try tree.inclusionProof(index: index, size: size).map(hex) == path, "leaf \(index) of \(size)")
    }
    let consistency: [(UInt64, UInt64, [String])] = [
      (1, 1, []),
      (
        1, 8,
        [
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]
      ),
      (
        6, 8,
        [
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]
      ),
      (
        2, 5,
        [
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]
      ),
    ]
    for (old, new, proof) in consistency {
      let made = try tree.consistencyProof(from: old, to: new)
      #expect(made.map(hex) == proof, "\(old) → \(new)")
      #expect(
        MerkleVerification.verifyConsistency(
          made, oldSize: old, oldRoot: bytes(Self.ctRoots[Int(old)]), newSize: new,
          newRoot: bytes(Self.ctRoots[Int(new)])))
    }
  }

  @Test func rootsAndProofsFromStoredSubtreesEqualTheRecursiveDefinitionsAroundPowersOfTwo() throws {
    let all = leaves(129)
    let tree = MerkleTree(store: MemoryTree(leafHashes: all))
    for n in edgeSizes {
      let d = all[..<n]
      #expect(try tree.root(size: UInt64(n)) == Reference.mth(d), "root of \(n)")
      for m in 0..<n {
        #expect(try tree.inclusionProof(index: UInt64(m), size: UInt64(n)) == Reference.path(m, d))
      }
      for m in 0...n {
        #expect(try tree.consistencyProof(from: UInt64(m), to: UInt64(n)) == Reference.proof(m, d))
      }
    }
  }

  @Test func storedSubtreesAgreeWithTheRecursiveDefinitionsOnRandomSizes() async {
    await propertyCheck(count: 60, input: Gen.int(in: 1...700), Gen.int(in: 0...Int.max)) { n, pick in
      do {
        let all = leaves(n, salt: pick)
        let tree = MerkleTree(store: MemoryTree(leafHashes: all))
        let m = pick % n
        let old = pick % (n + 1)
        #expect(try tree.root(size: UInt64(n)) == Reference.mth(all[...]))
        #expect(try tree.inclusionProof(index: UInt64(m), size: UInt64(n)) == Reference.path(m, all[...]))
        #expect(try tree.consistencyProof(from: UInt64(old), to: UInt64(n)) == Reference.proof(old, all[...]))
        #expect(
          MerkleTree<MemoryTree>.root(of: try tree.subtrees(size: UInt64(old))) == Reference.mth(all[..<old]))
      } catch {
        Issue.record("unexpected error: \(error)")
      }
    }
  }

  @Test func everyProofVerifiesAndAnyAlteredOneDoesNot() throws {
    let all = leaves(33)
    let tree = MerkleTree(store: MemoryTree(leafHashes: all))
    for n in 1...33 {
      let size = UInt64(n)
      let root = try tree.root(size: size)
      for m in 0..<n {
        let index = UInt64(m)
        let proof = try tree.inclusionProof(index: index, size: size)
        #expect(
          MerkleVerification.verifyInclusion(proof, leafHash: all[m], index: index, size: size, root: root))
        #expect(
          !MerkleVerification.verifyInclusion(
            proof, leafHash: all[(m + 1) % 33], index: index, size: size, root: root))
        #expect(
          !MerkleVerification.verifyInclusion(
            proof, leafHash: all[m], index: (index + 1) % size, size: size, root: root) || n == 1)
        #expect(
          !MerkleVerification.verifyInclusion(
            proof + [root], leafHash: all[m], index: index, size: size, root: root))
        for i in proof.indices {
          var bad = proof
          bad[i][0] ^= 1
          #expect(
            !MerkleVerification.verifyInclusion(bad, leafHash: all[m], index: index, size: size, root: root))
        }
      }
      for old in 1...n {
        let oldRoot = try tree.root(size: UInt64(old))
        let proof = try tree.consistencyProof(from: UInt64(old), to: size)
        #expect(
          MerkleVerification.verifyConsistency(
            proof, oldSize: UInt64(old), oldRoot: oldRoot, newSize: size, newRoot: root))
        var wrongRoot = oldRoot
        wrongRoot[31] ^= 1
        #expect(
          !MerkleVerification.verifyConsistency(
            proof, oldSize: UInt64(old), oldRoot: wrongRoot, newSize: size, newRoot: root))
        for i in proof.indices {
          var bad = proof
          bad[i][0] ^= 1
          #expect(
            !MerkleVerification.verifyConsistency(
              bad, oldSize: UInt64(old), oldRoot: oldRoot, newSize: size, newRoot: root))
        }
      }
    }
  }

  @Test func aTreeDoesNotExtendAnotherTreeOrALargerOne() throws {
    let tree = MerkleTree(store: MemoryTree(leafHashes: leaves(20)))
    let other = MerkleTree(store: MemoryTree(leafHashes: leaves(20, salt: 1)))
    let proof = try tree.consistencyProof(from: 7, to: 20)
    #expect(
      !MerkleVerification.verifyConsistency(
        proof, oldSize: 7, oldRoot: try other.root(size: 7), newSize: 20, newRoot: try tree.root(size: 20)))
    #expect(
      !MerkleVerification.verifyConsistency(
        [], oldSize: 20, oldRoot: try tree.root(size: 20), newSize: 7, newRoot: try tree.root(size: 7)))
    #expect(throws: MerkleError.self) { try tree.consistencyProof(from: 20, to: 7) }
    #expect(throws: MerkleError.self) { try tree.inclusionProof(index: 20, size: 20) }
  }

  @Test func appendingStoresOneNodePerCompletedSubtreeAndNeverRewritesOne() {
    var tree = MemoryTree()
    var previous: [[[UInt8]]] = []
    for n in 1...300 {
      tree.append(leafHash: MerkleHash.leaf([UInt8(n & 0xff), UInt8(n >> 8)]))
      // A tree of n leaves holds exactly 2n − popcount(n) complete subtrees.
      #expect(tree.levels.reduce(0) { $0 + $1.count } == 2 * n - n.nonzeroBitCount)
      for (level, hashes) in previous.enumerated() {
        #expect(Array(tree.levels[level].prefix(hashes.count)) == hashes)
      }
      previous = tree.levels
    }
  }

  @Test func aMissingSubtreeIsAnErrorNotAWrongRoot() {
    let tree = MerkleTree(store: MemoryTree(leafHashes: leaves(4)))
    #expect(throws: MerkleError.missingSubtree(level: 0, index: 4)) { try tree.root(size: 5) }
  }
}
