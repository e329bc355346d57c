import Domain
import Testing

@testable import Extraction

/// Constructions of real releases, each seen in more than one source: where a publication
/// date is, relative days, the venue against the dateline and other meetings, chairs.
@Suite struct RealConstructionTests {
  private func document(_ text: String, language: String = "en") throws -> Document {
    let extractor = try #require(TestSupport.extractor)
    return extractor.document(
      from: SourceItem(source: "x", format: "html", title: nil, declaredLanguage: language, body: text))
  }

  @Test func aDateLineAfterPageChromeIsThePublicationDate() throws {
    let media = try document(
      "Media Note\nOffice of the Spokesperson\nWashington, DC\nMarch 20, 2015\n\nWashington, DC - On March 19-20, the CIFG met in Rome, Italy."
    )
    #expect(media.published == CalendarDate(year: 2015, month: 3, day: 20))
    // US releases write months first.
    let blog = try document(
      "Treasury Notes\nBy: Daniel L. Glaser\n10/8/2015\n\nYesterday we wrapped up the meeting.")
    #expect(blog.published == CalendarDate(year: 2015, month: 10, day: 8))
    // The meeting's date in the first sentence is not a dateline.
    let statement = try document(
      "Press Releases\n\nWASHINGTON – On July 29, 2020, the Coalition hosted the meeting.")
    #expect(statement.published == nil)
  }

  @Test func aMonthLineGivesDaysTheirYearButNoPublicationDay() throws {
    let text =
      "Press Releases\nJune 2023\n\nOn June 7, the United States, Italy, and Saudi Arabia held the 18th meeting of the CIFG."
    let doc = try document(text)
    #expect(doc.published == nil)
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    #expect(facts.start?.value == CalendarDate(year: 2023, month: 6, day: 7))
  }

  @Test func aRangeTheReleaseIsDatedWithinKeepsItsYear() throws {
    let facts = try TestSupport.facts(
      "عقدت مجموعة مكافحة تمويل داعش اجتماعها يومي 16-17 أبريل/نيسان الجاري.", published: "2019-04-16",
      language: "ar")
    #expect(facts.start?.value == CalendarDate(year: 2019, month: 4, day: 16))
    #expect(facts.end?.value == CalendarDate(year: 2019, month: 4, day: 17))
  }

  @Test func relativeDaysEndsAndLengths() throws {
    // Published on Thursday 8 October 2015.
    let ended = try TestSupport.facts(
      "Yesterday we wrapped up the third meeting of the CIFG. Delegations came for the two-day event.",
      published: "2015-10-08")
    #expect(ended.start?.value == CalendarDate(year: 2015, month: 10, day: 6))
    #expect(ended.end?.value == CalendarDate(year: 2015, month: 10, day: 7))
    // Published on Tuesday 25 October 2016: "This Monday" is the day before.
    let monday = try TestSupport.facts(
      "This Monday in Kuwait we brought the sixth meeting of the CIFG to a close.", published: "2016-10-25")
    #expect(monday.start?.value == CalendarDate(year: 2016, month: 10, day: 24))
  }

  @Test func theStatedVenueWinsOverTheDatelineAndOtherMeetings() throws {
    let rome = try TestSupport.facts(
      "Title\n\nWashington, DC - On March 19-20, Italy co-led the inaugural meeting of the CIFG in Rome, Italy. Its next meeting is planned for Saudi Arabia."
    )
    #expect(rome.city?.value == "Rome")
    let kuwait = try TestSupport.facts(
      "This Monday in Kuwait we closed the sixth meeting. This meeting follows our last plenary meeting in Rome."
    )
    #expect(kuwait.city?.value == "Kuwait City")
    // A list of cities is never the venue: a meeting is held in one.
    let plenary = try TestSupport.facts(
      "After the attacks in Paris, Beirut and Baghdad, the 65 members met at the State Department for a plenary session."
    )
    #expect(plenary.city?.value == "Washington")
    let amman = try TestSupport.facts("Title\n\nJORDAN, AMMAN – On February 11, the CIFG convened.")
    #expect(amman.city?.value == "Amman")
  }

  @Test func onlineMeetingsHaveNoPlaceAndHybridOnesAreNotVirtual() throws {
    let online = try TestSupport.facts(
      "Title\n\nWASHINGTON – On July 23 and 24, the co-chairs hosted virtually the meeting.")
    #expect(online.virtual?.value == true)
    #expect(online.city == nil)
    let hybrid = try TestSupport.facts(
      "The meeting was held in Riyadh, Saudi Arabia, with over 40 member states and observers attending in person and virtually."
    )
    #expect(hybrid.virtual?.value == false)
    #expect(hybrid.city?.value == "Riyadh")
  }

  @Test(arguments: [
    "Italy, Saudi Arabia, and the United States co-led the inaugural meeting of the CIFG.",
    "The CIFG, which the United States, Italy, and Saudi Arabia co-chair, met.",
    "The United States co-chairs the CIFG with Italy and Saudi Arabia.",
    "عقدت المجموعة اجتماعها برئاسة مشتركة للولايات المتحدة والمملكة العربية السعودية وإيطاليا.",
    "وتتولى إيطاليا والمملكة العربية السعودية والولايات المتحدة رئاسة المجموعة.",
    "المجموعة التي تتولى رئاستها منذ تأسيسها عام 2015 كل من إيطاليا والولايات المتحدة والسعودية.",
  ])
  func chairsInTheirManyConstructions(text: String) throws {
    #expect(try TestSupport.facts(text).chairs.map(\.value).sorted() == ["IT", "SA", "US"])
  }

  @Test func aDatelineCountryIsNotAHost() throws {
    let facts = try TestSupport.facts(
      "Title\n\nتونس – عقدت مجموعة مكافحة تمويل داعش اجتماعها.", language: "ar")
    #expect(facts.chairs.isEmpty)
  }

  @Test func aDatelinesDateIsWhenItWasWrittenNotWhenTheyMet() throws {
    // Published a day later; `today` and `Thursday` count from the dateline's date.
    let london = try TestSupport.facts(
      "Title\n\nLondon, 17 October 2019 – The Communications Working Group held its meeting in London today.",
      published: "2019-10-18")
    #expect(london.start?.value == CalendarDate(year: 2019, month: 10, day: 17))
    let lome = try TestSupport.facts(
      "Title\n\nLOMÉ, June 9, 2023 – Togo joined the Coalition at the close of its ministerial meeting in Riyadh on Thursday.",
      published: "2023-06-09")
    #expect(lome.start?.value == CalendarDate(year: 2023, month: 6, day: 8))
  }

  @Test func aDayRightAfterSayingIsWhenItWasSaid() throws {
    let said = try TestSupport.facts(
      "Officials met in Rome this week, the Treasury said on Friday.", published: "2015-03-20")
    #expect(said.start == nil)
    let met = try TestSupport.facts("The CIFG said it met on March 19.", published: "2015-03-20")
    #expect(met.start?.value == CalendarDate(year: 2015, month: 3, day: 19))
  }

  @Test func aPrintViewsDateComesBeforeTheReleasesOwn() throws {
    let doc = try document(
      "View original document\n3/19/2020\nCo-Leads of the CIFG Issue Joint Statement\nApril 17, 2019\n\nMANAMA, BAHRAIN – On April 16-17, the CIFG convened its eleventh meeting in Manama, Bahrain."
    )
    #expect(doc.published == CalendarDate(year: 2019, month: 4, day: 17))
    // A long headline without a full stop is not the first paragraph.
    let headline = try document(
      "5/5/2020\nUnited States, Italy, and the Kingdom of Saudi Arabia Hold Fourth Plenary of the Counter-ISIL Finance Group in Rome\n4/11/2016\n\nOn April 7-8, the CIFG met in Rome."
    )
    #expect(headline.published == CalendarDate(year: 2016, month: 4, day: 11))
    // A page's clock after its date.
    let clock = try document(
      "الكويت تقر بالحاجة إلى العمل\n٢٥/١٠/٢٠١٦، ١١:٤٠ ص\n\nأقر نائب الوزير.", language: "ar")
    #expect(clock.published == CalendarDate(year: 2016, month: 10, day: 25))
  }

  @Test func partsAreNotTheWholeAndNumberedPartnersAreMembers() throws {
    let syria = try TestSupport.facts(
      "أبدى رغبة بلاده في الانضمام إلى 89 دولة أخرى تشكل التحالف. أصبحت سوريا الشريك رقم 90 في التحالف.",
      language: "ar")
    #expect(syria.counts.map { "\($0.value ?? 0) \($0.counts.rawValue)" } == ["90 members"])
  }

  @Test func theCoalitionsSizeIsTheCoalitionsNotAWorkingGroups() throws {
    let small = try TestSupport.facts(
      "The D-ISIS Coalition Small Group met in Brussels on December 2. Ministers welcomed Burkina Faso as the 84th member of the Coalition. The Global Coalition, which Libya joined today, now has 65 member countries."
    )
    #expect(small.group?.value == "small-group")
    #expect(small.counts.compactMap(\.value).sorted() == [65, 84])
    #expect(small.counts.allSatisfy { $0.group == "coalition" })
    // A working group's own size, next to its name, stays.
    let cifg = try TestSupport.facts(
      "The 16th meeting of the Counter ISIS Finance Group (CIFG) of the Global Coalition to Defeat ISIS, a group comprised of nearly 70 countries and international organizations, met on May 10."
    )
    #expect(cifg.counts.map { "\($0.value ?? 0)" } == ["70"])
  }

  @Test func otherEventsDatesAndPlacesAreNotTheMeetings() throws {
    let facts = try TestSupport.facts(
      "Ministers met. Kuwait, which hosted a conference on countering ISIL's messaging on October 28, 2014, co-hosted the Syria donors conference in London.",
      published: "2014-12-03")
    #expect(facts.start == nil)
    #expect(facts.city == nil)
    let coincides = try TestSupport.facts(
      "ولفت إلى أن الاجتماع يتزامن مع مؤتمر الكويت الدولي لإعادة إعمار العراق، المقرر خلال الفترة من 12 إلى 14 فبراير.",
      published: "2018-02-11", language: "ar")
    #expect(coincides.start == nil)
  }

  @Test func listMarkersYearsAndNewMembersCountNothing() throws {
    let facts = try TestSupport.facts(
      "Title\n\n2. Partners\n\nSince 2014 its members grew. The Coalition welcomed fourteen new members.\n\nومنذ كانون الثاني/يناير 2017، رحب التحالف بأربعة عشر عضوا جديدا.",
      language: "ar")
    #expect(facts.counts.isEmpty)
  }

  @Test func arabicTeensAreOneNumber() throws {
    let facts = try TestSupport.facts("يضم التحالف أربعة عشر عضوا.", language: "ar")
    #expect(facts.counts.map { $0.value } == [14])
  }

  @Test func countriesInAListAreTopicsNotTheVenue() throws {
    let facts = try TestSupport.facts(
      "القضاء على داعش في سوريا والعراق على رأس جدول أعمال اجتماع التحالف الدولي", language: "ar")
    #expect(facts.country == nil)
  }

  @Test func aWrappedLineGoesOnButATitleDoesNot() throws {
    // Text copied from a PDF breaks its lines mid-sentence.
    let wrapped = try TestSupport.facts(
      "Title\n\nThe fourth plenary was held in Rome. Co-chaired by Italy, Saudi Arabia, and the\nUnited States, the CIFG was established in 2015."
    )
    #expect(wrapped.chairs.map(\.value).sorted() == ["IT", "SA", "US"])
    // A long title in Title Case and the date line under it stay apart.
    let title = try TestSupport.facts(
      "Blog\n\nSecond Meeting of the Counter-ISIL Finance Group Issues Communique on Ransom\n05/14/2015 05:27 PM EDT\n\nThe CIFG met on May 7 in Jeddah.",
      published: "2015-05-14")
    #expect(title.start?.value == CalendarDate(year: 2015, month: 5, day: 7))
  }

  @Test func aRelativeDayBeforeAnyDateDatesTheMeeting() throws {
    let facts = try TestSupport.facts(
      "Sixty partners met today in Brussels for the first ministerial. Planners met at headquarters from November 12 to 21, 2014.",
      published: "2014-12-03")
    #expect(facts.start?.value == CalendarDate(year: 2014, month: 12, day: 3))
  }

  @Test func aWireStorysDaysAndLeads() throws {
    let doc = try document(
      "World News\nMarch 20, 2015 / 2:43 PM / Updated 2 years ago\n\nWASHINGTON (Reuters) - Officials from the United States, Italy and Saudi Arabia led talks in Rome this week. The inaugural meeting of the Counter-ISIL Finance Group was held on Thursday and Friday."
    )
    #expect(doc.published == CalendarDate(year: 2015, month: 3, day: 20))
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    #expect(facts.start?.value == CalendarDate(year: 2015, month: 3, day: 19))
    #expect(facts.end?.value == CalendarDate(year: 2015, month: 3, day: 20))
    #expect(facts.chairs.map(\.value).sorted() == ["IT", "SA", "US"])
    // A US-led coalition names no chair.
    #expect(try TestSupport.facts("The US-led coalition met in Rome.").chairs.isEmpty)
  }

  @Test func anAgencysDateLineAndItsLastNight() throws {
    let doc = try document(
      "بريطانيا تستضيف اجتماعا لفريق عمل الاتصالات الاستراتيجية بالتحالف\nلندن 16 محرم 1437 هـ الموافق 29 أكتوبر 2015 م واس\nاستضافت المملكة المتحدة اجتماعا لفريق عمل الاتصالات الاستراتيجية بالتحالف الدولي ضد تنظيم داعش، حضره ممثلو 32 دولة، ووزير الدولة بدولة الإمارات العربية المتحدة.\nوذكر الموقع الإلكتروني اليوم أن الوزير أكد، في كلمة خلال الاجتماع الذي عقد الليلة الماضية، التزام التحالف.",
      language: "ar")
    #expect(doc.published == CalendarDate(year: 2015, month: 10, day: 29))
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    #expect(facts.group?.value == "communications")
    #expect(facts.start?.value == CalendarDate(year: 2015, month: 10, day: 28))
    #expect(facts.city?.value == "London")
    #expect(facts.country?.value == "GB")
  }

  @Test func aListJoinedAfterTheChairs() throws {
    let facts = try TestSupport.facts(
      "The meeting, co-chaired by Italy together with the United States, Morocco and Niger, concluded today.")
    #expect(facts.chairs.map(\.value).sorted() == ["IT", "MA", "NE", "US"])
  }

  @Test func openedOnADayAndConcludedToday() throws {
    let facts = try TestSupport.facts(
      "Title\n\nNiamey, 2 March 2023 (TDI): The plenary meeting of the Africa Focus Group, which opened in Niamey on 1 March, concluded today after two days of discussions.",
      published: "2023-03-02")
    #expect(facts.start?.value == CalendarDate(year: 2023, month: 3, day: 1))
    #expect(facts.end?.value == CalendarDate(year: 2023, month: 3, day: 2))
  }

  @Test func peopleFromCountriesCountTheCountries() throws {
    let facts = try TestSupport.facts(
      "عقدت المجموعة اجتماعها في أنقرة بمشاركة 150 ممثلا عن أكثر من 50 دولة و11 منظمة دولية.", language: "ar")
    #expect(facts.counts.map { "\($0.value ?? 0) \($0.qualifier.rawValue)" } == ["50 over"])
  }

  @Test func aPlanAnnouncedIsAnotherMeeting() throws {
    let facts = try TestSupport.facts(
      "The Kingdom announced in December 2022, during the meeting of the political directors in The Hague, that it would host this year's ministerial meeting."
    )
    #expect(facts.city == nil)
  }

  @Test func aLabeledPublicationDateAfterTheSummary() throws {
    let doc = try document(
      "المملكة المتحدة تستضيف اجتماعا لممثلي التحالف\n\nانصب اجتماع اليوم على جهود الاتصالات المضادة لداعش، بهدف التصدي لحملاته الدعائية السامة عبر الإنترنت وكشف زيفها.\n\nتاريخ النشر:\n\n28 أكتوبر 2015\n\nشارك ممثلون عن 32 دولة يوم 28 أكتوبر في اجتماع فريق عمل الاتصالات الاستراتيجية.",
      language: "ar")
    #expect(doc.published == CalendarDate(year: 2015, month: 10, day: 28))
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    // Propaganda online is not a meeting online.
    #expect(facts.virtual == nil)
    #expect(facts.start?.value == CalendarDate(year: 2015, month: 10, day: 28))
  }

  @Test func officialsCameTogether() throws {
    let facts = try TestSupport.facts(
      "Foreign Ministers and Senior Officials came together today in Washington, D.C.",
      published: "2024-09-30")
    #expect(facts.start?.value == CalendarDate(year: 2024, month: 9, day: 30))
    #expect(facts.city?.value == "Washington")
  }

  @Test(arguments: [
    (
      "At the invitation of Italian Foreign Minister Paolo Gentiloni and U.S. Secretary of State John Kerry, ministers of the Small Group met today in Rome.",
      "en", ["IT", "US"]
    ),
    (
      "اجتمع وزراء خارجية التحالف الدولي لهزيمة داعش اليوم في الرياض بالمملكة العربية السعودية، بدعوة من وزير الخارجية السعودي الأمير فيصل بن فرحان ووزير الخارجية الأمريكي أنتوني بلينكن.",
      "ar", ["SA", "US"]
    ),
    (
      "يجتمع وزراء خارجية 21 دولة في لندن يوم الخميس، في اجتماع يترأسه وزير الخارجية البريطاني فيليب هاموند ونظيره الأمريكي جون كيري.",
      "ar", ["GB", "US"]
    ),
    (
      "Foreign Minister Robert Dussey represented Togo at the meeting, which Saudi Foreign Minister Prince Faisal bin Farhan and U.S. Secretary of State Antony J. Blinken convened in the Saudi capital.",
      "en", ["SA", "US"]
    ),
  ])
  func chairsNamedThroughTheirOfficials(text: String, language: String, chairs: [String]) throws {
    let facts = try TestSupport.facts(text, published: "2016-02-02", language: language)
    #expect(facts.chairs.map(\.value).sorted() == chairs)
  }

  @Test(arguments: [
    // The Moroccan minister is named by his portfolio only: reading the US alone would be partial.
    "انطلقت اليوم بمراكش أشغال الاجتماع الوزاري للتحالف الدولي ضد داعش، المنعقد بدعوة مشتركة من وزير الشؤون الخارجية والتعاون الإفريقي، السيد ناصر بوريطة، وكاتب الدولة الأمريكي أنتوني بلينكن.",
    // An ambassador named by his state, and an envoy (to Syria) by none.
    "استضافت السعودية أمس اجتماعا للمجموعة المصغرة في الرياض، وترأسه بالاشتراك مع السفير الأمريكي لدى تركيا والمبعوث الخاص إلى سوريا توم باراك.",
  ])
  func officialsWithoutTheirStatesLeaveTheChairsEmpty(text: String) throws {
    #expect(try TestSupport.facts(text, published: "2022-05-11", language: "ar").chairs.isEmpty)
  }

  @Test func anUnreadChairDoesNotLetTheHostStandInForTheChairs() throws {
    let facts = try TestSupport.facts(
      "At the invitation of Italian Foreign Minister Paolo Gentiloni, ministers of the Small Group met today in Rome. Secretary of State John Kerry co-chaired the meeting.",
      published: "2016-02-02")
    #expect(facts.chairs.isEmpty)
    let extractor = try #require(TestSupport.extractor)
    let doc = Document(
      source: "test", format: "text-dump", published: CalendarDate(iso: "2016-02-02"), language: "en",
      text:
        "Ministers of the Small Group met today in Rome. Secretary of State John Kerry co-chaired the meeting."
    )
    let reasons = extractor.unstated(in: doc, facts: extractor.facts(in: doc))
    #expect(reasons.first { $0.field == "chairs" }?.reason.contains("co-chaired the meeting") == true)
  }

  @Test func aCapitalThatHostsStandsForItsState() throws {
    let facts = try TestSupport.facts(
      "Riyadh Hosts Ministerial Meeting of Global Coalition to Defeat ISIS. Riyadh is hosting today the ministerial meeting of the Global Coalition to Defeat ISIS.",
      published: "2023-06-08")
    #expect(facts.chairs.map(\.value) == ["SA"])
  }

  @Test func anotherGroupsChairsAreNotTheMeetings() throws {
    let facts = try TestSupport.facts(
      "انطلقت اليوم بواشنطن أشغال الاجتماع الوزاري الحادي عشر للتحالف الدولي ضد داعش. ويشارك المغرب، إلى جانب المملكة العربية السعودية والولايات المتحدة وإيطاليا، في الرئاسة المشتركة لمجموعة التركيز على أفريقيا.",
      published: "2024-09-30", language: "ar")
    #expect(facts.group?.value == "coalition")
    #expect(facts.chairs.isEmpty)
  }

  @Test func aPlaceCalledACapitalOrCityAfterItsPreposition() throws {
    let london = try TestSupport.facts(
      "يجتمع وزراء خارجية التحالف الدولي في العاصمة البريطانية لندن يوم الخميس. وكان التحالف قد عقد أول اجتماع له في ديسمبر الماضي في بروكسل.",
      published: "2015-01-20", language: "ar")
    #expect(london.city?.value == "London")
    let marrakech = try TestSupport.facts(
      "The ministers of the Global Coalition met today in the Moroccan city of Marrakech.",
      published: "2022-05-11")
    #expect(marrakech.city?.value == "Marrakech")
  }

  @Test func aMonthSetApartAfterThePlaceAndTheSource() throws {
    let doc = try document(
      "وزراء خارجية 21 دولة يجتمعون في لندن\n\nتونس - الصباح نيوز - جانفي 2015\n\nيجتمع وزراء خارجية التحالف الدولي في لندن يوم الخميس 22 جانفي الجاري.",
      language: "ar")
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    #expect(facts.start?.value == CalendarDate(year: 2015, month: 1, day: 22))
  }

  @Test func aFeminineTwoInACompoundNumber() throws {
    let facts = try TestSupport.facts(
      "اتفقت اثنتان وستون دولة عضو في التحالف الدولي على خطة عمل في اجتماع بروكسل.", published: "2014-12-03",
      language: "ar")
    #expect(facts.counts.map(\.value) == [62])
  }

  @Test func aPreviewNamesADayShortlyAfterItsPublication() throws {
    let preview = try TestSupport.facts(
      "Special Presidential Envoy Brett McGurk will lead a delegation to Amman, Jordan for a meeting on November 15 with key members of the Defeat ISIS Coalition.",
      published: "2017-11-11")
    #expect(preview.start?.value == CalendarDate(year: 2017, month: 11, day: 15))
    // Months ahead, a day is last year's.
    let past = try TestSupport.facts(
      "On December 30, the CIFG met in Rome.", published: "2018-01-05")
    #expect(past.start?.value == CalendarDate(year: 2017, month: 12, day: 30))
  }

  @Test func aStatedCountryOutranksTheDatelineOfAnotherCountry() throws {
    let doc = try document(
      "Meeting of the Small Group in Jordan\n\nWashington, DC - The Small Group of the Global Coalition will hold a meeting in Jordan on November 15."
    )
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    #expect(facts.city == nil)
    #expect(facts.country?.value == "JO")
  }

  @Test(arguments: [
    (
      "The Foreign Ministers of the Global Coalition to Defeat ISIS Small Group held a virtual meeting, co-hosted today by the Kingdom of Belgium and the United States of America.",
      "en", ["BE", "US"]
    ),
    (
      "استضافت مملكة إسبانيا اليوم في مدريد اجتماعا لكبار المسؤولين من المجموعة المصغرة للتحالف الدولي.",
      "ar", ["ES"]
    ),
    ("تحتضن الأردن الاجتماع السابع لمجموعة دعم الاستقرار المنبثقة عن التحالف الدولي.", "ar", ["JO"]),
  ])
  func statesByTheirFormalNamesAndHostsInOtherWords(text: String, language: String, chairs: [String]) throws {
    let facts = try TestSupport.facts(text, published: "2021-03-30", language: language)
    #expect(facts.chairs.map(\.value).sorted() == chairs)
  }

  @Test func theCoChairOfAnotherWorkingGroupIsNotTheMeetings() throws {
    let facts = try TestSupport.facts(
      "The Small Group met virtually today, co-hosted today by Belgium and the United States. She said that the UAE, as co-chair of the Coalition Stabilisation Working Group, will continue its support.",
      published: "2021-03-30")
    #expect(facts.group?.value == "small-group")
    #expect(facts.chairs.map(\.value).sorted() == ["BE", "US"])
  }

  @Test func theLinksAfterTheArticleSpeakOfOtherMeetings() throws {
    let facts = try TestSupport.facts(
      "Title\n\nتحتضن الأردن الاجتماع السابع لمجموعة دعم الاستقرار.\n\nمواضيع ذات صلة:\n- اجتماع وزاري للمجموعة المصغرة في نيويورك على هامش الجمعية العامة",
      published: nil, language: "ar")
    #expect(facts.city == nil)
    // The host the verb governs is where it met; New York, in the links, is not.
    #expect(facts.country?.value == "JO")
  }

  @Test func theCoalitionsSizeInAWorkingGroupsReleaseIsTheCoalitions() throws {
    let facts = try TestSupport.facts(
      "Senior officials of the D-ISIS Coalition Small Group met yesterday in Brussels. They welcomed Burkina Faso as the 84th member of the Coalition. 30 delegations took part.",
      published: "2021-12-03")
    #expect(facts.group?.value == "small-group")
    let counts = facts.counts.map { "\($0.value ?? 0) \($0.counts.rawValue) \($0.group ?? "-")" }
    #expect(counts.sorted() == ["30 attendees -", "84 members coalition"])
  }

  @Test func aHeadlineNamingACoalitionGroupSaysWhoseMeetingItIs() throws {
    let doc = try document(
      "Bahraini Ambassador participates in Global Coalition Against DAESH Communications Working Group meeting\n\nThe meeting, held on 6 February 2019 in London, brought together representatives of the Coalition."
    )
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    #expect(facts.group?.value == "communications")
    // A headline naming only the Coalition leaves a working group named where the meeting is dated.
    let cifg = try document(
      "Coalition partners meet\n\nThe Counter ISIS Finance Group met on 6 February 2019 in London.")
    #expect(try #require(TestSupport.extractor).facts(in: cifg).group?.value == "cifg")
  }

  @Test(arguments: [
    ("Co-led by Italy, Saudi Arabia, and the United States, 25 Coalition Members Met in Jeddah.", "en"),
    ("اجتمعت أمس 25 دولة من الائتلاف العالمي ضد تنظيم داعش في روما.", "ar"),
  ])
  func membersWhoMetAreTheMeetingsAttendance(text: String, language: String) throws {
    let facts = try TestSupport.facts(text, published: "2015-05-14", language: language)
    #expect(
      facts.counts.map { "\($0.value ?? 0) \($0.counts.rawValue) \($0.group ?? "-")" } == ["25 attendees -"])
  }

  @Test func aCountryHyphenedToAnAdjectiveIsNoPlaceAndAPossessiveCountryLeadsToTheCity() throws {
    let facts = try TestSupport.facts(
      "Officials from 20 countries involved in the United States-led coalition gathered in Canada's Quebec City on Thursday for a meeting.",
      published: "2015-07-31")
    #expect(facts.city?.value == "Quebec City")
    #expect(facts.country?.value == "CA")
  }

  @Test(arguments: [
    (
      "KUWAIT, May 24 (KUNA) -- The assistant minister reaffirmed on Tuesday the country's position.\n\nHe was speaking at the opening of the meeting of the Foreign Terrorist Fighters Working Group.",
      "en"
    ),
    (
      "أكد مساعد وزير الخارجية يوم الثلاثاء موقف بلاده الثابت.\n\nجاء ذلك في كلمة ألقاها في افتتاح اجتماع مجموعة عمل المقاتلين الإرهابيين الأجانب.",
      "ar"
    ),
  ])
  func aDayTheNextSentencePlacesAtTheMeetingIsItsDay(text: String, language: String) throws {
    // Published on Tuesday 24 May 2022.
    let facts = try TestSupport.facts(text, published: "2022-05-24", language: language)
    #expect(facts.start?.value == CalendarDate(year: 2022, month: 5, day: 24))
    // Without the sentence that says where it was said, the day is no meeting's.
    let alone = try TestSupport.facts(
      String(text.prefix { $0 != "\n" }) + "\n\nThe Foreign Terrorist Fighters Working Group met.",
      published: "2022-05-24", language: language)
    #expect(alone.start == nil)
  }

  @Test func aWireDatelineWithoutItsYearIsNotTheMeetingsDay() throws {
    let doc = try document(
      "Agenzia Nova\nRome, 06 DEC 2023 13:12\n\nRome, Dec 6 (Nova) - A meeting of the Small Group of the Global Coalition took place in Rome yesterday."
    )
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    #expect(facts.start?.value == CalendarDate(year: 2023, month: 12, day: 5))
  }

  @Test func theLinksAfterTheArticleAndAnotherMeetingsAttendanceAreNoCounts() throws {
    let facts = try TestSupport.facts(
      "Ambassadors of the Coalition met in Washington today.\n\nThe session reviewed the campaign.\n\nRelated\n- Ministers from 60 countries to meet next week in Brussels\n- Coalition welcomes its 86th member",
      published: "2014-11-03")
    #expect(facts.counts.isEmpty)
    let next = try TestSupport.facts(
      "The Coalition met in Washington today. Its next meeting will be held in Rome with over 80 members attending.",
      published: "2014-11-03")
    #expect(next.counts.isEmpty)
  }

  @Test(arguments: [
    (
      "It was the second plenary session in Washington, and it built on the December 3 Coalition Ministerial in Brussels and the January 22 Small Group meeting in London.",
      "en"
    ),
    (
      "وهذه هي الجلسة الثانية التي تعقد في واشنطن لسفراء التحالف، بعد الجلسة الافتتاحية التي عقدت بتاريخ 3 ديسمبر واجتماع المجموعة المصغرة في لندن.",
      "ar"
    ),
  ])
  func whatASentenceSaysOfEarlierMeetingsIsNotThisOnes(text: String, language: String) throws {
    let facts = try TestSupport.facts(
      "The Coalition met. " + text, published: "2015-02-04", language: language)
    #expect(facts.start == nil)
    #expect(facts.group?.value == "coalition")
    #expect(facts.city?.value != "Brussels" && facts.city?.value != "London")
  }

  @Test func aSpeakerThankingTheAudienceForBeingHereSpeaksOfTheMeeting() throws {
    let doc = try document(
      "Remarks at the Global Coalition to Defeat ISIS Small Group Ministerial\nNovember 14, 2019\n\nSECRETARY: Good morning. I want to thank the representatives of 31 partners for being here today. Thank you for joining us here in Washington."
    )
    let facts = try #require(TestSupport.extractor).facts(in: doc)
    #expect(facts.start?.value == CalendarDate(year: 2019, month: 11, day: 14))
    #expect(facts.city?.value == "Washington")
    #expect(facts.counts.map { "\($0.value ?? 0) \($0.counts.rawValue)" } == ["31 attendees"])
  }

  @Test(arguments: [
    ("Secretary Kerry welcomed senior diplomats from nearly 60 nations to the meeting.", "en"),
    ("استقبل الوزير في مقر الاجتماع كبار الممثلين الدبلوماسيين من نحو 60 دولة.", "ar"),
  ])
  func diplomatsFromCountriesAreAttendance(text: String, language: String) throws {
    let facts = try TestSupport.facts(text, published: "2015-02-04", language: language)
    #expect(
      facts.counts.map { "\($0.value ?? 0) \($0.qualifier.rawValue) \($0.counts.rawValue)" } == [
        "60 about attendees"
      ])
  }

  @Test func officialsListedAfterACommaWithTheirStatesFirstAreAllChairs() throws {
    let facts = try TestSupport.facts(
      "The meeting in Paris was co-chaired by French Minister of Foreign Affairs Laurent Fabius, Iraqi Prime Minister Haider al-Abadi and U.S. Secretary of State John Kerry.",
      published: "2015-06-02")
    #expect(facts.chairs.map(\.value).sorted() == ["FR", "IQ", "US"])
  }

  @Test func aSizeSaidAsTheGroupsAdjectiveIsMembershipWhateverFollows() throws {
    let facts = try TestSupport.facts(
      "The full 79-member Coalition met in Washington today. The United States co-leads the 37-member group.",
      published: "2019-02-06")
    #expect(facts.counts.map { "\($0.value ?? 0) \($0.counts.rawValue)" } == ["79 members", "37 members"])
  }

  @Test(arguments: [
    ("The Coalition welcomed Togo, bringing the total number of members to 86, while Mali attended.", "en"),
    ("ورحب التحالف بانضمام الكونغو، ليرتفع عدد شركائه إلى 80 شريكا دوليا، فيما حضرت سريلانكا.", "ar"),
  ])
  func aNewTotalOfMembersIsMembershipNotAttendance(text: String, language: String) throws {
    let facts = try TestSupport.facts(text, published: "2019-06-25", language: language)
    #expect(facts.counts.map(\.counts) == [.members])
  }

  @Test(arguments: [
    (
      "Spokesman Mark Toner said the Coalition meeting will be held at the State Department in Washington on March 22.",
      "en"
    ),
    ("وأوضح المتحدث أن اجتماع التحالف الدولي سيعقد في مقر وزارة الخارجية في واشنطن في 22 آذار/ مارس.", "ar"),
  ])
  func aPreviewsUpcomingMeetingIsItsMeeting(text: String, language: String) throws {
    let facts = try TestSupport.facts(text, published: "2017-03-10", language: language)
    #expect(facts.start?.value == CalendarDate(year: 2017, month: 3, day: 22))
    #expect(facts.city?.value == "Washington")
  }

  @Test(arguments: [
    "The Coalition met in Rome last week. Its next meeting will be held in Jeddah on May 7.",
    "The Coalition met in Rome last week. The group will convene again in Jeddah on May 7.",
  ])
  func aReleaseAboutAMeetingThatMetKeepsTheUpcomingOneApart(text: String) throws {
    let facts = try TestSupport.facts(text, published: "2015-03-25")
    #expect(facts.start?.value != CalendarDate(year: 2015, month: 5, day: 7))
    #expect(facts.city?.value == "Rome")
  }

  @Test func theParticipationOfCountriesIsAttendance() throws {
    let facts = try TestSupport.facts(
      "أعلن نائب وزير الخارجية مشاركة 70 دولة في الاجتماع الوزاري للتحالف الدولي.", published: "2018-02-11",
      language: "ar")
    #expect(facts.counts.map(\.counts) == [.attendees])
  }

  @Test func aDateLineClosingAnAgencyItemIsThePublicationDate() throws {
    let kuna = try document(
      "WASHINGTON, July 21 (KUNA) -- Ministers of the Small Group met at the State Department on Thursday.\n\n(end)\nsbk.gb\n21/07/2016"
    )
    #expect(kuna.published == CalendarDate(year: 2016, month: 7, day: 21))
    // `07/02/2019` reads two ways, and the end of a text says which neither.
    let wam = try document(
      "ABU DHABI, 6th February (WAM) -- Ministers of the Global Coalition met at the State Department in Washington yesterday.\n\nWAM/Hatem\n07/02/2019"
    )
    #expect(wam.published == nil)
  }

  @Test func theRepresentativesOfTheWholeMembershipAreAttendance() throws {
    let facts = try TestSupport.facts(
      "أود أن أشكر ممثلي الشركاء الـ31 على حضورهم اليوم في اجتماع المجموعة المصغرة.", published: "2019-11-14",
      language: "ar")
    #expect(facts.counts.map(\.counts) == [.attendees])
    // The same number without the representatives is the membership.
    let members = try TestSupport.facts(
      "أكد الشركاء الـ31 في المجموعة المصغرة التزامهم.", published: "2019-11-14", language: "ar")
    #expect(members.counts.map(\.counts) == [.members])
  }

  @Test func aSizeStatedOfItIsTheGroupTheSentenceBeforeNamed() throws {
    let facts = try TestSupport.facts(
      "The Africa Focus Group met in Niamey on 1 March 2023. The Global Coalition against Daesh was formed in September 2014. It is composed of 85 member states and international partner organizations.",
      published: "2023-03-02")
    #expect(facts.counts.map { "\($0.value ?? 0) \($0.group ?? "-")" } == ["85 coalition"])
  }

  // Seen in Moroccan and Arabic agency previews of Marrakech 2022 (`سيمارس مهامه عن بعد`,
  // `ويعمل عن بعد`, `يكتفي بالعمل عن بعد`) and a co-chair taking part remotely.
  @Test func anOnlineCueOnAPersonsPartIsNotTheMeetingsFormat() throws {
    let chair = try TestSupport.facts(
      "الرباط في 11 مايو 2022 / وام / عقد اجتماع التحالف الدولي ضد داعش في مراكش اليوم، وشارك وزير الخارجية الأمريكي في رئاسته عن بعد.",
      published: "2022-05-11", language: "ar")
    #expect(chair.virtual?.value == false)
    #expect(chair.city?.value == "Marrakech")
    let working = try TestSupport.facts(
      "يعقد اجتماع التحالف الدولي ضد داعش في مراكش يوم 11 ماي، فيما سيمارس الوزير مهامه عن بعد.",
      published: "2022-05-05", language: "ar")
    #expect(working.virtual?.value != true)
    // Held online: the cue follows a verb of holding.
    let online = try TestSupport.facts(
      "عقد اجتماع التحالف الدولي ضد داعش اليوم عن بعد بمشاركة الوزراء.", published: "2022-05-11",
      language: "ar")
    #expect(online.virtual?.value == true)
  }

  // Seen in Anadolu's Marrakech 2022 breakdown (`15 دولة إفريقية و37 أوروبية`) and in `سبع دول
  // أفريقية` taken for who came.
  @Test func countriesOfOneRegionArePartOfWhoCame() throws {
    let seven = try TestSupport.facts(
      "عقد اجتماع التحالف الدولي ضد داعش اليوم بمشاركة سبع دول أفريقية.", published: "2022-05-11",
      language: "ar")
    #expect(seven.counts.isEmpty)
    let breakdown = try TestSupport.facts(
      "وبمشاركة 76 دولة. والدول المشاركة في الاجتماع هي 15 دولة إفريقية و37 أوروبية و13 عربية.",
      published: "2022-05-11", language: "ar")
    #expect(breakdown.counts.compactMap(\.value) == [76])
    // Regions joined together describe the whole.
    let whole = try TestSupport.facts(
      "عقد اجتماع التحالف الدولي ضد داعش في مراكش اليوم بمشاركة 80 دولة أوروبية وأفريقية وعربية.",
      published: "2022-05-11", language: "ar")
    #expect(whole.counts.compactMap(\.value) == [80])
  }

  // Seen in WAM (`برئاسة دولة الإمارات العربية المتحدة و ألمانيا`) and Xinhua (`ترأست كل من دولة
  // الإمارات العربية المتحدة وألمانيا`): a formal name read only to `دولة الإمارات` ended the list.
  @Test func aStatesFormalNameDoesNotCutTheChairList() throws {
    let facts = try TestSupport.facts(
      "عمان في 14 نوفمبر / وام / احتضنت العاصمة الأردنية عمان اليوم اجتماع مجموعة دعم الاستقرار برئاسة دولة الإمارات العربية المتحدة و ألمانيا.",
      published: "2017-11-14", language: "ar")
    #expect(facts.chairs.map(\.value).sorted() == ["AE", "DE"])
  }

  // Seen in state.gov's Arabic media note (`المجموعة الصغيرة للتحالف الدولي`), embassy and
  // Egyptian pages, and Moheet and Al-Ain (`الاجتماع الوزاري الثاني المصغر للتحالف الدولي`,
  // `اجتماعا مصغرا للتحالف الدولي`).
  @Test func theSmallGroupsOtherArabicNames() throws {
    let small = try TestSupport.facts(
      "اجتمع كبار الممثلين الدبلوماسيين من المجموعة الصغيرة للتحالف الدولي لهزيمة داعش اليوم في الأردن.",
      published: "2017-11-15", language: "ar")
    #expect(small.group?.value == "small-group")
    let reduced = try TestSupport.facts(
      "بدأ صباح اليوم الثلاثاء بباريس الاجتماع الوزاري الثاني المصغر للتحالف الدولي ضد تنظيم داعش.",
      published: "2015-06-02", language: "ar")
    #expect(reduced.group?.value == "small-group")
    // A reduced meeting on another subject is not the Small Group's.
    let other = try TestSupport.facts(
      "يعقد اجتماع التحالف الدولي ضد داعش في روما اليوم، ويعقبه لقاء وزاري مصغر بشأن سوريا.",
      published: "2021-06-28", language: "ar")
    #expect(other.group?.value == "coalition")
  }

  // Seen in Al Bayan (`وترأس وفد الدولة معالي …`), Assawsana (`بوفد برئاسة الأمين العام
  // المساعد`), Moroccan previews (`وستترأس فيكتوريا نولاند … وفد الولايات المتحدة`) and US notes
  // (`will lead the U.S. delegation`): who heads a delegation does not chair the meeting.
  @Test func whoHeadsADelegationDoesNotChair() throws {
    let head = try TestSupport.facts(
      "شاركت الإمارات في الاجتماع الوزاري للتحالف الدولي ضد داعش الذي عقد اليوم في واشنطن. وترأس وفد الدولة معالي الدكتور أنور قرقاش وزير الدولة للشؤون الخارجية الإماراتي.",
      published: "2017-03-22", language: "ar")
    #expect(head.chairs.isEmpty)
    let english = try TestSupport.facts(
      "The CIFG met in Riyadh on June 7. Assistant Secretary Smith led the U.S. delegation to the meeting.",
      published: "2023-06-08")
    #expect(english.chairs.isEmpty)
    // Chairs named before a delegation word are still read.
    let chairs = try TestSupport.facts(
      "عقد الاجتماع اليوم في روما برئاسة إيطاليا والولايات المتحدة وبمشاركة وفود 30 دولة.",
      published: "2021-06-28", language: "ar")
    #expect(chairs.chairs.map(\.value).sorted() == ["IT", "US"])
  }

  // Seen in Moheet (`بالعاصمة الفرنسية`), Radio Algérie (`بالعاصمة الإيطالية "روما"`), SPA and
  // Al-Hayat (`في العاصمة البلجيكية بروكسل`): a capital named by its country's adjective is
  // that city.
  @Test func aCapitalNamedByItsCountryIsThatCity() throws {
    let moheet = try TestSupport.facts(
      "بدأ صباح اليوم الثلاثاء، بالعاصمة الفرنسية الاجتماع الوزاري الثاني المصغر للتحالف الدولي ضد تنظيم داعش.",
      published: "2015-06-02", language: "ar")
    #expect(moheet.city?.value == "Paris")
    #expect(moheet.country?.value == "FR")
    let algerian = try TestSupport.facts(
      "عقدت مجموعة عمل مكافحة تمويل داعش اجتماعها الأول بالعاصمة الإيطالية خلال يومي 19 و 20 مارس 2015.",
      published: nil, language: "ar")
    #expect(algerian.city?.value == "Rome")
  }

  // Seen in Masress (`نشر في محيط يوم 02 - 06 - 2015`, `نشر في المصريون يوم 20 - 03 - 2015`)
  // and Sauress (`نشر في الحياة يوم 12 - 02 - 2016`): the aggregator's line, the newspaper's
  // name between its label and its spaced day-first date, dates the text.
  @Test func anAggregatorsPublishedLineDatesTheText() throws {
    let masress = try document(
      "مصرس - محيط\nنشر في محيط يوم 02 - 06 - 2015\n\nبدأ صباح اليوم الثلاثاء في باريس الاجتماع الوزاري المصغر للتحالف الدولي ضد داعش.",
      language: "ar")
    #expect(masress.published == CalendarDate(year: 2015, month: 6, day: 2))
    let facts = try #require(TestSupport.extractor).facts(in: masress)
    #expect(facts.start?.value == CalendarDate(year: 2015, month: 6, day: 2))
  }

  // Seen in Iraqyoon (`2017/03/23`, `2020/08/29`) and Al-Ain (`الأربعاء 2017/11/15 09:48 ص`):
  // a year-first date with slashes.
  @Test func aYearFirstSlashedDateIsADay() throws {
    let doc = try document(
      "العراقيون\n2017/03/23\n\nاختتم اجتماع التحالف الدولي ضد داعش أعماله أمس في واشنطن.", language: "ar")
    #expect(doc.published == CalendarDate(year: 2017, month: 3, day: 23))
    // A month past 12 is not a date.
    let odd = try document("Notes\n2017/23/03\n\nThe Coalition met in Washington.")
    #expect(odd.published == nil)
  }

  // Seen in Anadolu's Rome wrap-up (`اختتم … اليوم الجمعة … الاجتماع، الذي بدأ أعماله في روما
  // أمس`) and English wires (`concluded today … which opened yesterday`): a meeting that ended
  // on the day named began on the earlier day named about it, not on its last day.
  @Test func aMeetingThatEndedTodayBeganOnTheEarlierDayNamed() throws {
    let arabic = try TestSupport.facts(
      "اختتم في إيطاليا، اليوم الجمعة، الاجتماع التأسيسي لمجموعة مكافحة تمويل داعش. وقال البيان إن الاجتماع، الذي بدأ أعماله في روما أمس، اعتمد خطة عمل.",
      published: "2015-03-20", language: "ar")
    #expect(arabic.start?.value == CalendarDate(year: 2015, month: 3, day: 19))
    #expect(arabic.end?.value == CalendarDate(year: 2015, month: 3, day: 20))
    let english = try TestSupport.facts(
      "The Counter ISIS Finance Group concluded its meeting in Rome today. The meeting, which opened yesterday, adopted an action plan.",
      published: "2015-03-20")
    #expect(english.start?.value == CalendarDate(year: 2015, month: 3, day: 19))
    #expect(english.end?.value == CalendarDate(year: 2015, month: 3, day: 20))
    // Without an earlier day, the day it ended stays its only day.
    let oneDay = try TestSupport.facts(
      "The Counter ISIS Finance Group concluded its meeting in Rome today.", published: "2015-03-20")
    #expect(oneDay.start?.value == CalendarDate(year: 2015, month: 3, day: 20))
  }

  // Seen in Anadolu (`شهدت مدينة مراكش المغربية، الأربعاء، اجتماع`), UTV Iraq (`من مدينة
  // مراكش المغربية، انطلقت اليوم أعمال اجتماع`), North Pulse (`الذي تستضيفه روما`) and Algerian
  // and Saudi dailies (`تحتضن الأردن الاجتماع السابع`, `تستضيف الكويت غداً الثلاثاء اجتماعاً`):
  // the place a venue verb governs, or a sentence opens with, is where the meeting was held.
  @Test func aPlaceAVenueVerbGovernsIsTheVenue() throws {
    let witnessed = try TestSupport.facts(
      "شهدت مدينة مراكش المغربية، الأربعاء، اجتماع التحالف الدولي ضد تنظيم داعش.",
      published: "2022-05-11", language: "ar")
    #expect(witnessed.city?.value == "Marrakech")
    let opened = try TestSupport.facts(
      "من مدينة مراكش المغربية، انطلقت اليوم أعمال اجتماع التحالف الدولي ضد تنظيم داعش.",
      published: "2022-05-11", language: "ar")
    #expect(opened.city?.value == "Marrakech")
    let hosted = try TestSupport.facts(
      "بحث الاجتماع الوزاري للتحالف الدولي ضد داعش، الذي تستضيفه روما اليوم الاثنين، جهود القضاء على التنظيم.",
      published: "2021-06-28", language: "ar")
    #expect(hosted.city?.value == "Rome")
    // A country the verb governs wins over a topic country later in the text.
    let country = try TestSupport.facts(
      "تحتضن الأردن الاجتماع السابع لمجموعة دعم الاستقرار. وبحثت المجموعة خلال الاجتماع آخر التطورات في العراق.",
      published: "2017-11-13", language: "ar")
    #expect(country.country?.value == "JO")
    // `from` inside a sentence is not a venue.
    let from = try TestSupport.facts(
      "وصل وفد من مدينة الرياض للمشاركة في اجتماع التحالف الدولي ضد داعش اليوم.",
      published: "2022-05-11", language: "ar")
    #expect(from.city == nil)
  }

  // Seen in RT (`اجتماع التحالف الدولي ضد داعش، الذي يستضيفه المغرب`) and KUNA (`اجتماع
  // المجموعة، الذي تستضيفه الكويت`): the host verb with its object pronoun names the host.
  @Test func theHostVerbWithItsObjectPronounNamesTheHost() throws {
    let facts = try TestSupport.facts(
      "بحث اجتماع التحالف الدولي ضد داعش، الذي يستضيفه المغرب، الوسائل الكفيلة بمكافحة التنظيم.",
      published: "2018-06-27", language: "ar")
    #expect(facts.chairs.map(\.value) == ["MA"])
  }
}
