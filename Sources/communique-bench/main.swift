import Domain
import EventLog
import Foundation
import LMDB

// The event log's side of tools/bench: the same appends and scan as the C reference,
// through the log (envelope, SHA-256 chain, meta head) and with payloads decoded.
//
// Usage: communique-bench DIR COUNT VALUE_BYTES BATCH
// Prints: append_per_s scan_decode_per_s

let arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "extract" { exit(ExtractBench.run(Array(arguments.dropFirst(2)))) }
// `decode N`: the scan's decode alone, N times over one payload in cache (ns per decode).
if arguments.count == 3, arguments[1] == "decode", let times = Int(arguments[2]) {
  let bytes = Event.factCorrected(
    FactCorrected(
      target: "cifg-12", changes: [FieldChange(field: "city", value: "Luxembourg")],
      reason: String(repeating: "x", count: 984), author: "bench")
  ).payload
  var decoded = 0
  let start = DispatchTime.now().uptimeNanoseconds
  for _ in 0..<times {
    bytes.withUnsafeBytes { raw in
      if case .factCorrected = try? Event(type: EventType.factCorrected.rawValue, payload: raw) {
        decoded += 1
      }
    }
  }
  print(
    String(
      format: "%.0f ns per decode (%d)", Double(DispatchTime.now().uptimeNanoseconds - start) / Double(times),
      decoded))
  exit(0)
}
guard arguments.count == 5, let count = Int(arguments[2]), let size = Int(arguments[3]),
  let batch = Int(arguments[4])
else {
  FileHandle.standardError.write(Data("usage: communique-bench DIR COUNT VALUE_BYTES BATCH\n".utf8))
  exit(64)
}

// A realistic payload: a fact-correction event whose reason pads it to about VALUE_BYTES.
func payload(_ i: Int) -> [UInt8] {
  let event = Event.factCorrected(
    FactCorrected(
      target: "cifg-\(i % 40)", changes: [FieldChange(field: "city", value: "Luxembourg")],
      reason: String(repeating: "x", count: max(0, size - 40)), author: "bench"))
  return event.payload
}

let template = (0..<16).map(payload)
var options = Environment.Options()
options.mapSize = count * (size + 160) * 2 + (64 << 20)
let log = try EventLog(path: arguments[1], options: options)

var start = Date()
var appended = 0
while appended < count {
  try log.write { writer in
    for _ in 0..<min(batch, count - appended) {
      try writer.append(type: EventType.factCorrected.rawValue, data: template[appended % template.count])
      appended += 1
    }
  }
}
let appendRate = Double(count) / Date().timeIntervalSince(start)

start = Date()
var decoded = 0
try log.read { reader in
  try reader.forEach { raw in
    let event = try Event(type: raw.type, payload: raw.data)
    if case .factCorrected = event { decoded += 1 }
    return true
  }
}
let scanRate = Double(decoded) / Date().timeIntervalSince(start)
print(String(format: "%.0f %.0f", appendRate, scanRate))
