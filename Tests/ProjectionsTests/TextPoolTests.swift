import Domain
import StoredForm
import Testing

@testable import Projections

@Suite("Text pools")
struct TextPoolTests {
  @Test("texts get places in the order first seen, the same text always the same place")
  func placesInOrderFirstSeen() {
    var pool = TextPool()
    let words = ["en", "ar", "cifg", "en", "Luxembourg", "ar", "", "لوكسمبورغ"]
    let places = words.map { pool.intern($0).raw }
    #expect(places == [1, 2, 3, 1, 4, 2, 5, 6])
    #expect(pool.count == 6)
    #expect(pool.stored.elementsEqual(["en", "ar", "cifg", "Luxembourg", "", "لوكسمبورغ"]))
    #expect(pool[PooledText(raw: 6)] == "لوكسمبورغ")
    #expect(pool[.none] == nil)
    #expect(pool.intern(nil as String?) == .none)
  }

  @Test("a text is found by its bytes, and bytes that are not UTF-8 are refused, not added")
  func lookupByBytes() {
    var pool = TextPool()
    let city = pool.intern("Rome")
    let found = Array("Rome".utf8).withUnsafeBytes { bytes in pool.intern(utf8: bytes) { nil } }
    #expect(found == city)
    let refused = [UInt8]([0xC3, 0x28]).withUnsafeBytes { bytes in
      pool.intern(utf8: bytes) { ByteReader.validatedString(bytes) }
    }
    #expect(refused == nil)
    #expect(pool.count == 1)
  }

  @Test("many texts survive the table growing, and `place(of:)` never adds one")
  func growth() {
    var pool = TextPool()
    let texts = (0..<5000).map { "text \($0) " + String(repeating: "x", count: $0 % 40) }
    for text in texts { _ = pool.intern(text) }
    #expect(pool.count == texts.count)
    for (i, text) in texts.enumerated() { #expect(pool.place(of: text)?.raw == UInt32(i + 1)) }
    #expect(pool.place(of: "absent") == nil)
    #expect(pool.count == texts.count)
  }

  @Test("the probe's byte comparison tells runs apart at every length and every byte")
  func byteRunsDifferingAnywhereAreUnequal() {
    for length in 1...40 {
      let run = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
      for at in 0..<length {
        var other = run
        other[at] ^= 0x20
        run.withUnsafeBytes { a in
          other.withUnsafeBytes { b in
            #expect(!TextPool.equal(a, b), "length \(length), byte \(at)")
          }
          #expect(Array(run).withUnsafeBytes { TextPool.equal(a, $0) }, "length \(length)")
          #expect(!run.dropLast().withUnsafeBytes { TextPool.equal(a, UnsafeRawBufferPointer($0)) })
        }
      }
    }
  }

  @Test("pools are equal when they hold the same texts in the same places")
  func equality() {
    var a = TextPool()
    var b = TextPool()
    _ = a.intern("x")
    _ = a.intern("y")
    _ = b.intern("y")
    _ = b.intern("x")
    #expect(a != b)
    var c = TextPool()
    c.reserveCapacity(1000)
    _ = c.intern("x")
    _ = c.intern("y")
    #expect(a == c)
  }
}
