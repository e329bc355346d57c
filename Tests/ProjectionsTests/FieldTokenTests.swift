import Domain
import Testing

@testable import Projections

@Suite("Field tokens")
struct FieldTokenTests {
  @Test(
    "a number token gives its number back, negative ones too", arguments: [0, 1, 12, -1, -719_162, 2_932_896])
  func numbers(n: Int) {
    #expect(FieldToken(number: n).number == n)
    #expect(FieldToken(number: n) != .none)
  }

  @Test("a field's text has one token exactly when it is the same text")
  func canonicalTexts() {
    var sources = StandingSources(table: SourceTable())
    #expect(sources.token("12", field: 1) == FieldToken(number: 12))
    #expect(sources.token("012", field: 1) != FieldToken(number: 12))
    #expect(sources.token("2019-11-19", field: 2).number == CalendarDate(iso: "2019-11-19")?.daysSinceEpoch)
    #expect(sources.token("true", field: 6) == FieldToken(number: 1))
    let rome = sources.token("Rome", field: 4)
    #expect(sources.token("Rome", field: 4) == rome)
    #expect(sources.token("Roma", field: 4) != rome)
    for (text, field) in [("012", 1), ("2019-11-19", 2), ("true", 6), ("Rome", 4), ("Roma", 4)] {
      #expect(sources.text(sources.token(text, field: field), field: field) == text)
    }
    #expect(sources.token(nil, field: 4) == .none)
    #expect(sources.text(.none, field: 4) == nil)
  }

  @Test("a number too large for a token is kept as text")
  func largeOrdinal() {
    var sources = StandingSources(table: SourceTable())
    let big = String(1 << 40)
    let token = sources.token(big, field: 1)
    #expect(token.number == nil)
    #expect(sources.text(token, field: 1) == big)
  }
}
