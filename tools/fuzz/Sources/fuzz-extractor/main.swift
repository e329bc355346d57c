import Domain
import Foundation
import FuzzDriver
import Extraction

/// The extractor, loaded once: its language data takes a moment to read.
let extractor: Extractor? = try? Extractor()

/// libFuzzer entry: any text (lossily decoded) as an item's title and body through
/// normalization, boilerplate, language identification and every fact reader.
func fuzzExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
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

/// The symbol libFuzzer's runtime links against; the same function the driver below runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { fuzzExtractor(data, size) }

var arguments = CommandLine.argc
var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &vector) { data, size in fuzzExtractor(data, size) })
