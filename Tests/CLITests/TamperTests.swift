import Domain
import Foundation
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
}
