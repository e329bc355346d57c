// Standalone harness: the Feeds sources copied verbatim (import Domain → EncodingDecision.swift
// copied beside them), built with swiftc -O. Modes:
//   xml FILES...   decode (Transcoder) + tree (MarkupTreeBuilder, .xml) every file, best of ROUNDS
//   decode LABEL FILE   Transcoder.utf8(from:encoding:) on FILE, best of ROUNDS
import Foundation
let args = Array(CommandLine.arguments.dropFirst())
let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "5") ?? 5
func now() -> Double { var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t); return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9 }
func load(_ p: String) -> [UInt8] { Array(FileManager.default.contents(atPath: p)!) }
switch args[0] {
case "xml", "xml-v":
  let files = args.dropFirst().map { ($0, load($0)) }
  let total = files.reduce(0) { $0 + $1.1.count }
  var best = 1e9, trees = 0, failures = 0
  for r in 0..<rounds {
    trees = 0; failures = 0
    let a = now()
    for (name, bytes) in files {
      switch Transcoder.utf8(from: bytes) {
      case .failure(let f):
        failures += 1
        if r == 0 && args[0] == "xml-v" { print("\(name): decode refused: \(f.problem)") }
      case .success(let utf8):
        let outcome = MarkupTreeBuilder.build(utf8, dialect: .xml)
        trees += 1
        if r == 0 && args[0] == "xml-v" { print("\(name): \(outcome)".prefix(300)) }
      }
    }
    best = min(best, now() - a)
  }
  print(String(format: "ours: %d files, %d bytes, %d decoded+built, %d refused at decoding, best of %d: %.4f s, %.1f MB/s", files.count, total, trees, failures, rounds, best, Double(total) / best / 1e6))
case "decode":
  let bytes = load(args[2])
  var best = 1e9, out = 0
  for _ in 0..<rounds {
    let a = now()
    switch Transcoder.utf8(from: bytes, encoding: args[1]) {
    case .success(let r): out = r.bytes.count
    case .failure(let f): print("refused: \(f.problem)"); exit(1)
    }
    best = min(best, now() - a)
  }
  print(String(format: "ours %@: %d bytes in, %d UTF-8 bytes out, best of %d: %.4f s, %.1f MB/s", args[1], bytes.count, out, rounds, best, Double(bytes.count) / best / 1e6))
default: print("usage"); exit(2)
}
