import Domain
import Foundation
import Testing

@testable import Archive

@Suite struct AppendEventsTests {
  @Test func appendingPastTheInitialMapKeepsEveryEventInOrder() throws {
    try withArchive { archive, _ in
      // 24,000 events of ~4 KB: about 100 MB, past the 64 MB initial map, so a batch's
      // transaction is rolled back, the map grows and the batch runs again.
      let padding = String(repeating: "x", count: 4_000)
      let events = (0..<24_000).lazy.map { i in
        Event.documentRetracted(
          DocumentRetracted(document: DocumentID(text: "\(i)"), reason: "\(i) " + padding))
      }
      let last = try archive.appendEvents(events, batch: 5_000)
      #expect(last == 24_000)
      var seen = 0
      try archive.log.read { reader in
        try reader.forEach { raw in
          guard case .documentRetracted(let e) = try Archive.decode(raw).event else { return false }
          #expect(e.document == DocumentID(text: "\(seen)"))
          seen += 1
          return true
        }
      }
      #expect(seen == 24_000)
    }
  }
}
