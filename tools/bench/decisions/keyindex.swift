// KeyIndex (copied verbatim from Sources/Projections) vs Dictionary for the same job: dense
// numbers for 1M (UInt64, UInt64) keys as a view groups sources, best of ROUNDS.
import Foundation
struct Pair: Hashable { var a: UInt64; var b: UInt64 }
func now() -> Double { var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t); return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9 }
let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "5") ?? 5
let lookups = 1_000_000
var rng = SystemRandomNumberGenerator()
for distinct in [4_000, 100_000, 1_000_000] {
  let pool = (0..<distinct).map { _ in (rng.next() as UInt64, rng.next() as UInt64) }
  let stream = (0..<lookups).map { i in distinct == lookups ? pool[i] : pool[Int.random(in: 0..<distinct)] }
  var bestK = 1e9, bestD = 1e9, bestDR = 1e9, checkK = 0, checkD = 0
  for _ in 0..<rounds {
    var a = now()
    var index = KeyIndex()
    var sum = 0
    for key in stream { sum &+= index.number(of: key).number }
    bestK = min(bestK, now() - a); checkK = sum
    a = now()
    var dict: [Pair: Int32] = [:]
    sum = 0
    for key in stream {
      let p = Pair(a: key.0, b: key.1)
      if let n = dict[p] { sum &+= Int(n) } else { let n = Int32(dict.count); dict[p] = n; sum &+= Int(n) }
    }
    bestD = min(bestD, now() - a); checkD = sum
    a = now()
    var dict2: [Pair: Int32] = [:]
    dict2.reserveCapacity(distinct)
    sum = 0
    for key in stream {
      let p = Pair(a: key.0, b: key.1)
      if let n = dict2[p] { sum &+= Int(n) } else { let n = Int32(dict2.count); dict2[p] = n; sum &+= Int(n) }
    }
    bestDR = min(bestDR, now() - a)
  }
  precondition(checkK == checkD)
  print(String(format: "%7d distinct keys, %d lookups: KeyIndex %.1f ms, Dictionary %.1f ms (%.2fx), Dictionary reserved %.1f ms", distinct, lookups, bestK * 1e3, bestD * 1e3, bestD / bestK, bestDR * 1e3))
}
