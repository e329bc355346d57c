import Domain
import JSONForm
import Testing

@testable import Report

@Suite struct OutlineTextTests {
  @Test func aStoredTextIsABlockScalarIndentedUnderItsKey() {
    let event = JSONValue.object([
      ("seq", .int(3)),
      (
        "document",
        .object([("text", .string("Joint statement\n\nThe CIFG met.\n")), ("language", .string("en"))])
      ),
    ])
    #expect(
      OutlineText.render(event) == """
        seq: 3
        document:
          text: |
            Joint statement

            The CIFG met.
          language: en
        """)
  }

  @Test func aBlockWithoutAFinalLineBreakOrWithALeadingSpaceSaysSo() {
    #expect(OutlineText.scalar(.string("a\nb"), indent: "  ") == "|-\n  a\n  b")
    #expect(OutlineText.scalar(.string("  indented\nb\n"), indent: "  ") == "|2\n    indented\n  b")
  }

  @Test func stringsYAMLWouldMisreadAreQuoted() {
    #expect(OutlineText.scalar(.string("cifg-9"), indent: "") == "cifg-9")
    #expect(OutlineText.scalar(.string("- not a list"), indent: "") == #""- not a list""#)
    #expect(OutlineText.scalar(.string("chairs: JO"), indent: "") == #""chairs: JO""#)
    #expect(OutlineText.scalar(.string("null"), indent: "") == #""null""#)
    #expect(OutlineText.scalar(.string("12"), indent: "") == #""12""#)
    #expect(OutlineText.scalar(.string(""), indent: "") == #""""#)
    #expect(OutlineText.scalar(.null, indent: "") == "null")
  }

  @Test func aListOfObjectsStartsEachWithADash() {
    let facts = JSONValue.object([
      (
        "facts",
        .array([.object([("field", .string("city")), ("quote", .string("in Rome"))]), .string("x")])
      )
    ])
    #expect(
      OutlineText.render(facts) == """
        facts:
          - field: city
            quote: in Rome
          - x
        """)
  }

  @Test func controlCharactersInKeysAndValuesAreShown() {
    let text = OutlineText.render(.object([("t\u{1B}", .string("a\u{202E}b\nc\u{1B}[2J"))]))
    #expect(text == "t<U+001B>: |-\n  a<U+202E>b\n  c<U+001B>[2J")
  }
}
