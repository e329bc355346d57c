import Domain
import Foundation
import Testing
import TestSupport

@testable import Archive

@Suite("The documents index: looking documents up by a prefix of their id")
struct DocumentIndexTests {
  @Test(
    "a prefix of any length, odd or even, finds exactly the documents whose ids start with it, ingested by then"
  )
  func prefixes() throws {
    try withArchive { archive, _ in
      var random = RandomEvents(seed: 19)
      let documents = (0..<200).map { _ in random.document() }
      _ = try archive.appendEvents(
        documents.map { .documentIngested(DocumentIngested(document: $0, facts: Facts(extractor: "test"))) })
      let ids = documents.map(\.id.description)
      try archive.log.read { reader in
        for name in ["sha256:", "sha256:a", "sha256:3f", "sha256:c0d", String(ids[7].prefix(12)), ids[9]] {
          let found = try archive.indexes.documents(
            named: name, through: 200, limit: .max, in: reader.transaction)
          #expect(Set(found.map(\.id.description)) == Set(ids.filter { $0.hasPrefix(name) }), "\(name)")
          #expect(found.allSatisfy { ids[Int($0.seq) - 1] == $0.id.description })
        }
        // Ingested after the bound: not there yet.
        let later = try archive.indexes.documents(named: ids[150], through: 100, in: reader.transaction)
        #expect(later.isEmpty)
        #expect(
          try archive.indexes.documents(named: "sha256:xyz", through: 200, in: reader.transaction).isEmpty)
      }
    }
  }
}
