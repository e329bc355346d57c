import Merkle

/// RFC 6962 §2.1's definitions written as literally as possible, over a list of leaf hashes:
/// the naive recursive reference the stored-subtree implementation must agree with.
enum Reference {
  static func k(_ n: Int) -> Int {
    var k = 1
    while k << 1 < n { k <<= 1 }
    return k
  }

  /// MTH(D[n]).
  static func mth(_ d: ArraySlice<[UInt8]>) -> [UInt8] {
    switch d.count {
    case 0: return MerkleHash.emptyRoot
    case 1: return d[d.startIndex]
    default:
      let split = d.startIndex + k(d.count)
      return MerkleHash.node(mth(d[d.startIndex..<split]), mth(d[split...]))
    }
  }

  /// PATH(m, D[n]).
  static func path(_ m: Int, _ d: ArraySlice<[UInt8]>) -> [[UInt8]] {
    guard d.count > 1 else { return [] }
    let kk = k(d.count)
    let split = d.startIndex + kk
    if m < kk { return path(m, d[d.startIndex..<split]) + [mth(d[split...])] }
    return path(m - kk, d[split...]) + [mth(d[d.startIndex..<split])]
  }

  /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
  static func proof(_ m: Int, _ d: ArraySlice<[UInt8]>) -> [[UInt8]] {
    guard m > 0, m < d.count else { return [] }
    return subproof(m, d, true)
  }

  static func subproof(_ m: Int, _ d: ArraySlice<[UInt8]>, _ b: Bool) -> [[UInt8]] {
    if m == d.count { return b ? [] : [mth(d)] }
    let kk = k(d.count)
    let split = d.startIndex + kk
    if m <= kk { return subproof(m, d[d.startIndex..<split], b) + [mth(d[split...])] }
    return subproof(m - kk, d[split...], false) + [mth(d[d.startIndex..<split])]
  }
}
