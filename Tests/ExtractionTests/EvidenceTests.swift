import Domain
import Foundation
import Testing

@testable import Extraction

/// Every fact's evidence quotes exactly the stored text's scalars at its range.
@Suite struct EvidenceTests {
  private func evidences(_ facts: Facts) -> [Evidence] {
    var all: [Evidence] = []
    all += [facts.group?.evidence, facts.ordinal?.evidence, facts.start?.evidence, facts.end?.evidence]
      .compactMap { $0 }
    all += [facts.city?.evidence, facts.country?.evidence, facts.virtual?.evidence].compactMap { $0 }
    all += facts.chairs.map(\.evidence) + facts.counts.map(\.evidence) + facts.themes.map(\.evidence)
    return all
  }

  @Test func quotesEqualTheTextAtTheirRangeForEveryFixture() throws {
    let fixtures = try #require(TestSupport.fixturesDirectory())
    var urls = [fixtures.appendingPathComponent("seed/000_9dabcf0b7d235476.txt")]
    let labeled = fixtures.appendingPathComponent("labeled")
    urls += try FileManager.default.contentsOfDirectory(atPath: labeled.path).filter { $0.hasSuffix(".txt") }
      .map { labeled.appendingPathComponent($0) }
    var checked = 0
    for url in urls {
      let (document, facts) = try #require(try TestSupport.read(url))
      let scalars = Array(document.text.unicodeScalars)
      for evidence in evidences(facts) {
        #expect(evidence.range.lowerBound >= 0 && evidence.range.upperBound <= scalars.count)
        #expect(
          String(String.UnicodeScalarView(scalars[evidence.range])) == evidence.quote,
          "\(url.lastPathComponent)")
        #expect(!evidence.quote.isEmpty)
        checked += 1
      }
    }
    #expect(checked > 200)
  }
}
