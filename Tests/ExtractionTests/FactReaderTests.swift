import Domain
import Testing

@testable import Extraction

/// Groups, ordinals, places, virtual meetings and chairs on English and Arabic sentences.
@Suite struct FactReaderTests {
  @Test func financeGroupWinsOverTheCoalitionItBelongsTo() throws {
    let facts = try TestSupport.facts("The Global Coalition to Defeat ISIS's Counter-ISIS Finance Group met.")
    #expect(facts.group?.value == "cifg")
    #expect(facts.group?.evidence.quote == "Counter-ISIS Finance Group")
  }

  @Test func coalitionAloneIsTheCoalition() throws {
    #expect(
      try TestSupport.facts("اجتمع وزراء التحالف الدولي لهزيمة داعش في واشنطن.").group?.value == "coalition")
  }

  @Test func theCoalitionsGroupsAreTheirOwn() throws {
    #expect(try TestSupport.facts("The D-ISIS Coalition Small Group met.").group?.value == "small-group")
    #expect(
      try TestSupport.facts("The Africa Focus Group of the Global Coalition met.").group?.value
        == "africa-focus")
    // A Coalition release that mentions the CIFG's meetings in passing stays the Coalition's.
    let size = try TestSupport.facts(
      "The Coalition, One Year On\n\nThe Global Coalition now counts 60 partners. Its finance group, the CIFG, has met twice."
    )
    #expect(size.group?.value == "coalition")
    // Where the meeting is numbered the working group may be only "the group".
    let generic = try TestSupport.facts(
      "أكد قادة المجموعة المعنية بمكافحة تمويل داعش التزامهم. وقال بيان صادر عن المجموعة في أعقاب اجتماعها الثاني عشر إن التحالف نجح.",
      language: "ar")
    #expect(generic.group?.value == "cifg")
  }

  @Test func arabicFinanceGroupNames() throws {
    #expect(
      try TestSupport.facts("عقدت المجموعة المعنية بمكافحة تمويل داعش اجتماعها.").group?.value == "cifg")
  }

  @Test func workingGroupsHaveTheirSlugs() throws {
    #expect(try TestSupport.facts("The Foreign Terrorist Fighters Working Group met.").group?.value == "ftf")
    #expect(
      try TestSupport.facts("The Stabilization Working Group of the Coalition met.").group?.value
        == "stabilization")
    #expect(try TestSupport.facts("اجتمعت مجموعة العمل المعنية بالاتصالات.").group?.value == "communications")
  }

  @Test(arguments: [
    ("The CIFG held its twelfth meeting.", 12), ("The group's twenty-first meeting took place.", 21),
    ("The 12th CIFG meeting was held.", 12), ("The inaugural meeting took place in Rome.", 1),
    ("وكان ذلك الاجتماع الثاني عشر الذي تعقده المجموعة.", 12), ("عقدت المجموعة دورتها الحادية عشرة.", 11),
    ("عقدت المجموعة الاجتماع الحادي والعشرين.", 21), ("عقد الاجتماع الـ12 للمجموعة.", 12),
    ("عقد الاجتماع رقم (12) للمجموعة.", 12), ("عقد الاجتماع ال 7 للمجموعة.", 7),
  ])
  func ordinalsOfTheMeeting(text: String, value: Int) throws {
    #expect(try TestSupport.facts(text).ordinal?.value == value)
  }

  @Test func theFirstDayIsNotAnOrdinalOfTheMeeting() throws {
    #expect(
      try TestSupport.facts("On the first day of the meeting, members shared information.").ordinal == nil)
    #expect(try TestSupport.facts("ناقش المندوبون في اليوم الثاني من الاجتماع تهديد داعش.").ordinal == nil)
    #expect(try TestSupport.facts("It was the first Coalition ministerial held in Africa.").ordinal == nil)
  }

  @Test func cityImpliesCountryAndAPhysicalMeeting() throws {
    let facts = try TestSupport.facts("The CIFG met in Luxembourg on November 19.")
    #expect(facts.city?.value == "Luxembourg")
    #expect(facts.country?.value == "LU")
    #expect(facts.virtual?.value == false)
  }

  @Test func arabicCitySpellingsAndDatelines() throws {
    #expect(try TestSupport.facts("يعقد التحالف الاجتماع في لوكسمبورج.").city?.value == "Luxembourg")
    let facts = try TestSupport.facts("Title\n\nMANAMA, BAHRAIN – The CIFG discussed finance.")
    #expect(facts.city?.value == "Manama")
    #expect(facts.country?.value == "BH")
    #expect(try TestSupport.facts("Title\n\nLuxembourg– The group met.").city?.value == "Luxembourg")
  }

  @Test func arabicOmanIsTheSultanateAndAmmanTheCity() throws {
    // «عمان» spells both Amman and Oman: the sultanate's full name and a dateline's country
    // decide it.
    let muscat = try TestSupport.facts(
      "Title\n\nمسقط، سلطنة عمان – عقدت المجموعة اجتماعها في مسقط.", language: "ar")
    #expect(muscat.city?.value == "Muscat")
    #expect(muscat.country?.value == "OM")
    let amman = try TestSupport.facts(
      "Title\n\nعمان، الأردن – عقدت المجموعة اجتماعها في عمان.", language: "ar")
    #expect(amman.city?.value == "Amman")
    #expect(amman.country?.value == "JO")
  }

  @Test func topicPlacesAreNotTheVenue() throws {
    let facts = try TestSupport.facts("The meeting discussed developments in Iraq and Baghdad.")
    #expect(facts.city == nil)
    #expect(facts.country == nil)
    #expect(facts.virtual == nil)
  }

  @Test func countryAloneNeedsInAndLeavesVirtualUnknown() throws {
    let facts = try TestSupport.facts("The Counter ISIS Finance Group met in Bahrain.")
    #expect(facts.country?.value == "BH")
    #expect(facts.city == nil)
    #expect(facts.virtual == nil)
  }

  @Test(arguments: [
    "The group met via conference call.", "Members met virtually on June 3.",
    "The meeting was held by video conference.",
    "عقدت المجموعة اجتماعها عبر الفيديو.", "عقد الاجتماع عبر الاتصال المرئي.",
  ])
  func virtualMeetings(text: String) throws {
    #expect(try TestSupport.facts(text).virtual?.value == true)
  }

  @Test func virtualCurrenciesAreNotAVirtualMeeting() throws {
    #expect(try TestSupport.facts("Members discussed virtual currencies.").virtual == nil)
  }

  @Test func chairsInStatedOrderEnglish() throws {
    let facts = try TestSupport.facts(
      "The meeting was co-chaired by the United States, Italy and Saudi Arabia.")
    #expect(facts.chairs.map(\.value) == ["US", "IT", "SA"])
    #expect(facts.chairs.map(\.evidence.quote) == ["the United States", "Italy", "Saudi Arabia"])
  }

  @Test func chairsInStatedOrderArabicWithConjunctions() throws {
    let facts = try TestSupport.facts("وكان برئاسة الولايات المتحدة وإيطاليا والمملكة العربية السعودية.")
    #expect(facts.chairs.map(\.value) == ["US", "IT", "SA"])
    #expect(facts.chairs[1].evidence.quote == "وإيطاليا")
  }

  @Test func chairsBeforeTheVerbAndHostsOnlyWithoutChairs() throws {
    #expect(
      try TestSupport.facts("Italy, Saudi Arabia and the United States co-chaired the meeting.").chairs.map(
        \.value)
        == ["IT", "SA", "US"])
    #expect(try TestSupport.facts("The meeting was hosted by Bahrain.").chairs.map(\.value) == ["BH"])
    #expect(
      try TestSupport.facts("Hosted by Bahrain, the meeting was co-chaired by Italy.").chairs.map(\.value)
        == ["IT"])
  }

  @Test func chairsAreNotTheVenue() throws {
    let facts = try TestSupport.facts("The group met, co-chaired by Italy and Saudi Arabia, in Rome.")
    #expect(facts.city?.value == "Rome")
    #expect(facts.chairs.map(\.value) == ["IT", "SA"])
  }
}

/// Texts with nothing to read state nothing, and odd input does not trap.
@Suite struct EmptyInputTests {
  @Test(arguments: [
    "", "\n\n", "2019", "12 12 12", "-- / -- ,,,", "ال ال 56", "May", "آب 2019", "31 February 2019",
  ])
  func oddTextsStateNoMeeting(text: String) throws {
    let facts = try TestSupport.facts(text)
    #expect(facts.group == nil && facts.start == nil && facts.ordinal == nil && facts.city == nil)
    #expect(facts.chairs.isEmpty && facts.themes.isEmpty)
  }
}
