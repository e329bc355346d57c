import Domain
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
}
