import Domain
import Foundation
import Testing

@testable import Extraction

/// Building the stored document: boilerplate, layout, language, translation and dates.
@Suite struct DocumentTests {
  private func document(_ item: SourceItem) throws -> Document {
    try #require(TestSupport.extractor).document(from: item)
  }

  @Test func englishSiteBannersAndFootersAreRemoved() throws {
    let doc = try document(
      SourceItem(
        source: "x", format: "html", title: "Joint Statement",
        body:
          "Office of the Spokesperson\r\n\r\nThe CIFG met.  \r\n\r\n\r\nEmail Updates\r\nTo update your subscriptions, modify your password.\r\n"
      ))
    #expect(doc.text == "Joint Statement\n\nThe CIFG met.")
    #expect(doc.language == "en")
    #expect(!doc.isTranslation)
  }

  /// Lines far longer than any boilerplate rule are compared by a bounded key; what they
  /// are (a repeated long title, a language switcher, a notice) is told all the same.
  @Test func longLinesAreToldByTheirBeginningsAsByTheirWholeKeys() throws {
    let title = "Joint Statement on the Twelfth Meeting of the Counter ISIS Finance Group in Luxembourg"
    let switcher = "English Français العربية Русский 中文 Español English Français العربية Русский 中文"
    let doc = try document(
      SourceItem(
        source: "x", format: "rss", title: title,
        body: [
          title.uppercased(), title + " and more", switcher, switcher + " and more",
          "Email Updates", "Email Updates are sent to every member of the Coalition on request",
          "To update your subscriptions, modify your password or email address, go to the preferences page",
        ].joined(separator: "\n\n")))
    #expect(
      doc.text
        == [
          title, title + " and more", switcher + " and more",
          "Email Updates are sent to every member of the Coalition on request",
        ].joined(separator: "\n\n"))
    #expect(!doc.isTranslation)
    let translated = try document(
      SourceItem(
        source: "x", format: "rss", title: "T",
        body:
          "Text.\n\nThis translation is provided as a courtesy and only the original English source text is authoritative."
      ))
    #expect(translated.isTranslation)
    #expect(translated.text == "T\n\nText.")
  }

  @Test func dateLineIsKeptOnlyForTextDumps() throws {
    let dump = try document(
      SourceItem(
        source: "x", format: "text-dump", title: "T", publishedText: "November 20, 2019", body: "Body."))
    #expect(dump.text == "T\n\nNovember 20, 2019\n\nBody.")
    #expect(dump.published == CalendarDate(year: 2019, month: 11, day: 20))
    let rss = try document(
      SourceItem(
        source: "x", format: "rss", title: "T", publishedText: "Wed, 20 Nov 2019 10:00:00 -0500",
        body: "Body."))
    #expect(rss.text == "T\n\nBody.")
    #expect(rss.published == CalendarDate(year: 2019, month: 11, day: 20))
  }

  @Test func declaredPublicationDayWins() throws {
    let doc = try document(
      SourceItem(
        source: "x", format: "rss", publishedText: "November 20, 2019",
        published: CalendarDate(year: 2019, month: 11, day: 21), body: "Body."))
    #expect(doc.published == CalendarDate(year: 2019, month: 11, day: 21))
  }

  @Test func originalLinkIsKeptAndMarksATranslation() throws {
    let doc = try document(
      SourceItem(
        source: "x", format: "rss", title: "بيان",
        body:
          "نص البيان.\n\nللاطّلاع على مضمون البيان الأصلي يرجى مراجعة الرابط التالي: https://www.state.gov/joint-statement/"
      ))
    #expect(doc.originalLink == "https://www.state.gov/joint-statement/")
    #expect(doc.isTranslation)
    #expect(doc.text == "بيان\n\nنص البيان.")
    #expect(doc.language == "ar")
  }

  @Test func originalLinkFallsBackToTheItemsLinks() throws {
    let doc = try document(
      SourceItem(
        source: "x", format: "html", link: "https://ar.example/item",
        body: "Texte.\n\nPour consulter le texte original, veuillez cliquer ici.",
        links: ["https://ar.example/item", "https://www.state.gov/original/"]))
    #expect(doc.originalLink == "https://www.state.gov/original/")
  }

  @Test func declaredLanguageIsReducedToItsPrimaryTag() throws {
    #expect(
      try document(SourceItem(source: "x", format: "rss", declaredLanguage: "ar-SA", body: "x")).language
        == "ar")
    #expect(
      try document(SourceItem(source: "x", format: "rss", declaredLanguage: "en_US", body: "x")).language
        == "en")
  }

  @Test func undeclaredLanguageComesFromTheText() throws {
    #expect(try document(SourceItem(source: "x", format: "rss", body: "اجتمعت المجموعة")).language == "ar")
    #expect(
      try document(
        SourceItem(source: "x", format: "rss", body: "Le groupe s'est réuni à Rome avec les membres.")
      ).language
        == "fr")
  }

  @Test func textIsNFCWithSingleBlankLinesAndNoTrailingBlanks() throws {
    let doc = try document(
      SourceItem(source: "x", format: "rss", title: " Re\u{0301}union ", body: "a  \n\n\n\n\u{00A0}\n\nb\n"))
    #expect(doc.text == "R\u{00E9}union\n\na\n\nb")
    #expect(doc.id == DocumentID(text: doc.text))
  }
}
