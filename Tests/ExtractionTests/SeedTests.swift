import Domain
import Foundation
import Testing

@testable import Extraction

/// The seed item (the Arabic statement on the CIFG's twelfth meeting) read end to end.
@Suite struct SeedTests {
  private func seed() throws -> (Document, Facts) {
    let directory = try #require(TestSupport.fixturesDirectory())
    let url = directory.appendingPathComponent("seed/000_9dabcf0b7d235476.txt")
    return try #require(try TestSupport.read(url))
  }

  @Test func seedFactsAreTheContractsFacts() throws {
    let (document, facts) = try seed()
    #expect(document.published == CalendarDate(year: 2019, month: 11, day: 20))
    #expect(document.language == "ar")
    #expect(facts.group?.value == "cifg")
    #expect(facts.ordinal?.value == 12)
    #expect(facts.start?.value == CalendarDate(year: 2019, month: 11, day: 19))
    #expect(facts.end?.value == CalendarDate(year: 2019, month: 11, day: 20))
    #expect(facts.city?.value == "Luxembourg")
    #expect(facts.country?.value == "LU")
    #expect(facts.virtual?.value == false)
    #expect(facts.chairs.map(\.value) == ["US", "IT", "SA"])
    #expect(
      facts.counts.map { "\($0.value ?? -1) \($0.qualifier.rawValue) \($0.counts.rawValue)" } == [
        "56 exact members"
      ])
    let themes = Set(facts.themes.map(\.value))
    for theme in [
      "nonprofit-abuse", "virtual-assets", "antiquities", "front-companies", "reconstruction",
      "region/africa",
      "private-sector", "region/iraq", "region/europe", "region/southeast-asia",
    ] {
      #expect(themes.contains(theme), "missing theme \(theme)")
    }
  }

  @Test func seedDocumentDropsBoilerplateAndKeepsTheStatement() throws {
    let (document, _) = try seed()
    #expect(document.isTranslation)
    #expect(!document.text.contains("تحديثات بالبريد الإلكتروني"))
    #expect(!document.text.contains("هذه الترجمة"))
    #expect(!document.text.contains("English English"))
    #expect(document.text.hasPrefix("بيان مشترك لقادة مجموعة التحالف الدولي"))
    #expect(document.text.contains("\n\n20 تشرين الثاني/نوفمبر 2019\n\n"))
    #expect(!document.text.contains("\n\n\n"))
    #expect(!document.text.hasSuffix("\n"))
    #expect(
      !document.text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasSuffix(" ") })
  }
}
