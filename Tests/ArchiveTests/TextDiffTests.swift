import Testing

@testable import Archive

@Suite struct TextDiffTests {
  let lines = (1...20).map { "line \($0)" }

  @Test func theSameTextHasNoChangesAndNoHunks() {
    let diff = TextDiff(from: "a\nb", to: "a\nb")
    #expect(diff.isEmpty)
    #expect(diff.hunks.isEmpty)
  }

  @Test func oneChangedLineIsARemovalAndAnAdditionWithTwoLinesOfContext() {
    var changed = lines
    changed[9] = "line ten"
    let diff = TextDiff(from: lines.joined(separator: "\n"), to: changed.joined(separator: "\n"))
    #expect(diff.removed == ["line 10"])
    #expect(diff.added == ["line ten"])
    #expect(
      diff.unified == [
        "@@ -8,5 +8,5 @@", " line 8", " line 9", "-line 10", "+line ten", " line 11", " line 12",
      ])
  }

  @Test func changesFarApartAreSeparateHunksAndNearOnesOne() {
    var far = lines
    far[1] = "two"
    far[17] = "eighteen"
    #expect(TextDiff(from: lines.joined(separator: "\n"), to: far.joined(separator: "\n")).hunks.count == 2)
    var near = lines
    near[5] = "six"
    near[9] = "ten"
    let diff = TextDiff(from: lines.joined(separator: "\n"), to: near.joined(separator: "\n"))
    #expect(diff.hunks.count == 1)
    #expect(diff.hunks.first?.header == "@@ -4,9 +4,9 @@")
  }

  @Test func anAddedLastLineCountsFromTheLineBeforeIt() {
    let diff = TextDiff(from: "a\nb\nc", to: "a\nb\nc\nd", context: 0)
    #expect(diff.unified == ["@@ -3,0 +4,1 @@", "+d"])
  }

  @Test func everythingAddedToAnEmptyTextStartsAtZero() {
    let diff = TextDiff(from: "", to: "x\ny")
    #expect(diff.unified == ["@@ -0,0 +1,2 @@", "+x", "+y"])
  }

  @Test func aMovedLineIsRemovedWhereItWasAndAddedWhereItIs() {
    let diff = TextDiff(from: "a\nb\nc", to: "b\nc\na")
    #expect(diff.removed == ["a"])
    #expect(diff.added == ["a"])
  }
}
