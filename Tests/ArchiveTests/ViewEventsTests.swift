import Domain
import Foundation
import LMDB
import Projections
import PropertyBased
import Report
import Stores
import Testing
import TestSupport

@testable import Archive

@Suite("View events: reads fold only the events the views can depend on")
struct ViewEventsTests {
  /// Appends `count` press-archive events in `batches` transactions, saving snapshots after
  /// each as write commands do; returns the documents.
  @discardableResult
  func fill(
    _ archive: Archive, seed: UInt64, count: Int, batches: Int, reingestions: Bool, silence: Double = 0.6
  ) throws -> [Document] {
    var random = RandomEvents(seed: seed)
    var documents: [Document] = []
    for batch in 0..<batches {
      try archive.log.write { writer in
        for _ in 0..<(count / batches + (batch < count % batches ? 1 : 0)) {
          let event = random.pressArchiveEvent(after: documents, reingestions: reingestions, silence: silence)
          _ = try archive.append(event, with: &writer)
          if case .documentIngested(let e) = event { documents.append(e.document) }
        }
      }
      try archive.refreshSnapshot()
    }
    return documents
  }

  /// Flips the bit of `seq` in the set's stored bitmap: with its checksum made again, as a
  /// wrong rule would; without, as damage would.
  func flip(_ seq: UInt64, in database: Database, _ txn: WriteTransaction, resealed: Bool = true) throws {
    let key = (seq / 4096).bigEndianBytes
    var block =
      try txn.get(database, key: key)
      ?? ViewEvents.sealed([UInt8](repeating: 0, count: 512), number: seq / 4096)
    block[Int(seq % 4096) >> 3] ^= 1 << UInt8(seq % 8)
    if resealed { block = ViewEvents.sealed(Array(block.prefix(512)), number: seq / 4096) }
    try txn.put(database, key: key, value: block)
  }

  /// The views of a fold of the view events alone, and of the whole state, at `seq`.
  func bothViews(_ archive: Archive, through seq: UInt64, asOf: CalendarDate?) throws -> (
    ArchiveView, ArchiveView
  ) {
    try archive.log.read { reader in
      let folded = try #require(try archive.viewEventsState(through: seq, limit: .max, in: reader))
      let whole = try archive.state(through: seq, in: reader)
      return (ArchiveView(state: folded, asOf: asOf), ArchiveView(state: whole, asOf: asOf))
    }
  }

  @Test("at every seq and valid time, the view events' fold projects exactly as the whole log does")
  func viewEventsProjectAsTheWholeLog() async {
    await propertyCheck(count: 25, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...80)) { seed, count in
      checking {
        try withArchive(snapshotInterval: UInt64(1 + seed % 9)) { archive, _ in
          let documents = try fill(
            archive, seed: UInt64(seed), count: count, batches: 1 + seed % 4, reingestions: seed % 3 == 0,
            silence: seed % 2 == 0 ? 0.6 : 0.95)
          var random = RandomEvents(seed: UInt64(seed))
          let dates = [nil] + documents.prefix(3).map(\.published) + [random.document().published]
          for n in 0...UInt64(count) {
            for asOf in dates {
              let (folded, whole) = try bothViews(archive, through: n, asOf: asOf)
              #expect(folded == whole, "seed \(seed), seq \(n), as of \(asOf?.description ?? "now")")
            }
          }
        }
      }
    }
  }

  @Test(
    "correction targets, blame and revision chains of meetings, count points and documents, and the documents a report lists, read from the view events equal the whole state's"
  )
  func targetsAndBlameAsTheWholeLog() async {
    await propertyCheck(count: 15, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...60)) { seed, count in
      checking {
        try withArchive(snapshotInterval: UInt64(1 + seed % 9)) { archive, _ in
          try fill(
            archive, seed: UInt64(seed), count: count, batches: 1 + seed % 3, reingestions: false,
            silence: seed % 2 == 0 ? 0.6 : 0.95)
          for n in stride(from: UInt64(0), through: UInt64(count), by: 7) {
            try archive.log.read { reader in
              let folded = try #require(try archive.viewEventsState(through: n, limit: .max, in: reader))
              let whole = try archive.state(through: n, in: reader)
              let view = ArchiveView(state: whole)
              let names =
                view.meetings.map(\.id) + view.membership.map(\.key.target)
                + view.membership.map { $0.key.target + "/" + $0.key.counts.rawValue } + ["cifg-999"]
              #expect(
                Report.documentsShown(state: folded, asOf: nil).map(\.id)
                  == Report.documentsShown(state: whole, asOf: nil).map(\.id), "seed \(seed) seq \(n)")
              for name in names {
                #expect(folded.correctionTarget(name) == whole.correctionTarget(name), "seed \(seed) \(name)")
                #expect(folded.blame(name) == whole.blame(name), "seed \(seed) \(name)")
              }
              // Documents by whole id and by prefix, and what no document is, as commands ask.
              let ids = whole.sources.keys.map(\.description)
              for name in names + ids + ids.map({ String($0.prefix(15)) }) + ["sha256:0", "sha256:zz"] {
                let target = try archive.targetState(for: name, through: n, in: reader)
                #expect(target.correctionTarget(name) == whole.correctionTarget(name), "seed \(seed) \(name)")
                #expect(target.blame(name) == whole.blame(name), "seed \(seed) \(name)")
              }
              // What `show --revisions` reads: each document's chain, and which revision stands.
              let standing = ArchiveView.standingRevisions(state: whole)
              for id in whole.sources.keys {
                let target = try archive.targetState(for: id.description, through: n, in: reader)
                let chain = target.revisionChain(of: id)
                #expect(chain == whole.revisionChain(of: id), "seed \(seed) \(id)")
                let roots = Set(chain.map(\.revisionRoot))
                #expect(
                  ArchiveView.standingRevisions(state: target).filter { roots.contains($0.key) }
                    == standing.filter { roots.contains($0.key) }, "seed \(seed) \(id)")
              }
            }
          }
        }
      }
    }
  }

  @Test(
    "releases that state nothing stay out of the set; statements, revisions and what corrections name go in")
  func membership() throws {
    try withArchive { archive, _ in
      var random = RandomEvents(seed: 7)
      let silent = random.document()
      var statement = random.document()
      statement.guid = "release-1"
      var revision = random.document()
      revision.guid = "release-1"
      let stated = Facts(
        extractor: "test", group: Stated("cifg", evidence: Evidence(range: 0..<4, quote: "CIFG")))
      let quiet = Facts(extractor: "test")
      _ = try archive.appendEvents([
        .documentIngested(DocumentIngested(document: silent, facts: quiet)),  // 1: out
        .documentIngested(DocumentIngested(document: random.document(), facts: quiet)),  // 2: out
        .documentIngested(DocumentIngested(document: statement, facts: stated)),  // 3
        .documentIngested(DocumentIngested(document: revision, facts: quiet, revises: statement.id)),  // 4
        .factCorrected(
          FactCorrected(
            target: silent.id.description, changes: [FieldChange(field: "group", value: "cifg")],
            reason: "the release names the group in its title")),  // 5, and 1
      ])
      let members = try archive.log.read { try archive.viewEvents.all(in: $0.transaction) }
      #expect(members == [1, 3, 4, 5])
      #expect(try archive.verify().passed)
    }
  }

  @Test("the set's bitmap blocks give back exactly its members across block edges and any range")
  func blocksAcrossEdges() throws {
    try withArchive { archive, _ in
      var random = RandomEvents(seed: 13)
      let stating: Set<UInt64> = [1, 4095, 4096, 4097, 8191, 8192, 9000]
      let stated = Facts(
        extractor: "test", group: Stated("cifg", evidence: Evidence(range: 0..<4, quote: "CIFG")))
      _ = try archive.appendEvents(
        (1...9000).map { (seq: UInt64) in
          .documentIngested(
            DocumentIngested(
              document: random.document(), facts: stating.contains(seq) ? stated : Facts(extractor: "test")))
        })
      try archive.log.read { reader in
        #expect(try archive.viewEvents.all(in: reader.transaction) == stating)
        for (after, through) in [
          (0, 9000), (1, 4096), (4095, 4095), (4095, 8191), (4096, 8192), (8192, 8999),
        ] {
          let expected = stating.filter { $0 > after && $0 <= through }.sorted()
          let got = try archive.viewEvents.seqs(
            after: UInt64(after), through: UInt64(through), limit: .max, in: reader.transaction)
          #expect(got == expected, "after \(after) through \(through)")
        }
        #expect(try archive.viewEvents.seqs(after: 0, through: 9000, limit: 6, in: reader.transaction) == nil)
      }
    }
  }

  @Test(
    "a damaged block makes reads fold the whole state, verify name it, and the next writes fill the set again"
  )
  func damagedBlock() throws {
    try withArchive { archive, path in
      try fill(archive, seed: 17, count: 200, batches: 2, reingestions: false, silence: 0.9)
      let head = try archive.view()
      let members = try archive.log.read { try archive.viewEvents.all(in: $0.transaction) }
      let database = try #require(archive.viewEvents.database)
      // Clear a member's bit without the checksum: read alone, the set would lose its event.
      let member = try #require(members.sorted().last)
      try archive.log.write { writer in try flip(member, in: database, writer.transaction, resealed: false) }
      #expect(try archive.view() == head)
      let report = try archive.verify()
      #expect(report.failure?.seq == 1)
      #expect(report.failure?.problem.contains("view-events block from this seq is damaged") == true)
      // An append meets the block: the set is no longer kept; a writable open fills it again.
      var random = RandomEvents(seed: 4)
      let stated = Facts(
        extractor: "test", group: Stated("cifg", evidence: Evidence(range: 0..<4, quote: "CIFG")))
      _ = try archive.appendEvents([
        .documentIngested(DocumentIngested(document: random.document(), facts: stated))
      ])
      #expect(try archive.log.read { try archive.viewEvents.isKept(in: $0.transaction) } == false)
      let reopened = try Archive(path: path)
      #expect(try reopened.log.read { try reopened.viewEvents.isKept(in: $0.transaction) })
      #expect(try reopened.verify().passed)
    }
  }

  @Test("a report lists what states a fact or what an event names, not the releases that state nothing")
  func reportLists() throws {
    try withArchive { archive, _ in
      var random = RandomEvents(seed: 5)
      let stated = Facts(
        extractor: "test", group: Stated("cifg", evidence: Evidence(range: 0..<4, quote: "CIFG")))
      let quiet = Facts(extractor: "test")
      let (statement, silent, retracted) = (random.document(), random.document(), random.document())
      _ = try archive.appendEvents([
        .documentIngested(DocumentIngested(document: statement, facts: stated)),
        .documentIngested(DocumentIngested(document: silent, facts: quiet)),
        .documentIngested(DocumentIngested(document: retracted, facts: quiet)),
        .documentRetracted(DocumentRetracted(document: retracted.id, reason: "published in error")),
      ])
      let report = try archive.report()
      #expect(Set(report.documents.map(\.record.id)) == [statement.id, retracted.id])
      #expect(report.lastSeq == 4)
    }
  }

  @Test("a document ingested again goes in the set: its row replaces the earlier one, facts and all")
  func reingestion() throws {
    try withArchive { archive, _ in
      var random = RandomEvents(seed: 9)
      let release = random.document()
      let stated = Facts(
        extractor: "test", group: Stated("cifg", evidence: Evidence(range: 0..<4, quote: "CIFG")),
        ordinal: Stated(12, evidence: Evidence(range: 5..<11, quote: "twelfth")))
      _ = try archive.appendEvents([
        .documentIngested(DocumentIngested(document: release, facts: stated)),
        .documentIngested(DocumentIngested(document: random.document(), facts: Facts(extractor: "test"))),
        .documentIngested(DocumentIngested(document: release, facts: Facts(extractor: "test"))),
      ])
      let members = try archive.log.read { try archive.viewEvents.all(in: $0.transaction) }
      #expect(members == [1, 3])
      let (folded, whole) = try bothViews(archive, through: 3, asOf: nil)
      #expect(whole.meetings.isEmpty)
      #expect(folded == whole)
    }
  }

  @Test(
    "an archive written before the set is filled on its first writable open, as appends would have kept it")
  func filledOnOpen() throws {
    try withArchive { archive, path in
      try fill(archive, seed: 11, count: 300, batches: 3, reingestions: false)
      let kept = try archive.log.read { try archive.viewEvents.all(in: $0.transaction) }
      let head = try archive.view()
      // Drop the database as an archive written before it would lack it.
      try dropDatabase("view-events", at: path)
      let older = try readOnlyArchive(at: path)
      #expect(try older.log.read { try older.viewEvents.isKept(in: $0.transaction) } == false)
      #expect(try older.view() == head)
      #expect(try older.verify().passed)
      let reopened = try Archive(path: path)
      #expect(try reopened.log.read { try reopened.viewEvents.all(in: $0.transaction) } == kept)
      #expect(try reopened.view() == head)
      #expect(try reopened.verify().passed)
    }
  }

  @Test(
    "a mostly silent log leaves view snapshots beside the snapshots; reads from them project as the whole log"
  )
  func viewSnapshots() throws {
    try withArchive(snapshotInterval: 64) { archive, _ in
      try fill(archive, seed: 21, count: 1_000, batches: 8, reingestions: false, silence: 0.97)
      let seqs = try archive.log.read { try archive.viewSnapshots.seqs(in: $0.transaction, current: true) }
      #expect(!seqs.isEmpty)
      for n in stride(from: UInt64(0), through: 1_000, by: 37) {
        let (folded, whole) = try bothViews(archive, through: n, asOf: nil)
        #expect(folded == whole, "seq \(n)")
      }
      let clean = try archive.verify()
      #expect(clean.passed, "\(String(describing: clean.failure)) \(seqs)")
      // A view snapshot that folded one event too few is named.
      let last = try #require(seqs.last)
      let forged = try archive.log.read { reader in
        let members = try #require(
          try archive.viewEvents.seqs(after: 0, through: last, limit: .max, in: reader.transaction))
        var state = ArchiveState()
        try reader.forEach(at: Array(members.dropLast())) { raw in
          try Archive.fold(raw, into: &state)
          return true
        }
        return Snapshots.storedBytes(of: state, hash: try #require(try reader.hash(at: last)))
      }
      try archive.log.write { writer in
        try archive.viewSnapshots.save(forged, at: last, in: writer.transaction)
      }
      let report = try archive.verify()
      #expect(report.failure?.seq == last)
      #expect(report.failure?.problem.contains("view snapshot at this seq differs") == true)
    }
  }

  @Test("verify names an event missing from the set, and one the set holds needlessly")
  func verifyChecksTheSet() throws {
    try withArchive { archive, _ in
      try fill(archive, seed: 3, count: 120, batches: 2, reingestions: false)
      let members = try archive.log.read { try archive.viewEvents.all(in: $0.transaction) }
      let missing = try #require(members.sorted().dropFirst(members.count / 2).first)
      let database = try #require(archive.viewEvents.database)
      try archive.log.write { writer in try flip(missing, in: database, writer.transaction) }
      let lacking = try archive.verify()
      #expect(lacking.failure?.seq == missing)
      #expect(lacking.failure?.problem.contains("lacks") == true)
      let stray = try #require((1...120).first { !members.contains($0) })
      try archive.log.write { writer in
        try flip(missing, in: database, writer.transaction)
        try flip(UInt64(stray), in: database, writer.transaction)
      }
      let holding = try archive.verify()
      #expect(holding.failure?.seq == UInt64(stray))
      #expect(holding.failure?.problem.contains("no view reads") == true)
    }
  }
}
