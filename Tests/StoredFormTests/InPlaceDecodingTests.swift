import Domain
import PropertyBased
@testable import StoredForm
import Testing
import TestSupport

/// Decoding in place (from a borrowed buffer, as the log's scan does) against decoding an
/// array, and the string check both rely on.
@Suite struct InPlaceDecodingTests {
  /// Decodes `payload` from a buffer that starts at an odd address, as a value in the
  /// memory map may.
  func decodeInPlace(type: UInt8, _ payload: [UInt8]) throws(StoredFormError) -> Event {
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: payload.count + 1, alignment: 8)
    defer { storage.deallocate() }
    let shifted = UnsafeMutableRawBufferPointer(rebasing: storage[1...])
    shifted.copyBytes(from: payload)
    return try Event(type: type, payload: UnsafeRawBufferPointer(shifted))
  }

  @Test func everyEventDecodesTheSameInPlaceAsFromAnArray() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
      var random = RandomEvents(seed: UInt64(seed))
      let event = random.event()
      let payload = event.payload
      let fromArray = try? Event(type: event.type.rawValue, payload: payload)
      let inPlace = try? decodeInPlace(type: event.type.rawValue, payload)
      #expect(fromArray == event)
      #expect(inPlace == event)
    }
  }

  @Test func everyTruncationIsRefusedInPlaceWithTheSameError() throws {
    var random = RandomEvents(seed: 17)
    for _ in 0..<20 {
      let event = random.event()
      let payload = event.payload
      for cut in 0..<payload.count {
        let part = Array(payload[0..<cut])
        let fromArray = Result { () throws(StoredFormError) in
          try Event(type: event.type.rawValue, payload: part)
        }
        let inPlace = Result { () throws(StoredFormError) in
          try decodeInPlace(type: event.type.rawValue, part)
        }
        guard case .failure(let arrayError) = fromArray, case .failure(let inPlaceError) = inPlace else {
          Issue.record("a payload cut at \(cut) of \(payload.count) bytes was accepted")
          continue
        }
        #expect(arrayError == inPlaceError)
      }
    }
  }

  /// A length-prefixed string of raw bytes, as ``ByteWriter/string(_:)`` lays one out.
  func stored(_ utf8: [UInt8]) -> [UInt8] {
    var w = ByteWriter()
    w.varint(UInt64(utf8.count))
    w.raw(utf8)
    return w.bytes
  }

  func readString(_ bytes: [UInt8]) -> Result<String, StoredFormError> {
    bytes.withUnsafeBytes { buffer in
      Result { () throws(StoredFormError) in
        try ByteReader.withReader(over: buffer) { (r) throws(StoredFormError) in try r.string() }
      }
    }
  }

  @Test func stringsOfEveryLengthRoundTripWhetherASCIIOrNot() throws {
    // Lengths around the 8- and 32-byte steps of the ASCII check, with the one non-ASCII
    // character (or none) at every position.
    for length in 0...70 {
      let ascii = String((0..<length).map { Character(UnicodeScalar(UInt8(32 + $0 % 90))) })
      #expect(try readString(stored(Array(ascii.utf8))).get() == ascii)
      for position in 0..<length {
        var characters = Array(ascii)
        characters[position] = "é"
        let mixed = String(characters)
        #expect(try readString(stored(Array(mixed.utf8))).get() == mixed)
      }
    }
  }

  @Test func invalidUTF8IsRefusedWhereverItSits() {
    let invalid: [[UInt8]] = [
      [0x80],  // a lone continuation byte
      [0xC3],  // a lead byte with nothing after it
      [0xC0, 0x80],  // an overlong encoding
      [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
      [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
      [0xFF],
    ]
    for bad in invalid {
      for length in [0, 1, 7, 8, 31, 32, 40] {
        for position in 0...length {
          var utf8 = Array(repeating: UInt8(ascii: "a"), count: length)
          utf8.insert(contentsOf: bad, at: position)
          guard case .failure(.malformed(let why, _)) = readString(stored(utf8)) else {
            Issue.record("accepted \(utf8)")
            continue
          }
          #expect(why == "invalid UTF-8")
        }
      }
    }
  }

  @Test func aReaderOverAnArrayStillReadsAndRefusesAsBefore() throws {
    var w = ByteWriter()
    w.varint(300)
    w.int(-5)
    w.bool(true)
    w.string("Luxembourg – لوكسمبورغ")
    w.optional(nil as String?) { $0.string($1) }
    var r = ByteReader(w.bytes)
    #expect(try r.varint() == 300)
    #expect(try r.int() == -5)
    #expect(try r.bool())
    #expect(try r.string() == "Luxembourg – لوكسمبورغ")
    #expect(try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() } == nil)
    let atEnd = r.isAtEnd
    let end = r.offset
    #expect(atEnd)
    #expect(throws: StoredFormError.truncated(at: end)) { try r.byte() }
    var past = ByteReader([1, 2], offset: 5)
    #expect(throws: StoredFormError.truncated(at: 5)) { try past.byte() }
  }
}
