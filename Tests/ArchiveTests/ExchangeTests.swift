import Domain
import Foundation
import PropertyBased
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
              text.split(separator: "\n", omittingEmptySubsequences: false), source: "x")
            #expect(imported == count)
            #expect(try exported(copy) == first)
            #expect(try copy.events() == archive.events())
            #expect(try copy.verify().passed)
          }
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
          _ = try copy.importEvents(lines.map { Substring($0) }, source: "dump.ndjson")
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
}
