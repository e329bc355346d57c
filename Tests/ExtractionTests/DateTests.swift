import Domain
import Testing

@testable import Extraction

/// Meeting dates in English and Arabic, ranges, Hijri dates and the year inference rule.
@Suite struct DateTests {
  private func dates(_ text: String, published: String? = "2019-11-20") throws -> (String?, String?) {
    let facts = try TestSupport.facts(text, published: published)
    return (facts.start?.value.description, facts.end?.value.description)
  }

  @Test func englishMonthFirstRangeWithAnd() throws {
    #expect(try dates("The group met on November 19 and 20, 2019.") == ("2019-11-19", "2019-11-20"))
  }

  @Test func englishHyphenRangeWithoutYearTakesThePublicationYear() throws {
    #expect(try dates("The CIFG met April 16-17 in Manama.") == ("2019-04-16", "2019-04-17"))
  }

  @Test func englishDayFirstRange() throws {
    #expect(try dates("The meeting took place 19-20 November 2019.") == ("2019-11-19", "2019-11-20"))
  }

  @Test func rangeCrossingAMonth() throws {
    #expect(
      try dates("Members met from 30 January to 1 February 2020.", published: "2020-02-03")
        == ("2020-01-30", "2020-02-01"))
  }

  @Test func arabicRangeWithYawmay() throws {
    #expect(
      try dates("اجتمعت الدول الأعضاء يومي 19 و20 تشرين الثاني/نوفمبر لمناقشة الجهود.") == (
        "2019-11-19", "2019-11-20"
      ))
  }

  @Test func arabicRangeWithMinIla() throws {
    #expect(try dates("عقد الاجتماع من 16 إلى 17 نيسان/أبريل 2019.") == ("2019-04-16", "2019-04-17"))
  }

  @Test func arabicRangeWithBayna() throws {
    #expect(try dates("انعقد الاجتماع بين 7 و8 أيار/مايو 2015.") == ("2015-05-07", "2015-05-08"))
  }

  @Test func maghrebMonthName() throws {
    #expect(try dates("عقدت المجموعة اجتماعها يوم 5 جوان 2018.") == ("2018-06-05", "2018-06-05"))
  }

  @Test func hijriDateIsNeverReadAsGregorian() throws {
    #expect(try dates("عقد الاجتماع يوم 20 جمادى الأولى 1446 في الرياض.") == (nil, nil))
    #expect(
      try dates("عقد الاجتماع يوم 16 تشرين الأول/أكتوبر 2019 الموافق 17 صفر 1441.") == (
        "2019-10-16", "2019-10-16"
      ))
  }

  @Test func abOnlyCountsNextToADay() throws {
    #expect(try dates("اجتمع الأعضاء في 3 آب 2017.") == ("2017-08-03", "2017-08-03"))
    #expect(try dates("اجتمع الأب والأعضاء.") == (nil, nil))
  }

  @Test func foundingDateIsNotTheMeetingDate() throws {
    #expect(
      try dates("The group, established on 19 March 2015, met on 4 May 2016.") == ("2016-05-04", "2016-05-04")
    )
    #expect(try dates("The group was established in January 2015.") == (nil, nil))
  }

  @Test func dateLineAloneIsNotTheMeetingDate() throws {
    #expect(try dates("Title\n\nNovember 20, 2019\n\nThe group met to discuss finance.") == (nil, nil))
  }

  @Test func relativeDaysResolveAgainstPublication() throws {
    #expect(
      try dates("The CIFG met yesterday in Paris.", published: "2018-12-12") == ("2018-12-11", "2018-12-11"))
    #expect(
      try dates("اجتمعت المجموعة اليوم في الرياض.", published: "2018-12-12") == ("2018-12-12", "2018-12-12"))
    #expect(try dates("The CIFG met yesterday.", published: nil) == (nil, nil))
  }

  @Test func theFirstDayOfTheMeetingIsNotToday() throws {
    #expect(
      try dates("تبادل الأعضاء المعلومات في اليوم الأول من الاجتماع.", published: "2018-12-12") == (nil, nil))
  }

  @Test func dayWithoutYearTakesThePublicationYear() {
    let published = CalendarDate(year: 2019, month: 11, day: 20).map(PublicationReference.init)
    #expect(
      YearInference.resolve(StatedDay(day: 19, month: 11), published: published)
        == CalendarDate(year: 2019, month: 11, day: 19))
    #expect(
      YearInference.resolve(StatedDay(day: 20, month: 11), published: published)
        == CalendarDate(year: 2019, month: 11, day: 20))
  }

  @Test func dayAfterThePublicationTakesTheYearBefore() {
    let published = CalendarDate(year: 2020, month: 1, day: 4).map(PublicationReference.init)
    #expect(
      YearInference.resolve(StatedDay(day: 30, month: 12), published: published)
        == CalendarDate(year: 2019, month: 12, day: 30))
  }

  @Test func statedYearWinsAndNoYearWithoutPublicationIsUnknown() {
    #expect(
      YearInference.resolve(StatedDay(day: 30, month: 12, year: 2021), published: nil)
        == CalendarDate(year: 2021, month: 12, day: 30))
    #expect(YearInference.resolve(StatedDay(day: 30, month: 12), published: nil) == nil)
  }

  @Test func rangeAcrossNewYearPutsTheStartInTheYearBefore() throws {
    #expect(
      try dates("The group met from December 30 to January 1.", published: "2017-01-04") == (
        "2016-12-30", "2017-01-01"
      ))
  }

  @Test func publicationTextParsesInManyForms() throws {
    let data = try LanguageData.bundled()
    let expected = CalendarDate(year: 2019, month: 11, day: 20)
    for text in [
      "20 تشرين الثاني/نوفمبر 2019", "November 20, 2019", "Wed, 20 Nov 2019 10:00:00 -0500",
      "2019-11-20T10:00:00Z",
      "Wednesday, November 20, 2019", "٢٠ نوفمبر ٢٠١٩",
    ] {
      #expect(PublicationDate.parse(text, data: data) == expected, "\(text)")
    }
  }
}
