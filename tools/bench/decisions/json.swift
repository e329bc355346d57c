// Domain's JSONParser (copied verbatim) vs Foundation on every line of an NDJSON export, best
// of ROUNDS; then how each treats what import must refuse.
import Foundation
func now() -> Double { var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t); return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9 }
/// Any JSON, as JSONDecoder can give it (objects lose order and duplicates).
enum AnyJSON: Decodable {
  case null, bool(Bool), int(Int), double(Double), string(String), array([AnyJSON]), object([String: AnyJSON])
  init(from d: Decoder) throws {
    if var a = try? d.unkeyedContainer() { var v: [AnyJSON] = []; while !a.isAtEnd { v.append(try a.decode(AnyJSON.self)) }; self = .array(v); return }
    if let o = try? d.container(keyedBy: K.self) { var v: [String: AnyJSON] = [:]; for k in o.allKeys { v[k.stringValue] = try o.decode(AnyJSON.self, forKey: k) }; self = .object(v); return }
    let s = try d.singleValueContainer()
    if s.decodeNil() { self = .null } else if let b = try? s.decode(Bool.self) { self = .bool(b) } else if let i = try? s.decode(Int.self) { self = .int(i) } else if let x = try? s.decode(Double.self) { self = .double(x) } else { self = .string(try s.decode(String.self)) }
  }
  struct K: CodingKey { var stringValue: String; var intValue: Int? { nil }; init(stringValue: String) { self.stringValue = stringValue }; init?(intValue: Int) { nil } }
}
let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "5") ?? 5
let text = try! String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8)
let lines = text.split(separator: "\n")
let datas = lines.map { Data($0.utf8) }
let bytes = text.utf8.count
var bestO = 1e9, bestS = 1e9, bestD = 1e9
for _ in 0..<rounds {
  var a = now(); for l in lines { _ = try! JSONParser.parse(l) }; bestO = min(bestO, now() - a)
  a = now(); for d in datas { _ = try! JSONSerialization.jsonObject(with: d) }; bestS = min(bestS, now() - a)
  a = now(); for d in datas { _ = try! JSONDecoder().decode(AnyJSON.self, from: d) }; bestD = min(bestD, now() - a)
}
print(String(format: "%d lines, %d bytes, best of %d: ours %.3f s (%.1f MB/s), JSONSerialization %.3f s (%.1f MB/s), JSONDecoder(any) %.3f s (%.1f MB/s)", lines.count, bytes, rounds, bestO, Double(bytes) / bestO / 1e6, bestS, Double(bytes) / bestS / 1e6, bestD, Double(bytes) / bestD / 1e6))
for probe in [#"{"seq":1,"seq":2}"#, #"{"n":9223372036854775807}"#, #"{"n":9007199254740993}"#, #"{"a":[1,2,}"#, #"{"a":"x\u0000"} x"#, #"{"n":1.5}"#,
  String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
] {
  let ours: String
  do { ours = "\(try JSONParser.parse(probe))" } catch { ours = "refused: \(error)" }
  let foundation: String
  do { foundation = "\(try JSONSerialization.jsonObject(with: Data(probe.utf8)))".replacingOccurrences(of: "\n", with: " ") } catch { foundation = "refused: \(error)" }
  print("\(probe.prefix(60))\n  ours: \(ours.prefix(160))\n  JSONSerialization: \(foundation.prefix(300))")
}
