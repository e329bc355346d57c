import Domain
import Testing

@testable import Feeds

/// Encodings: BOMs, XML declarations, `<meta charset>`, single-byte tables.
@Suite struct TranscoderTests {
  let xml = "<?xml version=\"1.0\"?><rss><channel><title>é ع €</title></channel></rss>"

  func title(_ bytes: [UInt8]) -> String? { InputReader.read(bytes, source: "x").feed?.title }

  @Test func utf16And32WithAndWithoutBOMDecode() {
    let utf16LE = xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let utf16BE = xml.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    let utf32LE = xml.unicodeScalars.flatMap { scalar in
      (0..<4).map { UInt8((scalar.value >> (8 * UInt32($0))) & 0xFF) }
    }
    #expect(title([0xFF, 0xFE] + utf16LE) == "é ع €")
    #expect(title([0xFE, 0xFF] + utf16BE) == "é ع €")
    #expect(title(utf16LE) == "é ع €")
    #expect(title([0xFF, 0xFE, 0, 0] + utf32LE) == "é ع €")
    #expect(title([0xEF, 0xBB, 0xBF] + Array(xml.utf8)) == "é ع €")
  }

  @Test func declaredSingleByteEncodingsUseTheirTables() {
    let head = Array("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss><channel><title>".utf8)
    let tail = Array("</title></channel></rss>".utf8)
    #expect(title(head + [0xC7, 0xE1, 0xDA, 0x20, 0x80] + tail) == "الع €")
    let latin1 = Array("<?xml version='1.0' encoding='ISO-8859-1'?><rss><channel><title>".utf8)
    #expect(title(latin1 + [0xE9] + tail) == "é")
    let arabic = Array("<?xml version='1.0' encoding='iso-8859-6'?><rss><channel><title>".utf8)
    #expect(title(arabic + [0xC7, 0xE4] + tail) == "ال")
    let cp1252 = Array("<?xml version='1.0' encoding='windows-1252'?><rss><channel><title>".utf8)
    #expect(title(cp1252 + [0x93, 0x41, 0x94] + tail) == "“A”")
  }

  @Test func undefinedByteInISO88596IsAnError() {
    let bytes = Array("<?xml version='1.0' encoding='iso-8859-6'?><rss>".utf8) + [0xA1]
    #expect(InputReader.read(bytes, source: "x").error?.problem == "byte 0xA1 is not ISO-8859-6 at byte 48")
  }

  @Test func htmlMetaCharsetIsHonoured() {
    let html =
      Array("<html><head><meta charset=\"windows-1256\"><title>".utf8) + [0xC7, 0xE1] + Array("</title>".utf8)
    #expect(InputReader.read(html, source: "p.html").items.first?.title == "ال")
  }

  @Test func utf8ValidatorFindsOverlongsAndSurrogates() {
    #expect(UTF8Validation.firstInvalidOffset([0x41, 0xC0, 0x80]) == 1)
    #expect(UTF8Validation.firstInvalidOffset([0xED, 0xA0, 0x80]) == 0)
    #expect(UTF8Validation.firstInvalidOffset(Array("ok ع €".utf8)) == nil)
    #expect(UTF8Validation.firstInvalidOffset([0xE2, 0x82]) == 0)
  }

  /// The two-byte shortcut accepts exactly the well-formed two-byte sequences.
  @Test func utf8ValidatorReadsEveryTwoByteSequenceAsTheStandardLibrary() {
    for lead in UInt8(0x80)...0xDF {
      for second in UInt8.min...UInt8.max {
        let bytes = [lead, second, 0x41]
        let valid = String(validating: bytes, as: UTF8.self) != nil
        #expect((UTF8Validation.firstInvalidOffset(bytes) == nil) == valid, "\(lead) \(second)")
      }
      #expect(UTF8Validation.firstInvalidOffset([0x41, lead]) == 1)
    }
  }

  @Test func cdataSectionsEndAtTheFirstCloserWherever() {
    for text in ["a]]b", "]", "]]", "x]]]", "", "]]]]]"] {
      let xml = "<r><![CDATA[\(text)]]></r>"
      let tree = MarkupTreeBuilder.build(Array(xml.utf8), dialect: .xml).tree
      #expect(tree.textContent(1) == text, "\(text)")
    }
    let open = MarkupTreeBuilder.build(Array("<r><![CDATA[never closed]]".utf8), dialect: .xml)
    #expect(open.error != nil)
  }

  /// The eight-bytes-at-a-time paths find the same first bad byte wherever it sits.
  @Test func utf8ValidatorAndBinaryCheckFindTheFirstBadByteAtEveryOffset() {
    for before in 0..<20 {
      let ascii = Array(String(repeating: "a", count: before).utf8)
      let tail = Array("tail of text".utf8)
      #expect(UTF8Validation.firstInvalidOffset(ascii + [0xC0, 0x80] + tail) == before)
      #expect(UTF8Validation.firstInvalidOffset(ascii + Array("é ع".utf8) + [0xFF] + tail) == before + 5)
      #expect(UTF8Validation.firstInvalidOffset(ascii + Array("é ع €".utf8) + tail) == nil)
      #expect(UTF8Validation.firstInvalidOffset(ascii + [0xE2, 0x82], from: min(before, 3)) == before)
      #expect(BinaryCheck.problem(ascii + [0] + tail) == "binary data, not text (NUL byte at byte \(before))")
      #expect(BinaryCheck.problem(ascii + [0x09, 0x0A, 0x0C, 0x0D] + tail) == nil)
      // Nine stray control bytes in under 900 bytes look binary; with a NUL after them, the NUL is named.
      let controls = [UInt8](repeating: 0x01, count: 9)
      #expect(
        BinaryCheck.problem(ascii + controls + tail)
          == "binary data, not text (9 control bytes in \(before + 21))")
      #expect(
        BinaryCheck.problem(ascii + controls + [0x1F, 0])
          == "binary data, not text (NUL byte at byte \(before + 10))")
      let long = ascii + controls + [UInt8](repeating: 0x61, count: 1000)
      #expect(BinaryCheck.problem(long) == nil)
    }
  }

  /// The Arabic title of the seed's feed in windows-1256, and the same feed in other forms.
  static let arabicTitle = "بيان مشترك"
  static func feed(declaring label: String?) -> String {
    let declaration = label.map { " encoding=\"\($0)\"" } ?? ""
    return "<?xml version=\"1.0\"\(declaration)?><rss><channel><title>c</title><item><guid>g</guid>"
      + "<title>\(arabicTitle)</title><description>text</description></item></channel></rss>"
  }

  @Test(arguments: ["ISO-8859-1", "windows-1252", "windows-1256"])
  func aSingleByteLabelOverValidMultiByteUTF8IsReadAsUTF8AndNoted(_ label: String) throws {
    let reading = InputReader.read(Array(Self.feed(declaring: label).utf8), source: "lying.xml")
    #expect(try #require(reading.items.first).title == Self.arabicTitle)
    #expect(
      reading.encoding
        == EncodingDecision(encoding: "UTF-8", basis: .detected, declared: TextEncoding(label: label).name))
    #expect(
      reading.encoding?.note
        == "declares \(TextEncoding(label: label).name), but its bytes are UTF-8: read as UTF-8")
  }

  @Test func aTrueSingleByteFeedKeepsItsDeclaredEncoding() throws {
    let head = Array("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss><channel><title>".utf8)
    let reading = InputReader.read(
      head + [0xC7, 0xE1, 0xDA] + Array("</title></channel></rss>".utf8), source: "x")
    #expect(reading.feed?.title == "الع")
    #expect(reading.encoding == EncodingDecision(encoding: "windows-1256", basis: .declared))
    #expect(reading.encoding?.note == nil)
    let ascii = InputReader.read(
      Array(Self.feed(declaring: "ISO-8859-1").replacing(Self.arabicTitle, with: "t").utf8), source: "x")
    #expect(ascii.encoding?.basis == .declared, "ASCII alone says nothing against the label")
  }

  /// The feed as windows-1256 bytes without a declaration, and where its title starts.
  static let undeclaredWindows1256: (bytes: [UInt8], title: Int) = {
    let parts = feed(declaring: nil).components(separatedBy: arabicTitle)
    // بيان مشترك in windows-1256.
    let arabic: [UInt8] = [0xC8, 0xED, 0xC7, 0xE4, 0x20, 0xE3, 0xD4, 0xCA, 0xD1, 0xDF]
    return (Array(parts[0].utf8) + arabic + Array(parts[1].utf8), parts[0].utf8.count)
  }()

  @Test func undeclaredNonUTF8SaysHowToNameItsEncodingAndTheOptionReadsIt() throws {
    let (bytes, title) = Self.undeclaredWindows1256
    let refused = InputReader.read(bytes, source: "ar.xml")
    #expect(refused.items.isEmpty)
    #expect(
      refused.error?.description
        == "ar.xml:1: not UTF-8 (invalid byte at \(title)); if it is windows-1256 or another encoding, pass --encoding NAME"
    )
    let read = InputReader.read(bytes, source: "ar.xml", encoding: "cp1256")
    #expect(try #require(read.items.first).title == Self.arabicTitle)
    #expect(read.encoding == EncodingDecision(encoding: "windows-1256", basis: .overridden))
    #expect(InputReader.encodingName("CP1256") == "windows-1256")
    #expect(InputReader.encodingName("klingon") == nil)
  }
}
