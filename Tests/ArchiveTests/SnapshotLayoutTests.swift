import Domain
import Projections
import StoredForm
import Stores
import Testing
import TestSupport

@testable import Archive

@Suite("The snapshot layout")
struct SnapshotLayoutTests {
  @Test("a state read back from its snapshot bytes is the same state", arguments: 0..<40)
  func snapshotRoundTrip(seed: UInt64) throws {
    let state = ArchiveState(events: RandomEvents.log(seed: seed, count: 60))
    let bytes = state.snapshotBytes
    #expect(try ArchiveState(snapshot: bytes) == state)
    #expect(try ArchiveState(snapshot: bytes).snapshotBytes == bytes)
    #expect(ArchiveView(state: try ArchiveState(snapshot: bytes)) == ArchiveView(state: state))
  }

  @Test("a snapshot cut short or with a byte changed is refused or read, never a crash", arguments: 0..<8)
  func damagedSnapshots(seed: UInt64) throws {
    let bytes = ArchiveState(events: RandomEvents.log(seed: seed, count: 40)).snapshotBytes
    for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
      #expect(throws: StoredFormError.self) { try ArchiveState(snapshot: Array(bytes.prefix(cut))) }
    }
    var random = SeededGenerator(seed: seed)
    for _ in 0..<300 {
      var damaged = bytes
      damaged[Int.random(in: 1..<damaged.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
      // Whatever it reads as must still project.
      if let state = try? ArchiveState(snapshot: damaged) { _ = ArchiveView(state: state) }
    }
  }

  @Test("a snapshot of another layout is refused")
  func oldLayoutRefused() {
    var bytes = ArchiveState(events: RandomEvents.log(seed: 1, count: 5)).snapshotBytes
    bytes[0] = 2
    #expect(throws: StoredFormError.self) { try ArchiveState(snapshot: bytes) }
  }

  @Test("a document stating seventy thousand counts snapshots like any other")
  func manyCounts() throws {
    let count = CountStatement(
      value: 56, qualifier: .exact, counts: .members, evidence: Evidence(range: 0..<2, quote: "56"))
    let document = Document(source: "x", format: "text", language: "en", text: "56 members")
    let event = Event.documentIngested(
      DocumentIngested(
        document: document, facts: Facts(extractor: "t", counts: Array(repeating: count, count: 70_000))))
    let state = ArchiveState(events: [
      RecordedEvent(seq: 1, recordedAt: Timestamp(microseconds: 0), event: event)
    ])
    #expect(try ArchiveState(snapshot: state.snapshotBytes) == state)
  }
}
