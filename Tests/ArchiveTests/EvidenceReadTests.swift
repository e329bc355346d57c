import Domain
import Testing

@testable import Archive

/// Reads that show evidence get every quote back, though the stored form leaves out those
/// that are exactly the text at their range.
@Suite struct EvidenceReadTests {
  @Test func factsReadFromTheLogCarryEveryQuoteAsTheTextHasIt() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let event = try #require(try archive.events().first)
      guard case .documentIngested(let ingested) = event.event else {
        Issue.record("the seed is a document")
        return
      }
      let scalars = Array(ingested.document.text.unicodeScalars)
      let facts = try #require(try archive.facts(at: [event.seq])[event.seq])
      #expect(facts == ingested.facts)
      var quotes: [Evidence] = [facts.group, facts.city, facts.country].compactMap { $0?.evidence }
      quotes += facts.themes.map(\.evidence) + facts.chairs.map(\.evidence) + facts.counts.map(\.evidence)
      #expect(quotes.count >= 5)
      for evidence in quotes {
        #expect(!evidence.quote.isEmpty)
        let slice = String(String.UnicodeScalarView(scalars[evidence.range]))
        #expect(evidence.quote == slice)
      }
    }
  }
}
