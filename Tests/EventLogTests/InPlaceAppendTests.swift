import Foundation
import LMDB
import Testing

@testable import EventLog

/// Appends write their stored value in place; what they store must be byte for byte the
/// documented layout and hash rule, computed the plain way.
@Suite struct InPlaceAppendTests {
  @Test func everyAppendStoresTheDocumentedValueAndHash() throws {
    try withLog { log, _ in
      var generator = SystemRandomNumberGenerator()
      // Empty, small, in-page and overflow-page payloads, over several transactions.
      let sizes =
        [0, 1, 9, 74, 1024, 2100, 5000] + (0..<40).map { _ in Int.random(in: 0...3000, using: &generator) }
      var appended: [Envelope] = []
      for batch in stride(from: 0, to: sizes.count, by: 10) {
        appended += try log.write { w in
          try sizes[batch..<min(batch + 10, sizes.count)].map { size in
            let data = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return try w.append(type: UInt8.random(in: 1...4, using: &generator), data: data)
          }
        }
      }
      var prev = Envelope.genesis
      for envelope in appended {
        // The rule of docs/FORMAT.md, from the canonical bytes assembled the plain way.
        #expect(envelope.prev == prev)
        #expect(envelope.hash == ChainHasher.hash(prev: prev, canonical: envelope.canonicalBytes))
        let stored = try log.read { r in
          try r.transaction.get(log.events, key: envelope.seq.bigEndianBytes)
        }
        #expect(stored == envelope.storedValue)
        prev = envelope.hash
      }
      let report = try log.read { r in try r.verifyChain() }
      #expect(report.failure == nil)
      #expect(report.events == UInt64(sizes.count))
      #expect(report.headHash == prev)
    }
  }
}
