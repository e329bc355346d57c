import Domain
import Testing

@testable import Feeds

/// The feed-item text dump reader (format `text-dump`).
@Suite struct TextDumpReaderTests {
  @Test func seedDumpGivesTitleDateLineAndBodyWithoutSwitcherLine() throws {
    let reading = InputReader.read(try TestFiles.fixture("seed/000_9dabcf0b7d235476.txt"), source: "seed.txt")
    #expect(reading.format == "text-dump")
    #expect(reading.error == nil)
    #expect(reading.feed == nil)
    let item = try #require(reading.items.first)
    #expect(reading.items.count == 1)
    #expect(item.format == "text-dump")
    #expect(item.source == "seed.txt")
    #expect(item.title == "بيان مشترك لقادة مجموعة التحالف الدولي لهزيمة داعش المعنيين بمكافحة تمويل التنظيم")
    #expect(item.publishedText == "20 تشرين الثاني/نوفمبر 2019")
    #expect(item.published == nil)
    #expect(!item.body.contains("English English"))
    #expect(item.body.hasPrefix("التحالف الدولي لهزيمة داعش يعقد الاجتماع الثاني عشر"))
    #expect(item.body.hasSuffix("يرجى إدخال معلومات الاتصال الخاصة بك أدناه."))
    #expect(!item.body.contains("\u{00A0}\n"))
    #expect(!item.body.contains("\n\n\n"))
    #expect(item.body.components(separatedBy: "\n\n").count == 7)
  }

  @Test func englishDumpKeepsParagraphLinesAndFindsLinks() throws {
    let reading = InputReader.read(try TestFiles.fixture("feeds/dump-en.txt"), source: "dump-en.txt")
    let item = try #require(reading.items.first)
    #expect(item.title == "Joint Statement on the Twelfth Meeting of the Counter ISIS Finance Group")
    #expect(item.publishedText == "November 20, 2019")
    #expect(
      item.body
        == "The Counter ISIS Finance Group met in Luxembourg on November 19-20, 2019.\n"
        + "It was co-chaired by Italy, Saudi Arabia and the United States.\n\n"
        + "See https://example.org/coalition/cifg-12.")
    #expect(item.links == ["https://example.org/coalition/cifg-12"])
  }

  @Test func dumpWithoutSourceLineCRLFAndNoSwitcherStillReads() throws {
    let text = "Title line\r\n\r\n٢٠ نوفمبر ٢٠١٩\r\n\u{00A0}\r\nFirst paragraph.\r\n \r\nSecond."
    let reading = InputReader.read(Array(text.utf8), source: "x.txt")
    let item = try #require(reading.items.first)
    #expect(item.title == "Title line")
    #expect(item.publishedText == "٢٠ نوفمبر ٢٠١٩")
    #expect(item.body == "First paragraph.\n\nSecond.")
  }

  @Test func dumpWhoseSecondLineIsNotADateKeepsItInTheBody() throws {
    let reading = InputReader.read(
      Array("A title\n\nThe body begins here and runs on.\n".utf8), source: "x.txt")
    let item = try #require(reading.items.first)
    #expect(item.publishedText == nil)
    #expect(item.body == "The body begins here and runs on.")
  }

  @Test func languageSwitcherAndDateLineRecognition() {
    #expect(TextDumpReader.isLanguageSwitcher("English English"))
    #expect(TextDumpReader.isLanguageSwitcher("العربية العربية"))
    #expect(TextDumpReader.isLanguageSwitcher("Français Français"))
    #expect(!TextDumpReader.isLanguageSwitcher("The Coalition met"))
    #expect(TextDumpReader.isDateLine("20 تشرين الثاني/نوفمبر 2019"))
    #expect(TextDumpReader.isDateLine("٢٠ نوفمبر ٢٠١٩"))
    #expect(
      !TextDumpReader.isDateLine("The group, founded in 2015, met again in Luxembourg with many members."))
    #expect(!TextDumpReader.isDateLine("Room 12345"))
  }
}
