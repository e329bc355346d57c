import Domain
import Extraction

/// The extractor, loaded once: its language data takes a moment to read.
let extractor: Extractor? = try? Extractor()

/// libFuzzer entry: any text (lossily decoded) as an item's title and body through
/// normalization, boilerplate, language identification and every fact reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let extractor else { fatalError("the extractor's language data did not load") }
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let text = String(decoding: bytes, as: UTF8.self)
  // The first line is the title; a leading digit picks a publication date so that
  // dates without a year are resolved too.
  let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
  let published = bytes.first.map { CalendarDate(daysSinceEpoch: 15_000 + Int($0) * 17) }
  let item = SourceItem(
    source: "fuzz", format: "rss", title: lines.first.map(String.init), published: published,
    body: lines.count > 1 ? String(lines[1]) : text)
  let document = extractor.document(from: item)
  _ = extractor.facts(in: document)
  return 0
}
