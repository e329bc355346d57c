import Testing

@testable import Report

@Suite struct TerminalTextTests {
  @Test func aSparklineSpansTheLowestToTheHighestBlock() {
    #expect(Sparkline.render([36, 45, 40, 56, 70]) == "▁▃▂▅█")
    #expect(Sparkline.render([80, 80]) == "▄▄")
    #expect(Sparkline.render([]) == "")
  }

  @Test func arabicCellsAreIsolatedAndOthersLeftAlone() {
    #expect(TerminalText.isolated("cifg-12") == "cifg-12")
    #expect(TerminalText.isolated("البيان") == "\u{2068}البيان\u{2069}")
    #expect(TerminalText.hasRightToLeft("ar: البيان"))
  }

  @Test func widthCountsNeitherIsolationMarksNorDiacritics() {
    #expect(TerminalText.width("\u{2068}البيان\u{2069}") == 6)
    #expect(TerminalText.width("الثانيِ") == 6, "the kasra combines with its letter")
    #expect(TerminalText.width("会议") == 4)
  }

  @Test func columnsStayAlignedBesideArabicCells() {
    let lines = TerminalText.table([
      ["TITLE", "SEQ"], ["البيان المشترك", "1"], ["Joint statement", "2"], ["الثانيِ عشر", "3"],
    ])
    // Where the last column starts, in terminal columns, on every line.
    let starts = lines.map { line -> Int in
      let lastCell = line.split(separator: " ").last ?? ""
      return TerminalText.width(line.dropLast(lastCell.count))
    }
    #expect(Set(starts).count == 1, "\(lines)")
    #expect(lines[1].hasPrefix("\u{2068}البيان المشترك\u{2069}"))
  }

  @Test func decorationIsAppliedAfterPaddingSoColoursDoNotShiftColumns() {
    let plain = TerminalText.table([["A", "B"], ["xx", "y"]])
    let coloured = TerminalText.table([["A", "B"], ["xx", "y"]]) { _, _, cell in "\u{1B}[1m\(cell)\u{1B}[0m" }
    #expect(coloured[1] == "\u{1B}[1mxx\u{1B}[0m  \u{1B}[1my\u{1B}[0m")
    #expect(plain[0] == "A   B")
  }

  @Test func aRowEndsAtItsLastFilledCellWithoutTrailingBlanks() {
    let lines = TerminalText.table([
      ["MEETING", "SOURCES", "CONFLICTS"], ["cifg-1", "4", "1"], ["cifg-2", "3", ""],
    ])
    #expect(lines == ["MEETING  SOURCES  CONFLICTS", "cifg-1   4        1", "cifg-2   3"])
    #expect(TerminalText.table([["A", "B"], ["", ""]]) == ["A  B", ""])
  }

  @Test func progressGivesFilesDocumentsRateAndTimeLeft() {
    let estimate = ProgressEstimate(filesDone: 100, filesTotal: 400, documents: 1200, added: 1100, elapsed: 5)
    #expect(estimate.line == "ingest: 100/400 files (25%), 1200 documents (1100 new), 240 docs/s, 15s left")
    let slow = ProgressEstimate(filesDone: 1, filesTotal: 2, documents: 3, added: 3, elapsed: 2)
    #expect(slow.line == "ingest: 1/2 files (50%), 3 documents (3 new), 1.5 docs/s, 2s left")
    #expect(
      ProgressEstimate(filesDone: 0, filesTotal: 9, documents: 0, added: 0, elapsed: 0).remaining == nil)
  }

  @Test func durationsReadAtAGlance() {
    #expect(ProgressEstimate.duration(44.2) == "45s")
    #expect(ProgressEstimate.duration(200) == "3m 20s")
    #expect(ProgressEstimate.duration(3900) == "1h 05m")
  }

  @Test func controlAndBidiCharactersAreShownNotSent() {
    #expect(
      TerminalText.visible("t\u{1B}]0;pwned\u{07}\u{1B}[2J\u{08}\u{7F}\u{85}\u{9B}", .line)
        == "t<U+001B>]0;pwned<U+0007><U+001B>[2J<U+0008><U+007F><U+0085><U+009B>")
    #expect(
      TerminalText.visible(
        "a\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{2028}\u{2029}b", .line)
        == "a<U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069><U+2028><U+2029>b")
    #expect(TerminalText.visible("\u{0}", .line) == "<U+0000>")
  }

  @Test func aOneLineFieldCannotBreakItsLineButABlockKeepsItsLinesAndTabs() {
    #expect(TerminalText.visible("title\nsecond\r\tx", .line) == "title<U+000A>second<U+000D><U+0009>x")
    #expect(TerminalText.visible("para\n\tindented\r", .block) == "para\n\tindented<U+000D>")
  }

  @Test func textWithoutControlsComesBackUnchanged() {
    let text = "البيان المشترك \u{200F}(RLM kept) — 56 members, ünïcödé 会议"
    #expect(TerminalText.visible(text, .line) == text)
    #expect(TerminalText.visible(text, .block) == text)
  }

  @Test func tableCellsAndIsolatedTextAreMadeVisibleBeforeTheyAreIsolated() {
    let lines = TerminalText.table([["TITLE", "SEQ"], ["\u{1B}[2Jx\ny", "1"], ["بيان\u{202E}", "2"]])
    #expect(lines[1] == "<U+001B>[2Jx<U+000A>y  1")
    #expect(lines[2].hasPrefix("\u{2068}بيان<U+202E>\u{2069}"))
    #expect(TerminalText.isolated("\u{2069}x") == "<U+2069>x", "a cell cannot close the table's own isolate")
  }

  @Test func aTableFitsItsWidthByShorteningTheWidestYieldingColumnFirst() {
    let rows = [
      ["MEETING", "START", "PLACE", "CHAIRS"],
      ["cifg-1", "2015-03-19", "Rome, Italy, at the Farnesina", "IT,SA,US"],
      ["communications-2015-10-28", "2015-10-28", "London, GB", "GB"],
    ]
    let wide = TerminalText.table(rows)
    #expect(wide.map { TerminalText.width($0) }.max() == 78)
    let lines = TerminalText.table(rows, width: 61, yielding: [2, 3])
    #expect(lines.allSatisfy { TerminalText.width($0) <= 61 }, "\(lines)")
    #expect(lines[1].contains("cifg-1") && lines[1].contains("2015-03-19"), "ids and dates stay whole")
    #expect(lines[1].contains("Rome, Italy…") && lines[1].hasSuffix("IT,SA,US"), "\(lines[1])")
    #expect(lines[2].contains("communications-2015-10-28"))
  }

  @Test func aTableThatCannotFitCutsOnlyItsYieldingColumnsToTheirHeaders() {
    let rows = [["ID", "PLACE"], ["a-very-long-meeting-identifier", "Quebec City, Canada"]]
    let lines = TerminalText.table(rows, width: 10, yielding: [1])
    #expect(lines[1] == "a-very-long-meeting-identifier  Queb…")
  }

  @Test func aShortenedSparklineKeepsItsLatestValues() {
    let rows = [["GROUP", "HISTORY"], ["cifg", "▁▂▃▄▅▆▇█▁▂▃▄"]]
    let lines = TerminalText.table(rows, width: 14, yielding: [1], keepingEnd: [1])
    #expect(lines[1] == "cifg   …▇█▁▂▃▄")
  }

  @Test func truncationCountsTerminalColumns() {
    #expect(TerminalText.truncated("会议会议", to: 5) == "会议…")
    #expect(TerminalText.truncated("short", to: 5) == "short")
    #expect(TerminalText.truncated("abcdef", to: 4, keepingEnd: true) == "…def")
  }

  @Test func withoutIsolatingNoInvisibleMarksAreAdded() {
    let lines = TerminalText.table([["TITLE", "SEQ"], ["البيان", "1"]], isolating: false)
    #expect(!lines.joined().unicodeScalars.contains { (0x2066...0x2069).contains($0.value) })
    #expect(TerminalText.isolated("البيان", isolating: false) == "البيان")
    #expect(TerminalText.isolated("ق\u{202E}", isolating: false) == "ق<U+202E>", "controls are still shown")
  }

  @Test func anEstimateWaitsUntilItMeansSomethingAndCountsBytes() {
    let early = ProgressEstimate(filesDone: 1, filesTotal: 10, documents: 5, added: 5, elapsed: 1.5)
    #expect(early.remaining == nil, "under 2 seconds")
    let little = ProgressEstimate(
      filesDone: 1, filesTotal: 2, documents: 5, added: 5, elapsed: 30, bytesDone: 1_000, bytesTotal: 100_000)
    #expect(little.remaining == nil, "1% done by bytes, though half the files")
    #expect(little.line.hasPrefix("ingest: 1/2 files (1%)"))
    let half = ProgressEstimate(
      filesDone: 1, filesTotal: 2, documents: 5, added: 5, elapsed: 10, bytesDone: 50_000, bytesTotal: 100_000
    )
    #expect(half.remaining == 10)
  }
}
