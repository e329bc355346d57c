import Foundation
import Testing
@testable import Extraction
@Test func zzTiming() throws {
  let url = URL(fileURLWithPath: "/work/main/Fixtures/seed/000_9dabcf0b7d235476.txt")
  let ex = try #require(TestSupport.extractor)
  let doc = ex.document(from: TestSupport.item(dump: try String(contentsOf: url, encoding: .utf8), source: "s"))
  let c = ContinuousClock()
  print("fold", c.measure { for _ in 0..<20 { _ = FoldedText(doc.text) } } / 20)
  let ctx = ReadingContext(text: FoldedText(doc.text), data: ex.languageData, published: doc.published)
  print("ctx", c.measure { for _ in 0..<20 { _ = ReadingContext(text: ctx.text, data: ex.languageData, published: doc.published) } } / 20)
  print("dates", c.measure { for _ in 0..<20 { _ = DateScanner(context: ctx).scan() } } / 20)
  print("places", c.measure { for _ in 0..<20 { _ = PlaceReader.read(ctx, chairTokens: []) } } / 20)
  print("chairs", c.measure { for _ in 0..<20 { _ = ChairReader.read(ctx) } } / 20)
  print("counts", c.measure { for _ in 0..<20 { _ = CountReader.read(ctx, excluded: []) } } / 20)
  print("themes", c.measure { for _ in 0..<20 { _ = ThemeReader.read(ctx) } } / 20)
  print("ordinal", c.measure { for _ in 0..<20 { _ = OrdinalReader.read(ctx) } } / 20)
  print("group", c.measure { for _ in 0..<20 { _ = GroupReader.read(ctx) } } / 20)
}
