import Domain
import Foundation
import TestSupport
import Testing

@testable import Archive

@Suite("Migrations: named, ordered, recorded in the archive")
struct MigrationTests {
  func append(_ archive: Archive, seed: UInt64, count: Int) throws {
    var random = RandomEvents(seed: seed)
    try archive.log.write { writer in
      for _ in 0..<count { _ = try archive.append(random.event(), with: &writer) }
    }
  }

  @Test func aNewArchiveRecordsEveryMigrationAsFoundCurrentInOrder() throws {
    try withArchive { archive, _ in
      let records = try archive.migrations()
      #expect(records.map(\.name) == Migration.all.map(\.name))
      #expect(records.allSatisfy { !$0.applied && $0.events == 0 })
    }
  }

  @Test func reopeningRecordsNothingMore() throws {
    try withArchive { archive, path in
      try append(archive, seed: 3, count: 20)
      let first = try archive.migrations()
      #expect(try Archive(path: path).migrations() == first)
    }
  }

  @Test func anArchiveFromBeforeTheRegistryInTheCurrentFormIsRecordedAndLeftAsItWas() throws {
    try withArchive { archive, path in
      try append(archive, seed: 4, count: 50)
      let view = try archive.view()
      let root = try archive.treeHead(time: Timestamp(microseconds: 1_800_000_000_000_000)).root
      try forgetMigrations(archive)
      #expect(try archive.migrations().isEmpty)
      let reopened = try Archive(path: path)
      let records = try reopened.migrations()
      #expect(records.map(\.name) == Migration.all.map(\.name))
      #expect(records.allSatisfy { !$0.applied })
      #expect(reopened.treeBuiltOnOpen == 0)
      #expect(try reopened.view() == view)
      #expect(try reopened.treeHead(time: Timestamp(microseconds: 1_800_000_000_000_000)).root == root)
    }
  }

  @Test func aReadOnlyOpenAppliesAndRecordsNothing() throws {
    try withArchive { archive, path in
      try append(archive, seed: 5, count: 10)
      try forgetMigrations(archive)
      let reader = try readOnlyArchive(at: path)
      #expect(try reader.migrations().isEmpty)
      #expect(try reader.verify().passed)
    }
  }

  @Test func aRecordedMigrationIsNotCheckedAgain() throws {
    // As GRDB's migrator: the record, not a probe of the data, says what an archive holds.
    try withArchive { archive, path in
      try append(archive, seed: 6, count: 12)
      try clearTree(archive)
      let reopened = try Archive(path: path)
      #expect(reopened.treeBuiltOnOpen == 0)
      #expect(try reopened.treeIsStored() == false)
    }
  }

  @Test func theMerkleLeavesOfAnArchiveWrittenBeforeProofsAreBuiltAndRecorded() throws {
    try withArchive { archive, path in
      try append(archive, seed: 7, count: 33)
      try clearTree(archive)
      try forgetMigrations(archive)
      let reopened = try Archive(path: path)
      let record = try #require(try reopened.migrations().first { $0.name == "merkle-leaves" })
      #expect(record.applied && record.events == 33)
      #expect(reopened.treeBuiltOnOpen == 33)
      #expect(try reopened.verify().passed)
    }
  }

  @Test func theViewEventsOfAnArchiveWrittenBeforeTheSetAreFilledAndRecorded() throws {
    try withArchive { archive, path in
      try append(archive, seed: 8, count: 40)
      let view = try archive.view()
      try dropDatabase("view-events", at: path)
      try forgetMigrations(archive)
      let reopened = try Archive(path: path)
      let record = try #require(try reopened.migrations().first { $0.name == "view-events-set" })
      #expect(record.applied && record.events == 40)
      #expect(try reopened.log.read { try reopened.viewEvents.isKept(in: $0.transaction) })
      #expect(try reopened.view() == view)
    }
  }
}
