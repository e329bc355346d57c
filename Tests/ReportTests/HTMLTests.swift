import Testing

@testable import Report

@Suite struct HTMLTests {
  @Test func escapingTurnsEveryMarkupCharacterIntoAnEntity() {
    #expect(
      HTML.escape("<script>alert('x') & \"y\"</script>")
        == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
  }

  @Test func escapingKeepsArabicAndReplacesControlCharacters() {
    #expect(HTML.escape("لوكسمبورغ") == "لوكسمبورغ")
    #expect(HTML.escape("a\u{1}b") == "a\u{FFFD}b")
  }

  @Test func isolatedTextIsABidiIsolateInItsOwnDirectionAndLanguage() {
    #expect(HTML.isolated("لوكسمبورغ", language: "ar") == "<bdi dir=\"auto\" lang=\"ar\">لوكسمبورغ</bdi>")
    #expect(HTML.isolated("<b>") == "<bdi dir=\"auto\">&lt;b&gt;</bdi>")
  }

  @Test func anchorsKeepOnlyLowercaseLettersDigitsAndDashes() {
    #expect(HTML.anchor("m", "CIFG-12") == "m-cifg-12")
    #expect(
      HTML.anchor("pt", "cifg-members_and_observers-2019-11-20") == "pt-cifg-members-and-observers-2019-11-20"
    )
    #expect(HTML.anchor("x", "a\" onmouseover=\"b") == "x-a--onmouseover--b")
  }

  @Test func coordinatesHaveAtMostTwoDecimals() {
    #expect(HTML.number(12) == "12")
    #expect(HTML.number(12.345) == "12.35")
    #expect(HTML.number(12.5) == "12.5")
    #expect(HTML.number(0.05) == "0.05")
    #expect(HTML.number(-0.5) == "-0.5")
    #expect(HTML.number(-3.25) == "-3.25")
    #expect(HTML.number(.nan) == "0")
  }
}
