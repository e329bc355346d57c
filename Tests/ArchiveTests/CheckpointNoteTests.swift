import Crypto
import Domain
import EventLog
import Foundation
import Testing
import TestSupport

@testable import Archive

@Suite struct CheckpointNoteTests {
  func fill(_ archive: Archive, count: Int) throws {
    var random = RandomEvents(seed: 5)
    try archive.log.write { writer in
      for _ in 0..<count { _ = try archive.append(random.event(), with: &writer) }
    }
  }

  /// A signed checkpoint of an archive of `count` events, its key and its name.
  func signed(count: Int, _ body: (Archive, CheckpointNote, Curve25519.Signing.PrivateKey) throws -> Void)
    throws
  {
    try withArchive { archive, _ in
      try fill(archive, count: count)
      let key = Curve25519.Signing.PrivateKey()
      let note = try CheckpointNote(origin: "example.org/archive", head: try archive.treeHead(time: noon))
        .signed(with: key, name: "archive-key")
      try body(archive, note, key)
    }
  }

  func trusted(_ key: Curve25519.Signing.PrivateKey, name: String? = "archive-key") -> VerifierKey {
    VerifierKey(name: name, publicKey: key.publicKey)
  }

  @Test func aCheckpointIsOriginSizeBase64RootThenTimeAndSubtreeExtensionLines() throws {
    try signed(count: 6) { _, note, _ in
      let lines = note.text.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines[0] == "example.org/archive")
      #expect(lines[1] == "6")
      #expect(lines[2] == Substring(Data(note.head.root).base64EncodedString()))
      #expect(lines[3] == Substring("time \(noon)"))
      #expect(lines[4].hasPrefix("subtree 0 4 ") && lines[5].hasPrefix("subtree 4 2 "))
      #expect(lines[6] == "")
      #expect(lines[7].hasPrefix("\u{2014} archive-key "))
      #expect(note.text.hasSuffix("\n") && lines.count == 9)
    }
  }

  @Test func aSignedCheckpointReadsBackAndVerifiesWithItsKey() throws {
    for count in [0, 1, 6, 33] {
      try signed(count: count) { archive, note, key in
        let read = try CheckpointNote(parsing: note.text, source: "c")
        #expect(read == note)
        var checks: [String] = []
        #expect(read.signatureProblem(trusted: trusted(key), checks: &checks) == nil)
        #expect(read.signatureProblem(trusted: trusted(key, name: nil), checks: &checks) == nil)
        let report = try archive.checkConsistency(with: read, trusted: trusted(key), time: noon)
        #expect(report.passed, "\(report.failure ?? "")")
      }
    }
  }

  @Test func aTamperedSizeRootOrSignatureFailsTheSignatureCheck() throws {
    try signed(count: 9) { archive, note, key in
      let lines = note.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      var signature = Array(lines[lines.count - 2].utf8)
      let last = signature.count - 3  // inside the base64 of the signature, before the padding
      signature[last] = signature[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
      var tampered: [String] = []
      // Another size, with the root and subtree lines of that size: whole, but not what was signed.
      let head8 = try archive.treeHead(size: 8, time: noon)
      var resized = CheckpointNote(origin: note.origin, head: head8)
      resized.signatures = note.signatures
      tampered.append(resized.text)
      var resigned = lines
      resigned[resigned.count - 2] = String(decoding: signature, as: UTF8.self)
      tampered.append(resigned.joined(separator: "\n"))
      for text in tampered {
        let read = try CheckpointNote(parsing: text, source: "c")
        var checks: [String] = []
        let problem = read.signatureProblem(trusted: trusted(key), checks: &checks)
        #expect(problem?.contains("does not verify") == true, "\(problem ?? "nil")")
        let report = try archive.checkConsistency(with: read, trusted: trusted(key), time: noon)
        #expect(!report.passed)
      }
      // A root alone changed no longer folds from the subtrees: refused before any signature.
      var rerooted = lines
      rerooted[2] = Data(head8.root).base64EncodedString()
      #expect(throws: ArchiveError.self) {
        try CheckpointNote(parsing: rerooted.joined(separator: "\n"), source: "c")
      }
      var checks: [String] = []
      let other = trusted(Curve25519.Signing.PrivateKey())
      #expect(note.signatureProblem(trusted: other, checks: &checks)?.contains("key's ID") == true)
    }
  }

  @Test func withoutAKeyTheSignatureIsReportedUncheckedNotTrusted() throws {
    try signed(count: 3) { archive, note, _ in
      let report = try archive.checkConsistency(with: note, trusted: nil, time: noon)
      #expect(report.passed)
      #expect(report.checks.first?.contains("not checked: pass --key") == true, "\(report.checks)")
    }
  }

  @Test func anArchiveThatDoesNotExtendTheCheckpointNamesTheFirstDifferingEvents() throws {
    try signed(count: 12) { _, note, key in
      try withArchive { other, _ in
        var random = RandomEvents(seed: 6)
        try other.log.write { writer in
          for _ in 0..<12 { _ = try other.append(random.event(), with: &writer) }
        }
        let report = try other.checkConsistency(with: note, trusted: trusted(key), time: noon)
        #expect(report.firstDifference == 1...8, "\(report.failure ?? "")")
      }
    }
  }

  @Test func malformedCheckpointsAreBadInputWithOneLineSayingWhy() throws {
    try signed(count: 4) { _, note, _ in
      let body = note.body
      let cases: [(String, String)] = [
        ("", "end with a newline"),
        ("example.org/archive\n", "an origin, a tree size and a root hash"),
        (body.replacingOccurrences(of: "\n4\n", with: "\n04\n"), "tree size is not a decimal"),
        (body.replacingOccurrences(of: "=\n", with: "!\n"), "root hash is not 32 bytes in base64"),
        (body.replacingOccurrences(of: "\n4\n", with: "\n5\n"), "do not tile 5 events"),
        (body.replacingOccurrences(of: "time ", with: "clock "), "no 'time TIMESTAMP'"),
        (note.text.replacingOccurrences(of: "\n\n", with: "\n"), "no blank line"),
      ]
      for (text, problem) in cases {
        #expect {
          _ = try CheckpointNote(parsing: text, source: "c.txt")
        } throws: { error in
          (error as? ArchiveError)?.exitCode == 65 && "\(error)".hasPrefix("c.txt: ")
            && "\(error)".contains(problem) && !"\(error)".contains("\n")
        }
      }
      // Extension lines of others are opaque: ignored, not refused.
      let extra = body.replacingOccurrences(of: "time ", with: "note: from elsewhere\ntime ")
      let read = try CheckpointNote(parsing: extra, source: "c")
      #expect(read.head == note.head)
    }
  }

  @Test func theOldTreeHeadFormStillReadsAndIsNotTakenForACheckpoint() throws {
    try withArchive { archive, _ in
      try fill(archive, count: 5)
      let head = try archive.treeHead(time: noon).signed(with: Curve25519.Signing.PrivateKey())
      #expect(!CheckpointNote.isCheckpointText(head.text))
      var json: [UInt8] = []
      head.json.write(into: &json)
      #expect(!CheckpointNote.isCheckpointText(String(decoding: json, as: UTF8.self)))
      #expect(try TreeHead(parsing: head.text, source: "t") == head)
      #expect(try archive.checkConsistency(with: head, trustedKey: nil, time: noon).passed)
    }
  }
}
