import Testing

@testable import Projections

@Suite("Key index")
struct KeyIndexTests {
  @Test("keys are numbered 0, 1, 2 … in the order first seen, through growth")
  func denseNumbers() {
    var index = KeyIndex(capacity: 2)
    var expected: [Int] = []
    var got: [Int] = []
    for i in 0..<10_000 {
      let key = (UInt64(i % 3), UInt64(i / 3))
      let (number, isNew) = index.number(of: key)
      #expect(isNew)
      got.append(number)
      expected.append(i)
    }
    #expect(got == expected)
    #expect(index.count == 10_000)
    for i in stride(from: 0, to: 10_000, by: 7) {
      #expect(index.number(of: (UInt64(i % 3), UInt64(i / 3))) == (i, false))
      #expect(index.number(ifAny: (UInt64(i % 3), UInt64(i / 3))) == i)
    }
    #expect(index.number(ifAny: (3, 0)) == nil)
  }

  @Test("the two words of a key are not interchangeable")
  func orderedWords() {
    var index = KeyIndex()
    #expect(index.number(of: (1, 2)).number == 0)
    #expect(index.number(of: (2, 1)).number == 1)
  }
}
