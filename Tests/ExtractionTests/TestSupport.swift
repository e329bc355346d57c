import Domain
import Foundation
import Testing

@testable import Extraction

/// Helpers shared by the extraction tests: the extractor, fixture lookup and a minimal reader
/// of feed-item text dumps (the real one lives in the Feeds target, which tests here cannot use).
enum TestSupport {
  /// One extractor for all tests: language data loads once.
  static let extractor: Extractor? = try? Extractor()

  /// The directory holding `Fixtures/`, found by walking up from this file (through the symlink
  /// of a development package too), else the main checkout.
  static func fixturesDirectory() -> URL? {
    let here = URL(fileURLWithPath: #filePath)
    for start in [here, here.resolvingSymlinksInPath()] {
      var directory = start.deletingLastPathComponent()
      while directory.path != "/" {
        let candidate = directory.appendingPathComponent("Fixtures")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("seed").path) {
          return candidate
        }
        directory = directory.deletingLastPathComponent()
      }
    }
    let main = URL(fileURLWithPath: "/work/main/Fixtures")
    return FileManager.default.fileExists(atPath: main.path) ? main : nil
  }

  /// Reads a text dump: `rss`, title, language switcher, date line, body.
  static func item(dump text: String, source: String) -> SourceItem {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    func popBlank() {
      while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
        lines.removeFirst()
      }
    }
    popBlank()
    if lines.first?.trimmingCharacters(in: .whitespaces) == "rss" { lines.removeFirst() }
    popBlank()
    let title = lines.isEmpty ? nil : lines.removeFirst()
    // The date line is the first of the next two non-empty lines holding a four-digit year.
    var dateLine: String?
    var seen = 0
    for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      seen += 1
      if seen > 2 { break }
      if line.range(of: #"[0-9٠-٩]{4}"#, options: .regularExpression) != nil {
        dateLine = line
        lines.remove(at: index)
        break
      }
    }
    return SourceItem(
      source: source, format: "text-dump", title: title, publishedText: dateLine,
      body: lines.joined(separator: "\n"))
  }

  /// The document and facts of a dump file.
  static func read(_ url: URL) throws -> (Document, Facts)? {
    guard let extractor else { return nil }
    let text = try String(contentsOf: url, encoding: .utf8)
    let document = extractor.document(from: item(dump: text, source: url.lastPathComponent))
    return (document, extractor.facts(in: document))
  }
}

extension TestSupport {
  /// The facts of a document whose stored text is `text`, published on `published`.
  static func facts(_ text: String, published: String? = "2019-11-20", language: String = "en") throws
    -> Facts
  {
    let extractor = try #require(extractor)
    let document = Document(
      source: "test", format: "text-dump", published: published.flatMap { CalendarDate(iso: $0) },
      language: language, text: text)
    return extractor.facts(in: document)
  }

  /// The date of an ISO string, for comparisons.
  static func date(_ iso: String) -> CalendarDate? { CalendarDate(iso: iso) }
}
