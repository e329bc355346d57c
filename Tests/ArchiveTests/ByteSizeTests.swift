import Testing

@testable import Archive

@Suite("Sizes people write and read")
struct ByteSizeTests {
  @Test("64M, 512k, 1GiB and plain bytes parse; nonsense, zero and overflow do not")
  func parse() {
    #expect(ByteSize.parse("64M") == 64 << 20)
    #expect(ByteSize.parse("512k") == 512 << 10)
    #expect(ByteSize.parse("1GiB") == 1 << 30)
    #expect(ByteSize.parse("1000") == 1000)
    for bad in ["", "M", "64X", "-1M", "0", "1.5M", "99999999999999999999G"] {
      #expect(ByteSize.parse(bad) == nil, "\(bad)")
    }
  }

  @Test("sizes print in binary units, one decimal when it says something")
  func text() {
    #expect(ByteSize.text(812) == "812 bytes")
    #expect(ByteSize.text(32 << 20) == "32 MiB")
    #expect(ByteSize.text(3 << 19) == "1.5 MiB")
    #expect(ByteSize.text(729_916) == "713 KiB")
    #expect(ByteSize.text(1 << 30) == "1 GiB")
  }
}
