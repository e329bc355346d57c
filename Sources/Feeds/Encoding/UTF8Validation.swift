/// Checks UTF-8 byte by byte, so an error can name the first bad byte.
enum UTF8Validation {
  /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence
  /// (overlong forms, surrogates and code points above U+10FFFF included), or nil when all is well.
  static func firstInvalidOffset(_ bytes: [UInt8], from start: Int = 0) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalidOffset($0, from: start) }
  }

  /// ``firstInvalidOffset(_:from:)`` over bytes in memory.
  static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var index = start
    let count = bytes.count
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        // ASCII eight bytes at a time.
        if index + 8 <= count, let base = bytes.baseAddress,
          UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
          index += 8
        } else {
          index += 1
        }
        continue
      }
      // Two bytes (Latin, Arabic: most non-ASCII text), checked without the general case.
      if lead >= 0xC2, lead <= 0xDF, index + 1 < count, bytes[index + 1] & 0xC0 == 0x80 {
        index += 2
        continue
      }
      var need = 0
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        upper = 0x9F
      case 0xF0:
        need = 3
        lower = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        upper = 0x8F
      default: return index
      }
      guard index + need < count else { return index }
      let second = bytes[index + 1]
      guard second >= lower, second <= upper else { return index }
      var next = index + 2
      while next <= index + need {
        guard bytes[next] & 0xC0 == 0x80 else { return index }
        next += 1
      }
      index += need + 1
    }
    return nil
  }
}
