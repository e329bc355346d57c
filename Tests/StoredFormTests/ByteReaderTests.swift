import Domain
@testable import StoredForm
import Testing

@Suite struct ByteReaderTests {
  /// The strings `validatedString` is asked about: ASCII filler of every length up to 80 (the
  /// short paths, the 32-byte rounds and every tail), with `insert` at every position.
  private static func strings(inserting insert: [UInt8]) -> [(bytes: [UInt8], at: Int)] {
    (0...80).flatMap { length in
      (0...length).map { at in
        var bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        bytes.insert(contentsOf: insert, at: at)
        return (bytes, at)
      }
    }
  }

  private static func validated(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBytes { ByteReader.validatedString($0) }
  }

  @Test func aSingleByteAbove0x7FAnywhereInAStringIsRefused() {
    // A lone continuation byte, or a lead byte followed by ASCII, is never valid UTF-8: the
    // ASCII check must see it wherever it falls, or the string would be made unchecked.
    for high: UInt8 in [0x80, 0xC3, 0xFF] {
      for (bytes, at) in Self.strings(inserting: [high]) {
        #expect(Self.validated(bytes) == nil, "byte \(high) at \(at) of \(bytes.count)")
      }
    }
  }

  @Test func validUTF8AnywhereInAStringIsReadExactly() {
    for (bytes, at) in Self.strings(inserting: Array("é".utf8)) {
      #expect(Self.validated(bytes) == String(decoding: bytes, as: UTF8.self), "é at \(at) of \(bytes.count)")
    }
    for length in 0...80 {
      let ascii = [UInt8](repeating: UInt8(ascii: "x"), count: length)
      #expect(Self.validated(ascii) == String(repeating: "x", count: length))
    }
  }
}
