/// Tells binary data from text, so that a stray image or archive is refused with a clear error.
enum BinaryCheck {
  /// Why `bytes` look binary (a NUL byte, or many control bytes), or nil when they look like text.
  static func problem(_ bytes: [UInt8]) -> String? {
    var controls = 0
    let nul = bytes.withUnsafeBufferPointer { buffer -> Int? in
      guard let base = buffer.baseAddress else { return nil }
      var offset = 0
      while offset < buffer.count {
        // Eight bytes at a time while none is below 0x20 (most of a text).
        if offset + 8 <= buffer.count {
          let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
          if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 == 0 {
            offset += 8
            continue
          }
        }
        let end = min(offset + 8, buffer.count)
        while offset < end {
          let byte = base[offset]
          if byte == 0 { return offset }
          if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
          offset += 1
        }
      }
      return nil
    }
    if let nul { return "binary data, not text (NUL byte at byte \(nul))" }
    if controls > 8, controls * 100 > bytes.count {
      return "binary data, not text (\(controls) control bytes in \(bytes.count))"
    }
    return nil
  }
}
