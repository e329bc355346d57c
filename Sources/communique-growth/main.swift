import Archive
import Domain
import Foundation
import Projections

// The growth side of tools/bench: how the cost of time travel grows with the log.
//
// Usage: communique-growth [--statements K] DIR EVENTS
// Fills a fresh archive at DIR with EVENTS `document.ingested` events shaped like the
// generated corpus (about 40 releases per meeting, half of them Arabic translations),
// then prints one line of milliseconds (the median of 3 runs each: a process's first read also
// loads the theme vocabulary, which the median leaves out, and this machine runs a process now
// and then at well under its usual speed):
//   events as_of_ms known_at_ms diff_ms rebuild_ms rebuild_events_per_s rebuild_anon_mb
//   reads_anon_mb archive_mb
// rebuild_anon_mb is the resident anonymous memory of a process that only opens the archive
// and rebuilds (this program run as `communique-growth --rebuild DIR`), with the state still
// held; reads_anon_mb is this process's after the reads and the diff, which glibc keeps.
//
// Every release states a meeting unless `--statements K`: then K of them do, spread evenly
// through the log, and the others state nothing, as most of a press archive's releases say
// nothing about these groups' meetings. A fixed K while EVENTS grows is a fixed answer in a
// growing log: how a read's cost grows with the log alone.

/// Resident anonymous memory, MB (the mapped archive file is not counted).
func anonymousMB() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
  for line in status.split(separator: "\n") where line.hasPrefix("RssAnon:") {
    return Double(line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0) / 1024
  }
  return 0
}

let arguments = CommandLine.arguments
if arguments.count == 3, arguments[1] == "--rebuild" {
  var readOnly = Archive.Options()
  readOnly.readOnly = true
  let state = try Archive(path: arguments[2], options: readOnly).rebuild()
  print(String(format: "%.0f", anonymousMB()), state.lastSeq)
  exit(0)
}
// `--reads DIR EVENTS` times the reads on an archive an earlier run filled (for profiling).
var operands = Array(arguments.dropFirst())
var statementCount: Int?
if operands.count >= 2, operands[0] == "--statements" {
  statementCount = Int(operands[1])
  operands.removeFirst(2)
}
let reuse = operands.first == "--reads"
if reuse { operands.removeFirst() }
guard operands.count == 2, let count = Int(operands[1]), statementCount.map({ $0 > 0 }) ?? true else {
  try? FileHandle.standardError.write(
    contentsOf: Data("usage: communique-growth [--statements K] [--reads] DIR EVENTS\n".utf8))
  exit(64)
}
let path = operands[0]
if !reuse { try? FileManager.default.removeItem(atPath: path) }
var options = Archive.Options()
options.noSync = true
let archive = try Archive(path: path, options: options)

/// SplitMix64, so the archive is the same on every run.
struct Seeded: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

let cities = [("Rome", "IT"), ("Riyadh", "SA"), ("Manama", "BH"), ("Luxembourg", "LU"), ("Rabat", "MA")]
let themes = ["virtual-assets", "antiquities", "front-companies", "nonprofit-abuse", "region/africa"]
let statements = min(count, statementCount ?? count)
/// One release in `spacing` states a meeting.
let spacing = count / statements
let meetings = max(10, statements / 40)
let filler = String(repeating: "Members reviewed the work of the group since its last meeting. ", count: 14)

func event(_ i: Int, _ rng: inout Seeded) -> Event {
  let ordinal = Int.random(in: 1...meetings, using: &rng)
  let start = CalendarDate(daysSinceEpoch: 16_436 + ordinal * 3)
  let end = CalendarDate(daysSinceEpoch: start.daysSinceEpoch + 1)
  let city = cities[ordinal % cities.count]
  let translation = (i / spacing) % 2 == 1
  let quote = Evidence(range: 0..<10, quote: "the quote")
  let states = i % spacing == 0 && i / spacing < statements
  let facts =
    !states
    ? Facts(extractor: "bench")
    : Facts(
      extractor: "bench", group: Stated("cifg", evidence: quote), ordinal: Stated(ordinal, evidence: quote),
      start: Stated(start, evidence: quote), end: Stated(end, evidence: quote),
      city: Stated(city.0, evidence: quote), country: Stated(city.1, evidence: quote),
      virtual: Stated(false, evidence: quote),
      chairs: [Stated("IT", evidence: quote), Stated("US", evidence: quote)],
      counts: [
        CountStatement(value: 30 + ordinal % 50, qualifier: .exact, counts: .members, evidence: quote)
      ],
      themes: [Stated(themes[ordinal % themes.count], evidence: quote)])
  let document = Document(
    source: "bench", format: "rss", guid: "release-\(i)", link: "https://example.org/\(i)",
    title: "Statement on meeting \(ordinal)",
    published: CalendarDate(daysSinceEpoch: end.daysSinceEpoch + Int.random(in: 0...2, using: &rng)),
    language: translation ? "ar" : "en", isTranslation: translation, text: "Release \(i). " + filler)
  return .documentIngested(DocumentIngested(document: document, facts: facts))
}

var rng = Seeded(state: 42)
if !reuse { _ = try archive.appendEvents((0..<count).lazy.map { event($0, &rng) }) }

/// The median of three timed runs, ms.
func median(_ body: () throws -> Void) rethrows -> Double {
  var times: [Double] = []
  for _ in 0..<3 {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
  }
  return times.sorted()[times.count / 2]
}

let middle = CalendarDate(daysSinceEpoch: 16_436 + meetings * 3 / 2)
let half = UInt64(count / 2)
let asOf = try median { _ = try archive.view(StateSpec(asOf: middle)) }
let knownAt = try median { _ = try archive.view(StateSpec(knownAt: .seq(half))) }
let diff = try median { _ = try archive.diff(StateSpec(knownAt: .seq(half)), StateSpec()) }
// Three rebuilds at every size, as the reads: at 1M a single one was a coin toss between the
// machine's two speeds, and three cost a few seconds beside filling the archive.
let rebuild = try median {
  let state = try archive.rebuild()
  precondition(state.lastSeq == UInt64(count))
}
let readsMB = anonymousMB()
// The rebuild's own memory, in a process that does nothing else.
let child = Process()
child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
child.arguments = ["--rebuild", path]
let output = Pipe()
child.standardOutput = output
try child.run()
let reply = String(decoding: (try? output.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
child.waitUntilExit()
let rebuildMB = reply.split(separator: " ").first.flatMap { Double($0) } ?? .nan
let size = (try? FileManager.default.attributesOfItem(atPath: path + "/data.mdb")[.size] as? Int) ?? 0
print(
  count,
  String(
    format: "%.1f %.1f %.1f %.1f %.0f %.0f %.0f %.0f", asOf, knownAt, diff, rebuild,
    Double(count) / (rebuild / 1000), rebuildMB, readsMB, Double(size) / 1e6))
