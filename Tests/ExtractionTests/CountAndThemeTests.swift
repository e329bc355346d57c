import Domain
import Foundation
import Testing

@testable import Extraction

/// Counts (value, qualifier, what is counted) and themes in order of first mention.
@Suite struct CountAndThemeTests {
  private func counts(_ text: String) throws -> [String] {
    try TestSupport.facts(text).counts.map {
      "\($0.value.map(String.init) ?? "nil") \($0.qualifier.rawValue) \($0.counts.rawValue)"
    }
  }

  @Test(arguments: [
    ("The 56 member states of the group met.", "56 exact members"),
    ("اجتمعت الدول الأعضاء الـ56 في المجموعة.", "56 exact members"),
    ("Over 80 delegations were attending.", "80 over attendees"),
    ("There were over 80 attending.", "80 over attendees"),
    ("More than 30 delegations attended.", "30 over attendees"),
    ("Some 65 members and observers joined.", "65 about members_and_observers"),
    // "Nearly" is about the number, as the real-world labels read it.
    ("Nearly 40 countries and organizations are members.", "40 about countries_and_organizations"),
    ("Fewer than 40 countries and organizations are members.", "40 under countries_and_organizations"),
    // The Coalition calls its members partners.
    ("The Coalition has 84 partners.", "84 exact members"),
    // Members who took part are a count of who attended.
    ("Fifty-six members took part.", "56 exact attendees"),
    ("The group convened its 56 member states and observers.", "56 exact members_and_observers"),
    ("With over 40 member states and observers attending in person.", "40 over attendees"),
    ("Representatives from 26 countries and several multilateral organizations met.", "26 exact attendees"),
    ("The Coalition of 26 countries was formed in 2014.", nil),
    ("The Coalition of 26 countries met.", "26 exact attendees"),
    ("تضم أكثر من 35 دولة وأربع منظمات دولية.", "35 over countries_and_organizations"),
    ("التي بلغت (22) وفدا.", "22 exact attendees"),
    // A number with the article is the whole membership, even where the meeting gathered it.
    (
      "عقدت المجموعة اجتماعا ضم الدول التسع والأربعين الأعضاء والمراقبة فيها.",
      "49 exact members_and_observers"
    ),
    ("الاجتماع الذي ضم أكثر من 50 دولة عضوا ومراقبا.", "50 over attendees"),
    ("welcomed the Philippines as its 75th member.", "75 exact members"),
    ("بوصفها العضو الخامس والسبعين فيه.", "75 exact members"),
    ("شارك في الاجتماع أكثر من 30 وفدا.", "30 over attendees"),
    ("شارك حوالي 50 مشاركا.", "50 about attendees"),
    ("حضر قرابة 75 وفدا.", "75 about attendees"),
    ("بحضور ما يقارب 60 مشاركا.", "60 about attendees"),
    ("وناقش الأعضاء الستة والخمسون التمويل.", "56 exact members"),
    ("Several dozen delegations attended.", "nil about attendees"),
  ])
  func countsWithQualifiersAndKinds(text: String, expected: String?) throws {
    #expect(try counts(text) == (expected.map { [$0] } ?? []))
  }

  @Test func everyNumberWordCarriesTheNumbersBitAndOtherWordsDoNot() throws {
    let data = try LanguageData.bundled()
    let numbers = data.numbers
    #expect(numbers.bit != 0)
    let ids = numbers.units.ids + numbers.tens.ids + numbers.hundreds.ids
    #expect(!ids.isEmpty)
    for id in ids { #expect(data.lexicon.phraseStarts(id) & numbers.bit != 0) }
    for word in ["members", "met", "the"] {
      #expect(data.lexicon.phraseStarts(data.lexicon.id(of: word)) & numbers.bit == 0, "\(word)")
    }
  }

  @Test func yearsDatesAndOrdinalsAreNotCounts() throws {
    #expect(try counts("The 12th meeting took place on 19 November 2019 with members.") == [])
    #expect(try counts("عقد الاجتماع الـ12 في 2019 بحضور الأعضاء.") == [])
  }

  @Test func themesInOrderOfFirstMentionOnceEach() throws {
    let facts = try TestSupport.facts(
      "Members discussed cryptocurrencies, front companies, Africa, and again virtual currencies.")
    #expect(facts.themes.map(\.value) == ["virtual-assets", "front-companies", "region/africa"])
    #expect(facts.themes[0].evidence.quote == "cryptocurrencies")
  }

  @Test func arabicThemesWithAttachedPrepositions() throws {
    let facts = try TestSupport.facts(
      "إساءة استخدام داعش للقطاع غير الربحي والعملات الافتراضية واستغلاله للآثار لجمع التبرعات في جنوب شرق آسيا."
    )
    #expect(
      facts.themes.map(\.value) == [
        "nonprofit-abuse", "virtual-assets", "antiquities", "region/southeast-asia",
      ])
  }

  @Test func themeKindsComeFromTheVocabulary() throws {
    let vocabulary = try #require(TestSupport.extractor).themes
    #expect(vocabulary.kind(of: "virtual-assets") == .method)
    #expect(vocabulary.kind(of: "private-sector") == .response)
    #expect(vocabulary.kind(of: "region/africa") == .region)
    #expect(vocabulary.kind(of: "no-such-theme") == nil)
  }
}
