import Testing

@testable import Report

@Suite("CSV as RFC 4180 writes it")
struct CSVTests {
  @Test("a field with a comma, a quote or a line break is quoted, its quotes doubled; records end in CRLF")
  func quoting() {
    #expect(CSV.field("Luxembourg") == "Luxembourg")
    #expect(CSV.field("Washington, DC") == "\"Washington, DC\"")
    #expect(CSV.field("the \"Small Group\"") == "\"the \"\"Small Group\"\"\"")
    #expect(CSV.field("two\nlines") == "\"two\nlines\"")
    #expect(CSV.field("two\r\nlines") == "\"two\r\nlines\"")
    #expect(CSV.document(["a", "b"], [["1", "x,y"]]) == "a,b\r\n1,\"x,y\"\r\n")
  }
}
