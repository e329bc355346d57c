import Domain
import JSONForm
import PropertyBased
import Testing

@Suite struct CalendarDateTests {
  @Test func daysSinceEpochRoundTripsAcrossCenturies() async {
    await propertyCheck(count: 500, input: Gen.int(in: -700_000...2_900_000)) { days in
      let date = CalendarDate(daysSinceEpoch: days)
      #expect(date.daysSinceEpoch == days)
      #expect(CalendarDate(iso: date.description) == date)
    }
  }

  @Test func knownDatesHaveTheirDayNumbers() {
    #expect(CalendarDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
    #expect(CalendarDate(year: 2019, month: 11, day: 19)?.daysSinceEpoch == 18_219)
    #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
  }

  @Test(arguments: ["2019-02-29", "2019-13-01", "2019-11-31", "19-11-2019", "2019-11-1", "2019/11/19"])
  func impossibleOrMalformedDatesAreRefused(_ text: String) {
    #expect(CalendarDate(iso: text) == nil)
  }

  @Test func timestampsRoundTripToTheMicrosecond() {
    for micros: Int64 in [0, 1, 1_574_208_000_123_456, -1, 86_399_999_999] {
      let t = Timestamp(microseconds: micros)
      #expect(Timestamp(iso: t.description) == t)
    }
    #expect(Timestamp(microseconds: 1_574_208_000_123_456).description == "2019-11-20T00:00:00.123456Z")
  }
}
