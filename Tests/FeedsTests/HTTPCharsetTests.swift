import Domain
import Testing

@testable import Feeds

/// The HTTP `Content-Type` charset as the outer declaration of a fetched body (RFC 7303 §3,
/// as feedparser reads it): over the XML declaration and `<meta>`, under a BOM and under
/// bytes that are valid UTF-8 where it names a single-byte encoding.
@Suite struct HTTPCharsetTests {
  let head = Array("<rss><channel><title>".utf8)
  let tail = Array("</title></channel></rss>".utf8)
  /// "الع" in windows-1256.
  let arabic1256: [UInt8] = [0xC7, 0xE1, 0xDA]

  func read(_ bytes: [UInt8], charset: String?) -> InputReading {
    InputReader.read(bytes, source: "https://example.org/feed", charset: charset)
  }

  @Test func aCharsetOnlyInTheHeaderDecodesWindows1256ArabicAndIsRecordedAsHTTP() {
    let reading = read(head + arabic1256 + tail, charset: "windows-1256")
    #expect(reading.feed?.title == "الع")
    #expect(reading.encoding == EncodingDecision(encoding: "windows-1256", basis: .http))
    // Without the header the same bytes are not UTF-8 and are refused.
    #expect(read(head + arabic1256 + tail, charset: nil).error != nil)
  }

  @Test func theHeaderWinsOverTheXMLDeclarationWhichIsKeptAsDeclared() {
    let declared = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-6\"?>".utf8)
    let reading = read(declared + head + arabic1256 + tail, charset: "cp1256")
    #expect(reading.feed?.title == "الع")
    #expect(
      reading.encoding == EncodingDecision(encoding: "windows-1256", basis: .http, declared: "ISO-8859-6"))
  }

  @Test func aBOMWinsOverTheHeader() {
    let text = Array("<rss><channel><title>العربية</title></channel></rss>".utf8)
    let reading = read([0xEF, 0xBB, 0xBF] + text, charset: "windows-1256")
    #expect(reading.feed?.title == "العربية")
    #expect(reading.encoding?.basis == .declared)
  }

  @Test func aLyingSingleByteHeaderOverUTF8IsReadAsUTF8AndNoted() {
    let text = Array("<rss><channel><title>العربية</title></channel></rss>".utf8)
    let reading = read(text, charset: "ISO-8859-1")
    #expect(reading.feed?.title == "العربية")
    #expect(reading.encoding == EncodingDecision(encoding: "UTF-8", basis: .detected, declared: "ISO-8859-1"))
  }

  @Test func bytesTheHeadersEncodingCannotReadAreReadAsTheyDeclareThemselves() {
    let declared = Array("<?xml version=\"1.0\" encoding=\"windows-1256\"?>".utf8)
    let reading = read(declared + head + arabic1256 + tail, charset: "utf-8")
    #expect(reading.feed?.title == "الع")
    #expect(reading.encoding == EncodingDecision(encoding: "windows-1256", basis: .declared))
  }

  @Test func aCharsetTheReadersDoNotKnowIsIgnored() {
    let reading = read(Array("<rss><channel><title>ok</title></channel></rss>".utf8), charset: "x-klingon")
    #expect(reading.feed?.title == "ok")
    #expect(reading.encoding?.basis == .default)
  }

  @Test func theCharsetParameterIsFoundQuotedOrNotInAnyCase() {
    #expect(InputReader.charset(ofContentType: "application/rss+xml; charset=windows-1256") == "windows-1256")
    #expect(InputReader.charset(ofContentType: "text/xml;CHARSET=\"ISO-8859-6\"") == "ISO-8859-6")
    #expect(InputReader.charset(ofContentType: "text/html; q=1;  charset = utf-8 ") == "utf-8")
    #expect(InputReader.charset(ofContentType: "application/xml") == nil)
    #expect(InputReader.charset(ofContentType: "text/xml; charset=") == nil)
  }
}
