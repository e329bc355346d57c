import Domain

/// Turns an input's bytes into UTF-8, refusing bytes its encoding does not allow.
enum Transcoder {
  /// A decoding failure: what went wrong and at which byte of the input.
  struct Failure: Error, Equatable {
    /// The byte offset in the input as given (BOM included).
    var offset: Int
    /// One line, e.g. `invalid UTF-8 at byte 12`.
    var problem: String
  }

  /// What an input says when it cannot be read as UTF-8 and names no encoding it can be read in.
  static let encodingHint = "if it is windows-1256 or another encoding, pass --encoding NAME"

  /// The input as UTF-8 bytes, its BOM removed.
  static func utf8(from bytes: [UInt8]) -> Result<[UInt8], Failure> {
    utf8(from: bytes, encoding: nil).map(\.bytes)
  }

  /// The input as UTF-8 bytes, its BOM removed, and how its encoding was decided: `encoding`
  /// (a label ``TextEncoding`` knows) when the caller names one, else what the input
  /// declares — except that a declared single-byte encoding over bytes that are valid UTF-8
  /// with multi-byte sequences is read as UTF-8 (mislabelled feeds are common; Arabic UTF-8
  /// read as ISO-8859-1 is mojibake no later step can undo).
  ///
  /// `outer` is the charset the transport declared (HTTP `Content-Type`): it wins over what
  /// the bytes declare, but not over a BOM nor over bytes that are valid UTF-8 where it names
  /// a single-byte encoding (a lying header, like a lying declaration); a label the readers
  /// cannot decode is ignored.
  static func utf8(from bytes: [UInt8], encoding label: String?, outer: String? = nil) -> Result<
    (bytes: [UInt8], decision: EncodingDecision), Failure
  > {
    let detection = DeclaredEncoding.detect(bytes)
    let declaredName = detection.declared ? detection.encoding.name : nil
    if let label {
      let encoding = TextEncoding(label: label)
      let start = encoding == .utf8 && detection.encoding == .utf8 ? detection.bomLength : 0
      let decision = EncodingDecision(
        encoding: encoding.name, basis: .overridden,
        declared: declaredName == encoding.name ? nil : declaredName)
      return decode(bytes, from: start, as: encoding, hint: false).map { ($0, decision) }
    }
    let start = detection.bomLength
    if start == 0, let outer, let encoding = Transcoder.decodable(outer) {
      if case .singleByte = encoding, bytes.contains(where: { $0 >= 0x80 }),
        UTF8Validation.firstInvalidOffset(bytes, from: 0) == nil
      {
        return .success(
          (bytes, EncodingDecision(encoding: "UTF-8", basis: .detected, declared: encoding.name)))
      }
      let decision = EncodingDecision(
        encoding: encoding.name, basis: .http, declared: declaredName == encoding.name ? nil : declaredName)
      // Bytes the header's encoding cannot read are read as they declare themselves instead.
      if case .success(let decoded) = decode(bytes, from: 0, as: encoding, hint: true) {
        return .success((decoded, decision))
      }
    }
    var decision = EncodingDecision(
      encoding: detection.encoding.name, basis: detection.declared ? .declared : .default)
    if case .singleByte = detection.encoding, bytes[start...].contains(where: { $0 >= 0x80 }),
      UTF8Validation.firstInvalidOffset(bytes, from: start) == nil
    {
      decision = EncodingDecision(encoding: "UTF-8", basis: .detected, declared: detection.encoding.name)
      return .success((start == 0 ? bytes : Array(bytes[start...]), decision))
    }
    if case .unknown = detection.encoding, UTF8Validation.firstInvalidOffset(bytes, from: start) == nil {
      decision = EncodingDecision(encoding: "UTF-8", basis: .detected, declared: detection.encoding.name)
    }
    return decode(bytes, from: start, as: detection.encoding, hint: true).map { ($0, decision) }
  }

  /// The encoding a transport's charset label names, when the readers decode it.
  static func decodable(_ label: String) -> TextEncoding? {
    let encoding = TextEncoding(label: label)
    switch encoding {
    case .utf8, .singleByte: return encoding
    default: return nil
    }
  }

  /// `bytes` from `start` read as `encoding`; `hint` adds how to name another encoding to
  /// a UTF-8 failure.
  private static func decode(_ bytes: [UInt8], from start: Int, as encoding: TextEncoding, hint: Bool)
    -> Result<[UInt8], Failure>
  {
    switch encoding {
    case .utf8:
      if let bad = UTF8Validation.firstInvalidOffset(bytes, from: start) {
        return .failure(
          Failure(
            offset: bad,
            problem: hint
              ? "not UTF-8 (invalid byte at \(bad)); \(encodingHint)" : "not UTF-8 (invalid byte at \(bad))"))
      }
      return .success(start == 0 ? bytes : Array(bytes[start...]))
    case .unknown(let label):
      if UTF8Validation.firstInvalidOffset(bytes, from: start) == nil { return .success(bytes) }
      return .failure(
        Failure(offset: 0, problem: "unsupported encoding \"\(label)\"" + (hint ? "; \(encodingHint)" : "")))
    case .utf16LE, .utf16BE: return utf16(bytes, from: start, bigEndian: encoding == .utf16BE)
    case .utf32LE, .utf32BE: return utf32(bytes, from: start, bigEndian: encoding == .utf32BE)
    case .singleByte:
      return singleByte(bytes, from: start, encoding: encoding)
    }
  }

  private static func singleByte(_ bytes: [UInt8], from start: Int, encoding: TextEncoding) -> Result<
    [UInt8], Failure
  > {
    let table = encoding.highHalf
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 2)
    for index in start..<bytes.count {
      let byte = bytes[index]
      if byte < 0x80 {
        out.append(byte)
        continue
      }
      var code = UInt32(byte)
      if let table {
        code = UInt32(table[Int(byte - 0x80)])
        if code == 0 {
          // windows-1252 leaves five bytes undefined; browsers read them as C1 controls.
          guard encoding == .singleByte(name: "windows-1252", table: .windows1252) else {
            let hex = String(byte, radix: 16, uppercase: true)
            return .failure(
              Failure(offset: index, problem: "byte 0x\(hex) is not \(encoding.name) at byte \(index)"))
          }
          code = UInt32(byte)
        }
      }
      appendUTF8(code, to: &out)
    }
    return .success(out)
  }

  private static func utf16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> Result<[UInt8], Failure> {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = start
    func unit(_ at: Int) -> UInt32 {
      bigEndian
        ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
    }
    while index + 1 < bytes.count {
      let first = unit(index)
      if first >= 0xD800, first <= 0xDBFF {
        guard index + 3 < bytes.count else {
          return .failure(Failure(offset: index, problem: "invalid UTF-16 at byte \(index)"))
        }
        let second = unit(index + 2)
        guard second >= 0xDC00, second <= 0xDFFF else {
          return .failure(Failure(offset: index, problem: "invalid UTF-16 at byte \(index)"))
        }
        appendUTF8(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: &out)
        index += 4
      } else if first >= 0xDC00, first <= 0xDFFF {
        return .failure(Failure(offset: index, problem: "invalid UTF-16 at byte \(index)"))
      } else {
        appendUTF8(first, to: &out)
        index += 2
      }
    }
    if index < bytes.count {
      return .failure(Failure(offset: index, problem: "invalid UTF-16 at byte \(index) (odd length)"))
    }
    return .success(out)
  }

  private static func utf32(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> Result<[UInt8], Failure> {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count / 2)
    var index = start
    while index + 3 < bytes.count {
      let b0 = UInt32(bytes[index])
      let b1 = UInt32(bytes[index + 1])
      let b2 = UInt32(bytes[index + 2])
      let b3 = UInt32(bytes[index + 3])
      let code = bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0
      guard code <= 0x10FFFF, !(0xD800...0xDFFF).contains(code) else {
        return .failure(Failure(offset: index, problem: "invalid UTF-32 at byte \(index)"))
      }
      appendUTF8(code, to: &out)
      index += 4
    }
    if index < bytes.count {
      return .failure(Failure(offset: index, problem: "invalid UTF-32 at byte \(index) (truncated)"))
    }
    return .success(out)
  }

  /// Appends the UTF-8 form of a code point (which the caller has checked is a scalar value).
  static func appendUTF8(_ code: UInt32, to out: inout [UInt8]) {
    switch code {
    case 0..<0x80: out.append(UInt8(code))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (code >> 6)))
      out.append(UInt8(0x80 | (code & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (code >> 12)))
      out.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (code & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (code >> 18)))
      out.append(UInt8(0x80 | ((code >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (code & 0x3F)))
    }
  }
}
