import Domain
import Testing

@testable import Feeds

/// Machine dates in feeds: RFC 822 and ISO 8601, read in their own offset.
@Suite struct FeedDateTests {
  @Test func rfc822AndISODatesGiveTheDayAsWritten() {
    #expect(FeedDate.day("Wed, 20 Nov 2019 10:00:00 -0500") == CalendarDate(year: 2019, month: 11, day: 20))
    #expect(FeedDate.day("20 Nov 2019 23:30 +0300") == CalendarDate(year: 2019, month: 11, day: 20))
    #expect(FeedDate.day("Sun, 1 Dec 19 00:00:00 GMT") == CalendarDate(year: 2019, month: 12, day: 1))
    #expect(FeedDate.day("2019-11-20T23:59:00-05:00") == CalendarDate(year: 2019, month: 11, day: 20))
    #expect(FeedDate.day("2024-07-24") == CalendarDate(year: 2024, month: 7, day: 24))
  }

  @Test func naturalLanguageAndImpossibleDatesAreNil() {
    #expect(FeedDate.day("20 تشرين الثاني/نوفمبر 2019") == nil)
    #expect(FeedDate.day("2019-02-30") == nil)
    #expect(FeedDate.day("soon") == nil)
  }
}
