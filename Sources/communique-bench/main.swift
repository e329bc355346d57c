import Domain
import EventLog
import Foundation
import LMDB
import StoredForm

// The event log's side of tools/bench: the same appends and scan as the C reference,
// through the log (envelope, SHA-256 chain, meta head) and with payloads decoded.
//
// Usage: communique-bench DIR COUNT VALUE_BYTES BATCH
// Prints: append_per_s scan_decode_per_s

let arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "extract" { exit(ExtractBench.run(Array(arguments.dropFirst(2)))) }
// `decode N`: the scan's decode alone, N times over one payload in cache (ns per decode).
if arguments.count == 3, arguments[1] == "decode", let times = Int(arguments[2]) {
  print(String(format: "%.0f ns per decode", measureDecode(times: times)))
  exit(0)
}
// `scan DIR N`: N scans of a log written before (a profile of the scan alone; events/s each).
if arguments.count == 4, arguments[1] == "scan", let times = Int(arguments[3]) {
  let log = try EventLog(path: arguments[2])
  for _ in 0..<times { print(String(format: "%.0f", try measureScan(log))) }
  exit(0)
}
guard arguments.count == 5, let count = Int(arguments[2]), let size = Int(arguments[3]),
  let batch = Int(arguments[4])
else {
  try? FileHandle.standardError.write(
    contentsOf: Data("usage: communique-bench DIR COUNT VALUE_BYTES BATCH\n".utf8))
  exit(64)
}

/// A fact-correction payload whose reason pads the stored event (envelope and payload) to
/// exactly `size` bytes, the size of the C reference's values, so both put the same bytes.
func payload(_ i: Int, storedSize size: Int) -> [UInt8] {
  func correction(reasonLength: Int) -> [UInt8] {
    Event.factCorrected(
      FactCorrected(
        target: "cifg-\(i % 40)", changes: [FieldChange(field: "city", value: "Luxembourg")],
        reason: String(repeating: "x", count: reasonLength), author: "bench")
    ).payload
  }
  // The reason's length prefix grows with it (one varint byte per 7 bits): settle it.
  var length = max(0, size - Envelope.headerSize - correction(reasonLength: 0).count)
  while length > 0, Envelope.headerSize + correction(reasonLength: length).count > size { length -= 1 }
  return correction(reasonLength: length)
}

/// Decodes one 1 KB fact-correction payload (as the scan's) `times` times over; ns per decode.
func measureDecode(times: Int) -> Double {
  let bytes = payload(12, storedSize: 1024)
  var decoded = 0
  let start = DispatchTime.now().uptimeNanoseconds
  bytes.withUnsafeBytes { raw in
    for _ in 0..<times {
      let event = try? Event(type: EventType.factCorrected.rawValue, payload: raw)
      if case .factCorrected = event { decoded += 1 }
    }
  }
  precondition(decoded == times, "a payload did not decode")
  return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(times)
}

/// Appends `count` events, `batch` a transaction, cycling through `template`; events/s.
///
/// The timed loops are functions over locals, not top-level code: top-level variables are
/// main-actor globals, and every access from a closure would pay exclusivity and executor
/// checks the log itself never does.
func measureAppend(_ log: EventLog, template: [[UInt8]], count: Int, batch: Int) throws -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  var appended = 0
  while appended < count {
    try log.write { writer in
      for _ in 0..<min(batch, count - appended) {
        try writer.append(type: EventType.factCorrected.rawValue, data: template[appended % template.count])
        appended += 1
      }
    }
  }
  return Double(count) * 1e9 / Double(DispatchTime.now().uptimeNanoseconds - start)
}

/// Reads the whole log in one read transaction, decoding every payload; events/s.
func measureScan(_ log: EventLog) throws -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  var decoded = 0
  try log.read { reader in
    try reader.forEach { raw in
      if case .factCorrected = try Event(type: raw.type, payload: raw.data) { decoded += 1 }
      return true
    }
  }
  return Double(decoded) * 1e9 / Double(DispatchTime.now().uptimeNanoseconds - start)
}

var options = Environment.Options()
options.mapSize = count * (size + 160) * 2 + (64 << 20)
let log = try EventLog(path: arguments[1], options: options)
let appendRate = try measureAppend(
  log, template: (0..<16).map { payload($0, storedSize: size) }, count: count, batch: batch)
let scanRate = try measureScan(log)
print(String(format: "%.0f %.0f", appendRate, scanRate))
