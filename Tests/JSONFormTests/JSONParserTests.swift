import Domain
@testable import JSONForm
import Testing

@Suite struct JSONParserTests {
  @Test func serializationEscapesControlCharactersAndKeepsUnicodeAndSlashes() throws {
    let value = JSONValue.object([("a/b", .string("ق \"x\"\n\u{1}"))])
    #expect(value.serialized == #"{"a/b":"ق \"x\"\n\u0001"}"#)
    #expect(try JSONParser.parse(value.serialized) == value)
  }

  @Test func surrogatePairsDecodeToOneScalar() throws {
    #expect(try JSONParser.parse(#""\ud83c\uddf1""#) == .string("\u{1F1F1}"))
  }

  @Test(arguments: [
    "", "{", #"{"a":}"#, "[1,]", "01x", #""unterminated"#, "nul", #"{"a":1}x"#, "1.5", #""\ud800""#,
  ])
  func invalidJSONIsRefusedWithAnOffset(_ text: String) {
    #expect(throws: JSONParser.Failure.self) { _ = try JSONParser.parse(text) }
  }

  @Test func deepNestingIsRefusedInsteadOfExhaustingTheStack() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONParser.Failure.self) { _ = try JSONParser.parse(deep) }
  }

  @Test func anObjectWithAKeyTwiceIsRefusedNamingTheKeyAndWhereItRepeats() {
    let text = #"{"seq":1,"data":{"a":1},"seq":2}"#
    #expect {
      _ = try JSONParser.parse(text)
    } throws: { error in
      (error as? JSONParser.Failure)?.description == #"duplicate key "seq" at byte 24"#
    }
    #expect((try? JSONParser.parse(#"{"a":{"seq":1},"seq":2}"#)) != nil)
  }

  @Test func displayJSONEscapesEveryCharacterThatActsOnATerminalAndReadsBackTheSame() throws {
    let text = "a\u{1B}[2J\u{7F}\u{85}\u{9B}\u{2028}\u{2029}\u{202A}\u{202E}\u{2066}\u{2069}\u{200F}ق\"\\\n\t"
    var bytes: [UInt8] = []
    JSONValue.string(text).write(into: &bytes, escaping: .display)
    let written = String(decoding: bytes, as: UTF8.self)
    #expect(
      written
        == #""a\u001b[2J\u007f\u0085\u009b\u2028\u2029\u202a\u202e\u2066\u2069"# + "\u{200F}ق" + #"\"\\\n\t""#
    )
    #expect(written.unicodeScalars.allSatisfy { !$0.actsOnDisplay })
    #expect(try JSONParser.parse(written) == .string(text))
    // The stored and exported form is unchanged: only C0 controls are escaped there.
    #expect(JSONValue.string("\u{202E}\u{7F}").serialized == "\"\u{202E}\u{7F}\"")
  }

  @Test func ndjsonLinesEndAtLFOrCRLFAndNowhereElse() {
    #expect(NDJSON.lines("{}\r\n{\"a\":1}\n{}\r\n") == ["{}", "{\"a\":1}", "{}", ""])
    #expect(NDJSON.lines("{\"a\":\"x\u{2028}y\u{85}\"}") == ["{\"a\":\"x\u{2028}y\u{85}\"}"])
  }
}
