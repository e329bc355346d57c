/// Reads inputs of every kind the archive ingests into ``InputReading``s.
///
/// One entry point so that callers need not know formats: RSS 2.0, RSS 1.0/RDF, Atom 1.0, HTML
/// press pages and feed-item text dumps, in any encoding a feed declares. It never crashes, never
/// hangs, and never reads a file or URL an input names.
public enum InputReader {
  /// Reads one input's bytes, detecting its format (RSS 2.0, RSS 1.0/RDF, Atom 1.0, HTML page,
  /// feed-item text dump).
  public static func read(_ bytes: [UInt8], source: String) -> InputReading {
    if bytes.isEmpty { return failed(source, nil, "empty file") }
    let text: [UInt8]
    switch Transcoder.utf8(from: bytes) {
    case .success(let decoded): text = decoded
    case .failure(let failure):
      if let binary = BinaryCheck.problem(bytes) { return failed(source, nil, binary) }
      return failed(source, MarkupTree.line(of: failure.offset, in: bytes), failure.problem)
    }
    if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) {
      return failed(source, nil, "file holds only white space")
    }
    if let binary = BinaryCheck.problem(text) { return failed(source, nil, binary) }
    switch FormatSniffer.sniff(text) {
    case .textDump: return TextDumpReader.read(text, source: source)
    case .html: return HTMLPageReader.read(text, source: source)
    case .xml: return XMLFeedReader.read(text, source: source)
    }
  }

  static func failed(_ source: String, _ line: Int?, _ problem: String) -> InputReading {
    InputReading(format: "", error: InputError(source: source, line: line, problem: problem))
  }
}
