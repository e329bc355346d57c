import Domain
import Foundation
import JSONForm
import Testing

/// An archive edited behind Communique's back with Debian's python3-lmdb
/// (tools/tamper-archive.py): `verify` and tools/verify-archive.py both fail and name the
/// seq of the event that was tampered with.
@Suite struct TamperTests {
  /// Nine documents, then two corrections: eleven events of two kinds; made once, copied
  /// for each case.
  static let original: Result<String, any Error> = Result {
    let archive = temporaryArchive()
    _ = try communique(archive, ["ingest", "Fixtures/seed", "Fixtures/feeds"])
    for city in ["Brussels", "Luxembourg"] {
      _ = try communique(archive, ["correct", "cifg-12", "--set", "city=\(city)", "--reason", "tamper test"])
    }
    return archive
  }

  static func makeArchive() throws -> String {
    let copy = temporaryArchive()
    try FileManager.default.copyItem(atPath: try original.get(), toPath: copy)
    return copy
  }

  @Test(arguments: [
    ("change", 3), ("change", 11), ("rehash", 10), ("rehash", 11), ("insert", 5), ("insert", 10),
    ("remove", 4), ("remove", 11), ("drop", 6), ("reorder", 7), ("reorder", 1),
  ])
  func verifyNamesTheTamperedSeqWhateverTheKindOfEdit(kind: String, seq: Int) throws {
    let archive = try Self.makeArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try eventCount(archive) == 11)
    #expect(try communique(archive, ["verify"]).status == 0)

    let tamper = try python("tamper-archive.py", [archive, kind, "\(seq)"])
    #expect(tamper.status == 0, "\(tamper.stderr)")

    let verify = try communique(archive, ["verify", "--json"])
    #expect(verify.status == 1)
    let failure = try JSONParser.parse(verify.stdout)["failure"]
    #expect(failure?["seq"] == .int(seq), "\(kind) \(seq): \(verify.stdout)")
    let text = try communique(archive, ["verify"])
    #expect(text.stderr.contains("verification failed at seq \(seq): "), "\(text.stderr)")

    let independent = try python("verify-archive.py", [archive, "--json"])
    #expect(independent.status == 1)
    #expect(try JSONParser.parse(independent.stdout)["failure"]?["seq"] == .int(seq), "\(independent.stdout)")
  }

  /// The damaged end of a log (the last event deleted, the recorded head damaged, the last
  /// event changed, the one before it dropped) is found before a write, which is refused with
  /// one line naming the first bad seq: appending over it would bury the evidence that
  /// `verify` finds.
  @Test(arguments: [("drop", 11, 11), ("head", 0, 11), ("change", 11, 11), ("drop", 10, 10)])
  func aWriteOverADamagedEndOfTheLogIsRefusedAndChangesNothing(kind: String, seq: Int, bad: Int) throws {
    let archive = try Self.makeArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let tamper = try python("tamper-archive.py", [archive, kind, "\(seq)"])
    #expect(tamper.status == 0, "\(tamper.stderr)")
    let before = FileManager.default.contents(atPath: archive + "/data.mdb")
    for args in [
      ["correct", "cifg-12", "--set", "city=Rome", "--reason", "over the damage"],
      ["ingest", "Fixtures/labeled"],
    ] {
      let write = try communique(archive, args)
      #expect(write.status == 74, "\(args[0]): \(write.stdout)")
      #expect(write.stderr.contains("damaged at seq \(bad) "), "\(write.stderr)")
      #expect(write.stderr.split(separator: "\n").count == 1, "\(write.stderr)")
    }
    #expect(FileManager.default.contents(atPath: archive + "/data.mdb") == before)
    let verify = try communique(archive, ["verify", "--json"])
    #expect(verify.status == 1)
    #expect(try JSONParser.parse(verify.stdout)["failure"]?["seq"] == .int(bad), "\(verify.stdout)")
  }

  /// The id of the document ingested at `seq`.
  static func documentID(_ archive: String, at seq: Int) throws -> String {
    let show = try JSONParser.parse(try communique(archive, ["show", "\(seq)", "--json"]).stdout)
    return try #require(show["data"]?["document"]?["id"]?.stringValue)
  }

  /// A `documents` entry pointed at another event: `show` and `prove` of the document still
  /// answer with its own event (the lookup is checked against the id in the event).
  @Test func aDamagedDocumentsEntryNeverAnswersWithAnotherDocument() throws {
    let archive = try Self.makeArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let id = try Self.documentID(archive, at: 3)
    let tamper = try python("tamper-archive.py", [archive, "documents", "3", "5"])
    #expect(tamper.status == 0, "\(tamper.stderr)")
    let show = try communique(archive, ["show", id, "--json"])
    #expect(show.status == 0, "\(show.stderr)")
    #expect(try JSONParser.parse(show.stdout)["seq"] == .int(3), "\(show.stdout.prefix(200))")
    let prove = try communique(archive, ["prove", id, "--json"])
    #expect(prove.status == 0, "\(prove.stderr)")
    #expect(try JSONParser.parse(prove.stdout)["seq"] == .int(3))
    let verify = try communique(archive, ["verify", "--json"])
    #expect(try JSONParser.parse(verify.stdout)["failure"]?["seq"] == .int(3), "\(verify.stdout)")
  }

  /// A `releases` entry pointed at an unrelated document: `verify` names the release's
  /// event, and the next revision still revises its own earlier text, not that document.
  @Test func aDamagedReleasesEntryIsFoundByVerifyAndNeverMakesARevisionOfAnotherDocument() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    #expect(try communique(archive, ["ingest", "Fixtures/revisions/cifg-10-first.rss.xml"]).status == 0)
    let first = try Self.documentID(archive, at: 2)
    let tamper = try python("tamper-archive.py", [archive, "releases", "2", "1"])
    #expect(tamper.status == 0, "\(tamper.stderr)")
    let verify = try communique(archive, ["verify", "--json"])
    #expect(verify.status == 1)
    #expect(try JSONParser.parse(verify.stdout)["failure"]?["seq"] == .int(2), "\(verify.stdout)")
    // The independent verifier recomputes the index from the payloads' guids and links too.
    let independent = try python("verify-archive.py", [archive, "--json"])
    #expect(independent.status == 1)
    let failure = try JSONParser.parse(independent.stdout)["failure"]
    #expect(failure?["seq"] == .int(2), "\(independent.stdout)")
    #expect(failure?["problem"]?.stringValue?.hasPrefix("the releases index does not point") == true)
    let ingest = try communique(archive, ["ingest", "Fixtures/revisions/cifg-10-revised.rss.xml"])
    #expect(ingest.stdout.contains("1 revision"), "\(ingest.stdout)")
    let revised = try JSONParser.parse(try communique(archive, ["show", "3", "--json"]).stdout)
    #expect(revised["data"]?["revises"] == .string(first), "\(revised["data"]?["revises"] as Any)")
  }

  /// A damaged node of the stored Merkle tree is never signed into a checkpoint nor put in a
  /// proof: both compute the tree from the log and refuse where the stored one disagrees.
  @Test func aDamagedMerkleNodeIsNeitherSignedNorProved() throws {
    let archive = try Self.makeArchive()
    let dir = temporaryPath("merkle-keys")
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: dir)
    }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    #expect(try communique(archive, ["keygen", "--out", dir + "/key"]).status == 0)
    let tamper = try python("tamper-archive.py", [archive, "merkle", "11"])
    #expect(tamper.status == 0, "\(tamper.stderr)")
    let data = FileManager.default.contents(atPath: archive + "/data.mdb")
    for args in [["checkpoint", "--sign", dir + "/key.key"], ["prove", "3"], ["prove", "11", "--json"]] {
      let run = try communique(archive, args)
      #expect(run.status == 74, "\(args): \(run.stdout)")
      #expect(run.stderr.contains("stored Merkle tree disagrees with the log at event 11"), "\(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
    #expect(FileManager.default.contents(atPath: archive + "/data.mdb") == data)
    let verify = try communique(archive, ["verify", "--json"])
    #expect(try JSONParser.parse(verify.stdout)["failure"]?["seq"] == .int(11), "\(verify.stdout)")
  }

  /// A storage format this build does not know is refused by reads as by writes, one line
  /// naming it (before, `verify` and every read ignored it).
  @Test func anUnknownStorageFormatIsRefusedByEveryCommandNamingIt() throws {
    let archive = try Self.makeArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let tamper = try python("tamper-archive.py", [archive, "format", "2"])
    #expect(tamper.status == 0, "\(tamper.stderr)")
    for args in [["verify"], ["timeline"], ["correct", "cifg-12", "--set", "city=Rome", "--reason", "r"]] {
      let run = try communique(archive, args)
      #expect(run.status == 74, "\(args)")
      #expect(
        run.stderr.contains("unsupported archive format 2 (meta/format; this build reads 1)"), "\(run.stderr)"
      )
    }
    let independent = try python("verify-archive.py", [archive])
    #expect(independent.status == 1)
    #expect(
      independent.stderr
        == "verification failed at seq 1: unknown storage format 02 (meta/format; this reads 1)\n")
  }
}
