/// Tells binary data from text, so that a stray image or archive is refused with a clear error.
enum BinaryCheck {
  /// Why `bytes` look binary (a NUL byte, or many control bytes), or nil when they look like text.
  static func problem(_ bytes: [UInt8]) -> String? {
    var controls = 0
    for (offset, byte) in bytes.enumerated() {
      if byte == 0 { return "binary data, not text (NUL byte at byte \(offset))" }
      if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
    }
    if controls > 8, controls * 100 > bytes.count {
      return "binary data, not text (\(controls) control bytes in \(bytes.count))"
    }
    return nil
  }
}
