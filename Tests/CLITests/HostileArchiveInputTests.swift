import Domain
import Foundation
import Testing

/// Hostile inputs through the whole command: limits stated, the good kept, one line per bad.
@Suite struct HostileArchiveInputTests {
  @Test func aFileOf100MBIsRefusedAtOnceWithTheLimitStated() throws {
    let work = temporaryPath("huge")
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    // Sparse: 100 MB long without writing 100 MB.
    let huge = work + "/huge.xml"
    #expect(FileManager.default.createFile(atPath: huge, contents: Data("<rss>".utf8)))
    let handle = try #require(FileHandle(forWritingAtPath: huge))
    try handle.truncate(atOffset: 100 << 20)
    try handle.close()
    let run = try communique(work + "/archive", ["ingest", huge, "Fixtures/seed"])
    #expect(run.status == 65)
    #expect(
      run.stderr.contains("\(huge): file of 100 MiB exceeds the input limit of 32 MiB"),
      "\(run.stderr)")
    #expect(try eventCount(work + "/archive") == 1)
  }

  @Test func anEndlessStreamOnStandardInputIsCutAtTheLimitAndRefused() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    // 40 MB of feed-like text through a pipe: read in chunks, refused once past 32 MiB.
    let run = try execute(
      "/bin/sh",
      [
        "-c", "yes '<p>The CIFG met in Rome.</p>' | head -c 40000000 | \"$0\" --archive \"$1\" ingest -",
        binary.path,
        archive,
      ])
    #expect(run.status == 65)
    #expect(run.stderr.contains("-: input exceeds the limit of 32 MiB"), "\(run.stderr)")
  }

  @Test func anItemOverThePerItemLimitIsRefusedAndTheOthersOfItsFeedAreKept() throws {
    let work = temporaryPath("big-item")
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let body = String(repeating: "The Counter ISIS Finance Group met in Rome. ", count: 3 << 20 / 44)
    let feed = """
      <rss version="2.0"><channel><title>t</title>
      <item><title>small</title><guid>small</guid><description>The CIFG met in Rome on 3 May 2021.</description></item>
      <item><title>big</title><guid>big</guid><description>\(body)</description></item>
      </channel></rss>
      """
    let path = work + "/feed.xml"
    #expect(FileManager.default.createFile(atPath: path, contents: Data(feed.utf8)))
    let run = try communique(work + "/archive", ["ingest", path])
    #expect(run.status == 65)
    #expect(run.stderr.contains("\(path): item big: text of "), "\(run.stderr)")
    #expect(run.stderr.contains("exceeds the limit of 2 MiB per item"))
    #expect(try eventCount(work + "/archive") == 1)
  }

  @Test func goodFilesBesideTheWholeHostileCorpusAreCommittedAndEachBadOneGetsOneLine() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let hostile = try FileManager.default.contentsOfDirectory(atPath: root.path + "/Fixtures/hostile")
      .filter { $0 != "expected.json" && $0 != "README.md" }.sorted().map { "Fixtures/hostile/" + $0 }
    let run = try communique(archive, ["ingest"] + hostile + ["Fixtures/seed", "no/such/file.xml"])
    #expect(run.status == 66)
    // Items kept from hostile files: 1 (bomb) + 2 (truncated) + 2 (external DTD; the
    // parameter-entity file holds the same two texts: duplicates) + 1 (UTF-16), and the seed.
    #expect(try eventCount(archive) == 7)
    #expect(try communique(archive, ["verify"]).status == 0)
    let lines = run.stderr.split(separator: "\n").filter {
      !$0.contains("no meeting found") && !$0.hasPrefix("note: created a new archive")
        && !$0.hasPrefix("skipped ")
    }
    // Twelve rejected files (two after items that are kept) and the missing path, a line each.
    #expect(lines.count == 13, "\(lines)")
    #expect(lines.contains { $0.contains("no/such/file.xml: no such file or directory") })
    #expect(!run.stdout.contains("LEAKED"))
    let export = try communique(archive, ["export"])
    #expect(!export.stdout.contains("LEAKED"))
  }
}
