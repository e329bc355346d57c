import Domain
import Foundation
import LMDB
import Projections
import PropertyBased
import Stores
import Testing
import TestSupport

@testable import Archive

@Suite("Time travel: snapshots, replay, diff")
struct TimeTravelTests {
  func fill(_ archive: Archive, seed: UInt64, count: Int, batches: Int) throws {
    var random = RandomEvents(seed: seed)
    for batch in 0..<batches {
      try archive.log.write { writer in
        for _ in 0..<(count / batches + (batch < count % batches ? 1 : 0)) {
          _ = try archive.append(random.event(), with: &writer)
        }
      }
      try archive.refreshSnapshot()
    }
  }

  /// `verify` fails, naming `seq` and a problem that says `words`.
  func expectVerifyFails(
    _ archive: Archive, at seq: UInt64, saying words: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let report = try archive.verify()
    #expect(report.failure?.seq == seq, sourceLocation: sourceLocation)
    #expect(
      report.failure?.problem.contains(words) == true, "\(report.failure?.problem ?? "")",
      sourceLocation: sourceLocation)
  }

  @Test("the state known at N, read through snapshots, equals a fold of the first N events")
  func knownAtEqualsPrefix() async {
    await propertyCheck(count: 20, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...40)) { seed, count in
      checking {
        try withArchive(snapshotInterval: UInt64(1 + seed % 7)) { archive, _ in
          try fill(archive, seed: UInt64(seed), count: count, batches: 1 + seed % 5)
          let events = try archive.events()
          for n in 0...events.count {
            let expected = ArchiveState(events: events.prefix(n))
            #expect(try archive.state(knownAt: .seq(UInt64(n))) == expected)
          }
          #expect(try archive.verify().passed)
        }
      }
    }
  }

  @Test("an ingest leaves snapshots along its fold and at its end; a state survives its snapshot form")
  func snapshotsWritten() throws {
    try withArchive(snapshotInterval: 10) { archive, _ in
      _ = try archive.ingest([fixture("labeled")])
      let seqs = try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }
      #expect(seqs.count > 1)
      #expect(seqs.last == (try archive.state().lastSeq))
      let state = try archive.state()
      #expect(try ArchiveState(snapshot: state.snapshotBytes) == state)
    }
  }

  @Test("a snapshot longer than a part is stored in parts and read back whole")
  func snapshotInParts() throws {
    try withArchive(snapshotInterval: 10) { archive, _ in
      _ = try archive.ingest([fixture("labeled")])
      let state = try archive.state()
      let head = state.lastSeq.bigEndianBytes
      let parts = try archive.log.read { reader -> Int in
        var count = 0
        try reader.transaction.forEach(try #require(archive.snapshots.database), in: .all) { key, _ in
          if key.prefix(8).elementsEqual(head) { count += 1 }
          return true
        }
        return count
      }
      // The hash before the state, the CRC-32 after it.
      let stored = 32 + state.snapshotBytes.count + 4
      #expect(stored > Snapshots.partSize)
      #expect(parts == (stored + Snapshots.partSize - 1) / Snapshots.partSize)
      #expect(state == (try archive.rebuild()))
    }
  }

  @Test("a damaged snapshot is noticed by its checksum: reads fold the log, verify names its seq")
  func damagedSnapshot() throws {
    try withArchive(snapshotInterval: 10) { archive, _ in
      _ = try archive.ingest([fixture("labeled")])
      let truth = try archive.rebuild()
      let seq = try #require(try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }.last)
      let database = try #require(archive.snapshots.database)
      // One bit of a count's value, in the middle of the snapshot: it would still parse.
      try archive.log.write { writer in
        let key = Snapshots.key(seq, part: 1)
        var part = try #require(try writer.transaction.get(database, key: key))
        part[part.count / 2] ^= 0x01
        try writer.transaction.put(database, key: key, value: part)
      }
      #expect(try archive.state() == truth)
      try expectVerifyFails(archive, at: seq, saying: "damaged")
    }
  }

  @Test("at most `kept` snapshots stay, spread over the log, the newest among them")
  func snapshotsThinned() throws {
    try withArchive(snapshotInterval: 2) { archive, _ in
      try fill(archive, seed: 11, count: 60, batches: 20)
      let seqs = try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }
      #expect(seqs.count == Snapshots.kept)
      #expect(seqs.last == 60)
      // Spread: keeping the latest 8 would leave the first 39 events without one.
      let stretches = zip([0] + seqs, seqs).map { $1 - $0 }
      #expect(stretches.max() ?? 0 <= 12, "\(seqs)")
      #expect(try archive.verify().passed)
      for n in stride(from: 0, through: 60, by: 7) {
        #expect(
          try archive.state(knownAt: .seq(UInt64(n))) == ArchiveState(events: try archive.events().prefix(n)))
      }
    }
  }

  @Test("a long fold (here a bulk load) leaves snapshots along the way, each half as far again as the last")
  func bulkLoadSnapshots() throws {
    try withArchive(snapshotInterval: 8) { archive, _ in
      var random = RandomEvents(seed: 5)
      let events = (0..<300).map { _ in random.event() }
      _ = try archive.appendEvents(events, batch: 10)
      let seqs = try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }
      #expect(seqs.count > 3, "\(seqs)")
      #expect(seqs.last == 300)
      for (a, b) in zip(seqs, seqs.dropFirst().dropLast()) { #expect(b >= a + max(8, a / 2)) }
      let logged = try archive.events()
      for n in stride(from: 0, through: 300, by: 37) {
        #expect(try archive.state(knownAt: .seq(UInt64(n))) == ArchiveState(events: logged.prefix(n)))
      }
    }
  }

  @Test("a snapshot bound to another log is ignored by reads, and verify names its seq")
  func foreignSnapshot() throws {
    try withArchive(snapshotInterval: 4) { archive, _ in
      _ = try archive.ingest([fixture("seed"), fixture("feeds"), fixture("labeled")])
      let truth = try archive.events()
      let seq = try #require(try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }.last)
      try archive.log.write { writer in
        let forged = ArchiveState(events: truth.prefix(Int(seq)).dropFirst())
        try archive.snapshots.save(
          Snapshots.storedBytes(of: forged, hash: Array(repeating: 7, count: 32)), at: forged.lastSeq,
          in: writer.transaction)
      }
      #expect(try archive.state() == ArchiveState(events: truth))
      try expectVerifyFails(archive, at: seq, saying: "another log")
    }
  }

  @Test("a snapshot that differs from a rebuild is named by verify")
  func forgedSnapshot() throws {
    try withArchive(snapshotInterval: 4) { archive, _ in
      _ = try archive.ingest([fixture("seed"), fixture("feeds"), fixture("labeled")])
      let truth = try archive.events()
      let seq = try #require(try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }.first)
      try archive.log.write { writer in
        let forged = ArchiveState(events: truth.prefix(Int(seq)).dropFirst())
        let hash = try #require(try writer.transaction.get(archive.log.events, key: seq.bigEndianBytes))
          .prefix(32)
        try archive.snapshots.save(
          Snapshots.storedBytes(of: forged, hash: Array(hash)), at: forged.lastSeq, in: writer.transaction)
      }
      try expectVerifyFails(archive, at: seq, saying: "differs from a rebuild")
    }
  }

  @Test("applying diff(A, B) to A gives B, and diff(A, A) is empty")
  func diffLaws() async {
    await propertyCheck(count: 20, input: Gen.int(in: 0...Int.max), Gen.int(in: 2...40)) { seed, count in
      checking {
        try withArchive { archive, _ in
          try fill(archive, seed: UInt64(seed), count: count, batches: 1)
          var rng = SeededGenerator(seed: UInt64(seed))
          let dates = ["2000-01-01", "2010-06-30", "2020-01-01", "2030-01-01"]
          func spec() -> StateSpec {
            StateSpec(
              asOf: Bool.random(using: &rng)
                ? CalendarDate(iso: dates.randomElement(using: &rng) ?? "") : nil,
              knownAt: .seq(UInt64.random(in: 0...UInt64(count), using: &rng)))
          }
          for _ in 0..<4 {
            let a = try archive.view(spec())
            let b = try archive.view(spec())
            let diff = ArchiveDiff(from: a, to: b)
            #expect(ProjectedEntries(a).applying(diff) == ProjectedEntries(b))
            #expect(ArchiveDiff(from: a, to: a).isEmpty)
            #expect(diff.isEmpty == (ProjectedEntries(a) == ProjectedEntries(b)))
          }
        }
      }
    }
  }

  @Test("the replay hash is equal for an exported-and-imported copy and changes with a correction")
  func replayHash() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed"), fixture("labeled")])
      var bytes: [UInt8] = []
      try archive.export { bytes += $0 }
      let date = try #require(CalendarDate(iso: "2020-01-01"))
      let original = try archive.replay(to: date).hash
      try withArchive { copy, _ in
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        _ = try copy.importEvents(lines, source: "x")
        #expect(try copy.replay(to: date).hash == original)
      }
      _ = try archive.correct(
        FactCorrected(
          target: "cifg-12", changes: [FieldChange(field: "city", value: "Brussels")], reason: "r"))
      #expect(try archive.replay(to: date).hash != original)
      #expect(try archive.replay(to: date, knownAt: .seq(try archive.state().lastSeq - 1)).hash == original)
    }
  }

  @Test("replay --events accounts for each event, and the steps add up to the replayed state")
  func replaySteps() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("labeled")])
      let date = try #require(CalendarDate(iso: "2017-12-31"))
      let replay = try archive.replay(to: date, events: true)
      #expect(replay.steps.count == (try archive.events().count))
      var entries = ProjectedEntries(ArchiveView(state: ArchiveState(), asOf: date))
      for step in replay.steps { entries = entries.applying(step.diff) }
      #expect(entries == ProjectedEntries(replay.view))
      #expect(replay.steps.contains { !$0.diff.isEmpty })
    }
  }

  @Test("a correction followed by its inverse leaves every projected value as it was")
  func correctionInverseLaw() async {
    let fields = [
      ("city", ["Rome", "Manama", ""]), ("country", ["IT", "BH", ""]), ("start", ["2000-01-02", ""]),
      ("chairs", ["US", "IT,SA", ""]), ("virtual", ["true", "false"]),
    ]
    await propertyCheck(count: 15, input: Gen.int(in: 0...Int.max)) { seed in
      checking {
        try withArchive { archive, _ in
          _ = try archive.ingest([fixture("labeled")])
          var rng = SeededGenerator(seed: UInt64(seed))
          let before = try archive.view()
          let meeting = try #require(before.meetings.randomElement(using: &rng))
          let changes = fields.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)).map {
            FieldChange(field: $0.0, value: $0.1.randomElement(using: &rng))
          }
          let seq = try archive.correct(FactCorrected(target: meeting.id, changes: changes, reason: "p")).seq
          let reverted = try archive.revert(seq, reason: "undo")
          let after = try archive.view()
          #expect(after.meetings.map(\.values) == before.meetings.map(\.values))
          #expect(after.meetings.map(\.id) == before.meetings.map(\.id))
          // The log keeps both: the correction, then its inverse right after it.
          #expect(reverted.seq == seq + 1)
          let corrections = try archive.state().corrections.map(\.seq)
          #expect(corrections.suffix(2) == [seq, seq + 1])
        }
      }
    }
  }
}

@Suite struct OlderArchiveTests {
  @Test func anArchiveWithoutASnapshotsDatabaseStillReadsReadOnly() throws {
    try withArchive(snapshotInterval: 2) { archive, path in
      _ = try archive.ingest([fixture("seed"), fixture("labeled")])
      let head = try archive.view()
      // Drop the database as an archive written before snapshots would lack it.
      try dropDatabase("snapshots", at: path)
      let reopened = try readOnlyArchive(at: path)
      #expect(try reopened.view() == head)
      #expect(try reopened.verify().passed)
    }
  }

  @Test func aSnapshotOfAnOlderLayoutIsIgnoredThenDroppedWhenANewOneIsSaved() throws {
    try withArchive(snapshotInterval: 4) { archive, _ in
      _ = try archive.ingest([fixture("seed"), fixture("feeds")])
      let head = try archive.state()
      let database = try #require(archive.snapshots.database)
      // A whole value under the seq alone, as layout 3 and before stored them; its state
      // is wrong on purpose, so reading it would show.
      try archive.log.write { writer in
        let hash = try #require(
          try writer.transaction.get(archive.log.events, key: head.lastSeq.bigEndianBytes))
        try writer.transaction.put(
          database, key: head.lastSeq.bigEndianBytes, value: Array(hash.prefix(32)) + [3, 0, 0, 0])
      }
      #expect(try archive.state() == head)
      // The whole value sorts before the parts of its seq: a read just before that seq must
      // not take it (or those parts) for a snapshot at or before its bound.
      let before = head.lastSeq - 1
      #expect(
        try archive.state(knownAt: .seq(before))
          == ArchiveState(events: try archive.events().prefix(Int(before))))
      #expect(try archive.verify().passed)
      _ = try archive.ingest([fixture("labeled")])
      let keys = try archive.log.read { reader -> [Int] in
        var sizes: [Int] = []
        try reader.transaction.forEach(database, in: .all) { key, _ in
          sizes.append(key.count)
          return true
        }
        return sizes
      }
      #expect(!keys.isEmpty && keys.allSatisfy { $0 == 12 })
    }
  }
}
