import Domain
import Foundation
import Projections
import Stores
import Testing
import TestSupport

@testable import Archive

/// The snapshot an ingest folds as it appends and saves in one commit after its last input:
/// byte for byte what a fold of the whole log gives.
@Suite struct IngestSnapshotTests {
  /// Inputs of one document or more each, appended one transaction apiece.
  let inputs = [fixture("seed"), fixture("feeds"), fixture("labeled")]

  /// What one ingest did: the commits it made and the inputs that appended (or found only
  /// duplicates), each in a write transaction of its own.
  struct Commits {
    var made = 0
    var writingInputs = 0
    var appended = 0
  }

  /// Ingests `paths`, calling `between` after each input but the last, and counts commits.
  func ingest(
    _ paths: [String], into archive: Archive, between: (Int) throws -> Void = { _ in }
  ) throws -> Commits {
    let before = archive.log.environment.lastTransactionID
    var commits = Commits()
    var documents = 0
    var failure: (any Error)?
    let report = try archive.ingest(paths) { report in
      if report.documents.count > documents { commits.writingInputs += 1 }
      documents = report.documents.count
      guard report.inputsDone < report.inputsTotal, failure == nil else { return }
      do { try between(report.inputsDone) } catch { failure = error }
    }
    if let failure { throw failure }
    #expect(report.rejected.isEmpty)
    commits.made = archive.log.environment.lastTransactionID - before
    commits.appended = report.newCount + report.revisionCount
    return commits
  }

  /// The seq and stored bytes of the newest snapshot.
  func newestSnapshot(of archive: Archive) throws -> (seq: UInt64, stored: [UInt8]) {
    try archive.log.read { reader in
      let seq = try #require(try archive.snapshots.seqs(in: reader.transaction).last)
      return (seq, try #require(try archive.snapshots.stored(at: seq, in: reader.transaction)))
    }
  }

  /// The bytes a snapshot at `seq` stores when its state is folded from the first event:
  /// a full ``Archive/rebuild()`` at the head.
  func rebuiltBytes(through seq: UInt64, of archive: Archive) throws -> [UInt8] {
    try archive.log.read { reader in
      let head = try #require(try reader.head())
      var state = ArchiveState()
      if seq == head.seq {
        state = try archive.rebuild()
      } else {
        try archive.fold(&state, through: seq, in: reader)
      }
      #expect(state.lastSeq == seq)
      return Snapshots.storedBytes(of: state, hash: try #require(try reader.hash(at: seq)))
    }
  }

  /// Every snapshot stored equals, byte for byte, the state folded from the first event to
  /// its seq, and the newest is at the head.
  func expectSnapshotsAreRebuilds(
    _ archive: Archive, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (seqs, head) = try archive.log.read { reader in
      (try archive.snapshots.seqs(in: reader.transaction), try reader.head()?.seq)
    }
    #expect(seqs.last == head, sourceLocation: sourceLocation)
    for seq in seqs {
      let stored = try archive.log.read { try archive.snapshots.stored(at: seq, in: $0.transaction) }
      #expect(
        stored == (try rebuiltBytes(through: seq, of: archive)), "seq \(seq)", sourceLocation: sourceLocation)
    }
  }

  @Test func anIngestSavesItsSnapshotInOneCommitAfterItsInputsAndItIsARebuild() throws {
    try withArchive(snapshotInterval: 8) { archive, _ in
      let commits = try ingest(inputs, into: archive)
      #expect(commits.writingInputs > 10)
      // One commit for the snapshot at the head; the long fold's stops are saved in the
      // inputs' transactions.
      #expect(commits.made == commits.writingInputs + 1)
      let newest = try newestSnapshot(of: archive)
      #expect(newest.seq == (try archive.state().lastSeq))
      #expect(newest.stored == (try rebuiltBytes(through: newest.seq, of: archive)))
      // The long fold's snapshots along the way are there too.
      #expect(try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }.count > 2)
      try expectSnapshotsAreRebuilds(archive)
    }
  }

  @Test func anIngestIntoAnArchiveWithEventsAndASnapshotStartsFromItsSnapshot() throws {
    try withArchive(snapshotInterval: 4) { archive, _ in
      var random = RandomEvents(seed: 3)
      _ = try archive.appendEvents((0..<30).map { _ in random.event() }, batch: 7)
      let first = try newestSnapshot(of: archive)
      #expect(first.seq == 30)
      let commits = try ingest([fixture("labeled")], into: archive)
      #expect(commits.made == commits.writingInputs + 1)
      #expect(try newestSnapshot(of: archive).seq > first.seq)
      try expectSnapshotsAreRebuilds(archive)
    }
  }

  @Test func aSnapshotDueOnlyWithTheLastInputIsStartedAndSaved() throws {
    let total = try withArchive { archive, _ in
      let report = try archive.ingest(inputs, dryRun: true)
      return UInt64(report.newCount + report.revisionCount)
    }
    // Due once the last input (one document) is appended, not before.
    try withArchive(snapshotInterval: total) { archive, _ in
      let commits = try ingest(inputs, into: archive)
      #expect(commits.appended == Int(total))
      #expect(commits.made == commits.writingInputs + 1)
      #expect(try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) } == [total])
      try expectSnapshotsAreRebuilds(archive)
    }
  }

  @Test func anotherWritersEventsBetweenInputsAreFoldedInTheirPlace() throws {
    try withArchive(snapshotInterval: 4) { archive, path in
      var options = Archive.Options()
      options.snapshotInterval = 1_000_000  // The other writer saves no snapshot of its own.
      let other = try Archive(path: path, options: options)
      var random = RandomEvents(seed: 17)
      var appended = 0
      let commits = try ingest(inputs, into: archive) { _ in
        try other.appendForTest(random.event())
        try other.appendForTest(random.event())
        appended += 2
      }
      #expect(appended > 20)
      #expect(commits.made == commits.writingInputs + appended + 1)
      #expect(try archive.events().count == appended + commits.appended)
      try expectSnapshotsAreRebuilds(archive)
    }
  }

  /// A feed of `count` distinct items in a temporary file, removed when `body` returns.
  func withGeneratedFeed<T>(items count: Int, _ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "communique-feed-\(UUID().uuidString).xml"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let items = (0..<count).map { i in
      """
      <item><title>Statement \(i)</title><link>https://example.org/generated/\(i)</link>
      <pubDate>Wed, 20 Nov 2019 10:00:00 GMT</pubDate><description>The Counter ISIS Finance Group \
      met in Rome on March \(i % 28 + 1), 2015; \(i % 80 + 20) members attended. Item \(i).</description></item>
      """
    }
    let feed = "<rss version=\"2.0\"><channel><title>Generated</title>\(items.joined())</channel></rss>"
    try Data(feed.utf8).write(to: URL(fileURLWithPath: path))
    return try body(path)
  }

  @Test func aTransactionRunAgainAfterTheMapGrewFoldsNothingTwice() throws {
    // Deterministic bytes (the test clock) fill a tiny map at the same places each run;
    // several first sizes put a growth in the last input's transaction and in earlier ones.
    var grewInLast = 0
    var grewBefore = 0
    for size in stride(from: 96 << 10, through: 224 << 10, by: 16 << 10) {
      try withArchive(snapshotInterval: 4, mapSize: size) { archive, _ in
        let environment = archive.log.environment
        var sizes: [Int] = []
        _ = try withGeneratedFeed(items: 150) { feed in
          try archive.ingest(inputs + [feed]) { _ in sizes.append(environment.mapSize) }
        }
        if sizes.count >= 2, sizes[sizes.count - 1] > sizes[sizes.count - 2] { grewInLast += 1 }
        if zip(sizes.dropLast(), sizes.dropFirst().dropLast()).contains(where: { $0 < $1 }) {
          grewBefore += 1
        }
        #expect(environment.mapSize > size)
        try expectSnapshotsAreRebuilds(archive)
      }
    }
    #expect(grewInLast > 0)
    #expect(grewBefore > 0)
  }

  @Test func aDryRunCommitsNothing() throws {
    try withArchive(snapshotInterval: 4) { archive, _ in
      let before = archive.log.environment.lastTransactionID
      _ = try archive.ingest(inputs, dryRun: true)
      #expect(archive.log.environment.lastTransactionID == before)
      #expect(try archive.events().isEmpty)
    }
  }

  @Test func anIngestBelowTheIntervalSavesNoSnapshot() throws {
    try withArchive(snapshotInterval: 1000) { archive, _ in
      let commits = try ingest(inputs, into: archive)
      #expect(commits.made == commits.writingInputs)
      #expect(try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }.isEmpty)
    }
  }
}
