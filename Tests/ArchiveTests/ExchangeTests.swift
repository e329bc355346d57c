import Domain
import EventLog
import Foundation
import JSONForm
import PropertyBased
import StoredForm
import Testing
import TestSupport

@testable import Archive

@Suite struct ExchangeTests {
  func exported(_ archive: Archive) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try archive.export { bytes += $0 }
    return bytes
  }

  func fill(_ archive: Archive, seed: UInt64, count: Int) throws {
    var random = RandomEvents(seed: seed)
    try archive.log.write { writer in
      for _ in 0..<count { _ = try archive.append(random.event(), with: &writer) }
    }
  }

  @Test func exportThenImportThenExportIsByteIdentical() async {
    await propertyCheck(count: 25, input: Gen.int(in: 0...Int.max), Gen.int(in: 0...30)) { seed, count in
      checking {
        try withArchive { archive, _ in
          try fill(archive, seed: UInt64(seed), count: count)
          let first = try exported(archive)
          try withArchive { copy, _ in
            let text = String(decoding: first, as: UTF8.self)
            let imported = try copy.importEvents(
              text.split(separator: "\n", omittingEmptySubsequences: false), source: "x",
              checkingMeaning: false)
            #expect(imported == count)
            #expect(try exported(copy) == first)
            #expect(try copy.events() == archive.events())
            #expect(try copy.verify().passed)
          }
        }
      }
    }
  }

  @Test func anExportOfAnArchiveWrittenWithVersionOnePayloadsImportsWithEveryHashKept() throws {
    try withArchive { archive, _ in
      // An archive as a build before payload version 2 wrote it: texts stored uncompressed.
      var random = RandomEvents(seed: 21)
      try archive.log.write { writer in
        for _ in 0..<12 {
          let event = random.event()
          _ = try archive.append(event, with: &writer, payload: event.payload(version: 1))
        }
      }
      let first = try exported(archive)
      try withArchive { copy, _ in
        let text = String(decoding: first, as: UTF8.self)
        #expect(
          try copy.importEvents(text.split(separator: "\n"), source: "old.ndjson", checkingMeaning: false)
            == 12)
        #expect(try exported(copy) == first)
        #expect(try copy.verify().passed)
        // Stored exactly as the old archive stored them, version byte included.
        let versions = try copy.log.read { reader in
          var versions: [UInt8] = []
          try reader.forEach { raw in
            versions.append(raw.data[0])
            return true
          }
          return versions
        }
        #expect(versions == Array(repeating: 1, count: 12))
      }
    }
  }

  /// One Zstandard frame holding `bytes` in a single raw (uncompressed) block: valid, but
  /// not what this build's compressor writes, like the output of another zstd release.
  static func rawZstdFrame(_ bytes: [UInt8]) -> [UInt8] {
    let header = UInt32(1) | UInt32(bytes.count) << 3  // last block, raw, its size
    return [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x20]  // magic, descriptor, 16 KiB window
      + [UInt8(header & 0xFF), UInt8(header >> 8 & 0xFF), UInt8(header >> 16 & 0xFF)] + bytes
  }

  @Test func aTextFrameThisBuildWouldNotWriteIsImportedAsExportedWithItsHash() throws {
    try withArchive { (archive: Archive, _: String) throws in
      var random = RandomEvents(seed: 8)
      try archive.log.write { writer in
        for _ in 0..<3 {
          let document = random.document()
          let event = Event.documentIngested(DocumentIngested(document: document, facts: random.facts()))
          let frame = Self.rawZstdFrame(Array(document.text.utf8))
          _ = try archive.append(
            event, with: &writer,
            payload: event.payload(textFrame: StoredTextFrame(frame: frame, dictionary: nil)))
        }
      }
      let first = try exported(archive)
      #expect(String(decoding: first, as: UTF8.self).contains("\"textFrame\":\"KLUv/QAg"))
      try withArchive { (copy: Archive, _: String) throws in
        let text = String(decoding: first, as: UTF8.self)
        #expect(try copy.importEvents(text.split(separator: "\n"), source: "x") == 3)
        #expect(try exported(copy) == first)
        #expect(try copy.verify().passed)
      }
      // A frame that does not hold the text is refused, naming its line.
      var lines = String(decoding: first, as: UTF8.self).split(separator: "\n").map(String.init)
      let other = Data(Self.rawZstdFrame(Array("another text".utf8))).base64EncodedString()
      lines[1] = lines[1].replacingOccurrences(
        of: #""textFrame":"[^"]*""#, with: "\"textFrame\":\"\(other)\"", options: .regularExpression)
      _ = try withArchive { (copy: Archive, _: String) throws in
        #expect {
          _ = try copy.importEvents(
            lines.map { Substring($0) }, source: "dump.ndjson", checkingMeaning: false)
        } throws: { error in
          "\(error)".hasPrefix("dump.ndjson:2: ") && "\(error)".contains("textFrame")
        }
      }
    }
  }

  @Test func anImportWithAnAlteredEventIsRefusedAtItsLineAndKeepsNothing() throws {
    try withArchive { archive, _ in
      try fill(archive, seed: 5, count: 6)
      var lines = String(decoding: try exported(archive), as: UTF8.self).split(separator: "\n").map(
        String.init)
      lines[3] = lines[3].replacingOccurrences(of: "\"reason\":\"", with: "\"reason\":\"edited ")
      if !lines[3].contains("edited") {
        lines[3] = lines[3].replacingOccurrences(of: "\"source\":\"", with: "\"source\":\"edited ")
      }
      try withArchive { copy, _ in
        #expect {
          _ = try copy.importEvents(
            lines.map { Substring($0) }, source: "dump.ndjson", checkingMeaning: false)
        } throws: { error in
          "\(error)".hasPrefix("dump.ndjson:4: ")
        }
        let kept = try copy.events()
        #expect(kept.isEmpty)
      }
    }
  }

  @Test func importRefusesAnArchiveThatIsNotEmpty() throws {
    try withArchive { archive, _ in
      try fill(archive, seed: 9, count: 2)
      let text = String(decoding: try exported(archive), as: UTF8.self)
      #expect(throws: ArchiveError.self) {
        _ = try archive.importEvents(text.split(separator: "\n"), source: "x")
      }
    }
  }

  /// The error `body` throws, described; nil when it throws none.
  static func refusal(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// The lines of `export` with an event that `correct` or `retract` would refuse appended, chained and
  /// hashed as an exporter would: only its meaning is wrong.
  static func forging(_ event: Event, after export: [UInt8]) throws -> [Substring] {
    var lines = String(decoding: export, as: UTF8.self).split(separator: "\n").map(String.init)
    let last = try JSONParser.parse(lines.last ?? "")
    guard let prev = last["hash"]?.stringValue.flatMap(Hex.decode),
      let recordedAt = last["recordedAt"]?.stringValue.flatMap(Timestamp.init(iso:))?.microseconds
    else { throw Failure("the export's last line has no hash or recordedAt") }
    let seq = UInt64(lines.count + 1)
    var envelope = Envelope(
      seq: seq, type: event.type.rawValue, recordedAt: recordedAt, data: event.payload, prev: prev, hash: [])
    envelope.hash = ChainHasher.hash(prev: prev, canonical: envelope.canonicalBytes)
    lines.append(try Archive.json(of: envelope).serialized)
    return lines.map { Substring($0) }
  }

  @Test(arguments: [
    ("start", "the 12th", "start=the 12th: not a date"),
    ("start", "", "start: an empty value"),
    ("country", "XX", "country=XX: not an ISO 3166-1 alpha-2 country code"),
    ("colour", "red", "has no field colour"),
    ("city", "Rome\u{1B}]0;x\u{07}", "holds the control character U+001B"),
  ])
  func anImportedCorrectionThatCorrectWouldRefuseIsRefusedAtItsLine(
    field: String, value: String, problem: String
  )
    throws
  {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let forged = try Self.forging(
        .factCorrected(
          FactCorrected(target: "cifg-12", changes: [FieldChange(field: field, value: value)], reason: "r")),
        after: exported(archive))
      try withArchive { copy, _ in
        let refused = Self.refusal { _ = try copy.importEvents(forged, source: "dump.ndjson") }
        #expect(refused?.hasPrefix("dump.ndjson:2: seq 2 (fact.corrected): ") == true, "\(refused ?? "")")
        #expect(refused?.contains(problem) == true, "\(refused ?? "")")
        let kept = try copy.events()
        #expect(kept.isEmpty)
      }
    }
  }

  @Test func importedEventsNamingWhatTheArchiveDoesNotHoldOrWithoutAReasonAreRefused() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let held = try #require(try archive.view().meetings.first?.sources.first?.document)
      let absent = DocumentID(text: "no such document")
      let cases: [(Event, String)] = [
        (
          .factCorrected(
            FactCorrected(
              target: "cifg-99", changes: [FieldChange(field: "city", value: "Rome")], reason: "r")),
          "no meeting, count point or document cifg-99"
        ),
        (
          .documentRetracted(DocumentRetracted(document: absent, reason: "r")),
          "which the archive does not hold"
        ),
        (.documentRetracted(DocumentRetracted(document: held, reason: " ")), "a retraction needs a reason"),
        (
          .documentReextracted(DocumentReextracted(document: absent, facts: Facts(extractor: "x"))),
          "re-extracts"
        ),
      ]
      for (event, problem) in cases {
        let forged = try Self.forging(event, after: exported(archive))
        try withArchive { copy, _ in
          let refused = Self.refusal { _ = try copy.importEvents(forged, source: "dump.ndjson") }
          #expect(refused?.hasPrefix("dump.ndjson:2: ") == true, "\(refused ?? "")")
          #expect(refused?.contains(problem) == true, "\(refused ?? "")")
        }
      }
    }
  }

  @Test(arguments: [
    EncodingDecision(encoding: "EBCDIC-FANTASY", basis: .overridden),
    EncodingDecision(encoding: "UTF-8", basis: .declared),
    EncodingDecision(encoding: "windows-1256", basis: .declared, declared: "cp1256\u{1B}[2J"),
  ])
  func anImportedDocumentWithAnEncodingDecisionNoReadingMakesIsRefused(_ decision: EncodingDecision) throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      var document = Document(
        source: "forged.txt", format: "text-dump", language: "en", text: "The CIFG met in Rome.")
      document.encoding = decision
      let forged = try Self.forging(
        .documentIngested(DocumentIngested(document: document, facts: Facts(extractor: "x"))),
        after: exported(archive))
      try withArchive { copy, _ in
        let refused = Self.refusal { _ = try copy.importEvents(forged, source: "dump.ndjson") }
        #expect(refused?.hasPrefix("dump.ndjson:2: ") == true, "\(refused ?? "")")
        #expect(refused?.contains("encoding") == true, "\(refused ?? "")")
        let kept = try copy.events()
        #expect(kept.isEmpty)
      }
    }
  }

  @Test func anImportedLineWithAKeyTwiceIsRefusedAtItsLine() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      var line = String(decoding: try exported(archive), as: UTF8.self)
      line = line.replacingOccurrences(of: "{\"seq\":1,", with: "{\"seq\":1,\"seq\":1,")
      try withArchive { copy, _ in
        let refused = Self.refusal {
          _ = try copy.importEvents(line.split(separator: "\n"), source: "dump.ndjson")
        }
        #expect(
          refused?.hasPrefix("dump.ndjson:1: not JSON: duplicate key \"seq\"") == true, "\(refused ?? "")")
      }
    }
  }
}
