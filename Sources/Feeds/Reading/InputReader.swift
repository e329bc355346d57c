import Domain

/// Reads inputs of every kind the archive ingests into ``InputReading``s.
///
/// One entry point so that callers need not know formats: RSS 2.0, RSS 1.0/RDF, Atom 1.0, HTML
/// press pages and feed-item text dumps, in any encoding a feed declares. It never crashes, never
/// hangs, and never reads a file or URL an input names.
package enum InputReader {
  /// Reads one input's bytes, detecting its format (RSS 2.0, RSS 1.0/RDF, Atom 1.0, HTML page,
  /// feed-item text dump).
  ///
  /// `encoding` names the input's encoding (a label such as `windows-1256`, see
  /// ``encodingName(_:)``) over whatever it declares; the reading says how it was decided.
  /// `limits` bound what one input may hold (``ReadingLimits``). `charset` is the charset the
  /// transport declared (an HTTP `Content-Type`'s), which wins over what the bytes declare but
  /// a BOM (``EncodingDecision/Basis/http``).
  package static func read(
    _ bytes: [UInt8], source: String, encoding: String? = nil, charset: String? = nil,
    limits: ReadingLimits = .standard
  ) -> InputReading {
    if bytes.isEmpty { return failed(source, nil, "empty file") }
    return read(decoding: bytes, source: source, encoding: encoding, charset: charset, limits: limits)
  }

  /// The `charset` parameter of a `Content-Type` value (`text/xml; charset="windows-1256"`),
  /// unquoted; nil when it has none.
  package static func charset(ofContentType value: String) -> String? {
    for parameter in value.split(separator: ";").dropFirst() {
      let pair = parameter.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "charset" else { continue }
      var charset = pair[1].trimmingSpaces
      if charset.count >= 2, charset.hasPrefix("\""), charset.hasSuffix("\"") {
        charset = charset.dropFirst().dropLast()
      }
      return charset.isEmpty ? nil : String(charset)
    }
    return nil
  }

  /// The name of the encoding a label stands for (`cp1256` → `windows-1256`), nil for a label
  /// the readers cannot decode: UTF-8, windows-1256, ISO-8859-6, windows-1252, ISO-8859-1,
  /// ISO-8859-15 (UTF-16 and UTF-32 are recognized by their byte-order mark or layout).
  package static func encodingName(_ label: String) -> String? {
    let encoding = TextEncoding(label: label)
    switch encoding {
    case .utf8, .singleByte: return encoding.name
    default: return nil
    }
  }

  private static func read(
    decoding bytes: [UInt8], source: String, encoding label: String?, charset: String?, limits: ReadingLimits
  ) -> InputReading {
    let text: [UInt8]
    let decision: EncodingDecision
    switch Transcoder.utf8(from: bytes, encoding: label, outer: charset) {
    case .success(let decoded): (text, decision) = decoded
    case .failure(let failure):
      if let binary = BinaryCheck.problem(bytes) { return failed(source, nil, binary) }
      return failed(source, MarkupTree.line(of: failure.offset, in: bytes), failure.problem)
    }
    if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) {
      return failed(source, nil, "file holds only white space")
    }
    if let binary = BinaryCheck.problem(text) { return failed(source, nil, binary) }
    var reading: InputReading
    switch FormatSniffer.sniff(text) {
    case .textDump: reading = TextDumpReader.read(text, source: source)
    case .html: reading = HTMLPageReader.read(text, source: source, limits: limits)
    case .xml: reading = XMLFeedReader.read(text, source: source, limits: limits)
    }
    reading.encoding = decision
    return reading
  }

  static func failed(_ source: String, _ line: Int?, _ problem: String) -> InputReading {
    InputReading(format: "", error: InputError(source: source, line: line, problem: problem))
  }
}

extension Substring {
  /// Without leading and trailing spaces and tabs.
  fileprivate var trimmingSpaces: Substring {
    var s = self
    while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
    return s
  }
}
