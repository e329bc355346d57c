import Domain
import Foundation
import JSONForm
import Testing

/// `communique follow`: subscribe, list, change, remove, and OPML in and out.
@Suite struct FollowCLITests {
  func withArchive(_ body: (String, String) throws -> Void) throws {
    let dir = NSTemporaryDirectory() + "communique-follow-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try body(dir + "/archive", dir)
  }

  @Test func followListChangeAndRemoveAreEventsAndTheListShowsEachFeedsState() throws {
    try withArchive { archive, _ in
      let url = "https://example.org/coalition/feed"
      let added = try communique(archive, ["follow", url, "--group", "coalition", "--language", "en"])
      #expect(added.status == 0, "\(added.stderr)")
      #expect(added.stdout == "following \(url) (seq 1)\n")
      let again = try communique(archive, ["follow", url, "--group", "coalition", "--language", "en"])
      #expect(again.status == 0 && again.stdout.contains("already following"))
      let changed = try communique(archive, ["follow", url, "--group", "cifg", "--language", "en"])
      #expect(changed.status == 0 && changed.stdout == "changed \(url) (seq 2)\n")
      let list = try communique(archive, ["follow", "--list"])
      #expect(list.status == 0)
      #expect(list.stdout.contains("NEXT DUE") && list.stdout.contains(url) && list.stdout.contains("never"))
      let json = try JSONParser.parse(try communique(archive, ["follow", "--list", "--json"]).stdout)
      let feed = try #require(json["feeds"]?.arrayValue?.first)
      #expect(
        feed["url"] == .string(url) && feed["group"] == .string("cifg") && feed["language"] == .string("en"))
      #expect(feed["lastSuccess"] == .null && feed["etag"] == .null && feed["consecutiveFailures"] == .int(0))
      let log = try communique(archive, ["log"])
      #expect(log.stdout.contains("subscription.added") && log.stdout.contains("subscription.changed"))
      let removed = try communique(archive, ["follow", "--remove", url])
      #expect(removed.status == 0 && removed.stdout.contains("unfollowed"))
      #expect(try communique(archive, ["follow", "--list"]).stdout == "no feeds followed\n")
      let notFollowed = try communique(archive, ["follow", "--remove", url])
      #expect(notFollowed.status == 64 && notFollowed.stderr.contains("is not followed"))
      #expect(try communique(archive, ["verify"]).status == 0)
    }
  }

  @Test func followRefusesABadURLGroupOrLanguageWithOneLineAndExit64() throws {
    try withArchive { archive, _ in
      for args in [
        ["follow", "file:///etc/passwd"], ["follow", "https://example.org/f", "--group", "nato"],
        ["follow", "https://example.org/f", "--language", "fr"], ["follow", "--list", "--remove", "x"],
      ] {
        let refused = try communique(archive, args)
        #expect(refused.status == 64, "\(args): \(refused.stderr)")
        #expect(refused.stdout.isEmpty)
      }
    }
  }

  @Test func opmlExportImportsIntoAnotherArchiveAndAMalformedFileIsRefusedByName() throws {
    try withArchive { archive, dir in
      _ = try communique(
        archive, ["follow", "https://example.org/a.xml", "--group", "cifg", "--language", "ar"])
      _ = try communique(archive, ["follow", "https://example.org/b.xml"])
      let opml = dir + "/feeds.opml"
      let exported = try communique(archive, ["follow", "--export-opml", opml])
      #expect(exported.status == 0, "\(exported.stderr)")
      let text = try String(contentsOfFile: opml, encoding: .utf8)
      #expect(text.contains("<opml version=\"2.0\">"))
      #expect(
        text.contains(
          "<outline type=\"rss\" text=\"https://example.org/a.xml\" xmlUrl=\"https://example.org/a.xml\" category=\"cifg,ar\"/>"
        ))
      #expect(try communique(archive, ["follow", "--export-opml"]).stdout == text)

      // Another archive: the two feeds, an outline without xmlUrl and one that is not http.
      let extra = text.replacingOccurrences(
        of: "  </body>",
        with:
          "    <outline text=\"Folder\"><outline type=\"rss\" text=\"x\" xmlUrl=\"gopher://example.org/\"/></outline>\n"
          + "    <outline text=\"no url\"/>\n  </body>")
      try extra.write(toFile: opml, atomically: true, encoding: .utf8)
      let other = dir + "/other"
      let imported = try communique(other, ["follow", "--import-opml", opml])
      #expect(imported.status == 0, "\(imported.stderr)")
      #expect(imported.stdout == "2 added, 0 changed, 0 unchanged, 2 skipped\n")
      #expect(imported.stderr.contains("skipped gopher://example.org/: not an http or https URL"))
      #expect(imported.stderr.contains("skipped no url: no xmlUrl"))
      let again = try communique(other, ["follow", "--import-opml", opml])
      #expect(again.stdout == "0 added, 0 changed, 2 unchanged, 2 skipped\n")
      let list = try JSONParser.parse(try communique(other, ["follow", "--list", "--json"]).stdout)
      #expect(list["feeds"]?.arrayValue?.first?["group"] == .string("cifg"))

      try "<opml><body><outline".write(toFile: opml, atomically: true, encoding: .utf8)
      let malformed = try communique(other, ["follow", "--import-opml", opml])
      #expect(malformed.status == 65)
      #expect(malformed.stderr.split(separator: "\n").count == 1 && malformed.stderr.contains(opml))
      let missing = try communique(other, ["follow", "--import-opml", dir + "/none.opml"])
      #expect(missing.status == 66)
    }
  }

  @Test func aURLWithTerminalControlsIsRefusedAndNeverEchoedRaw() throws {
    try withArchive { archive, _ in
      let hostile = "https://example.org/\u{1B}]0;pwned\u{07}"
      let refused = try communique(archive, ["follow", hostile])
      #expect(refused.status == 64)
      #expect(!refused.stderr.contains("\u{1B}"))
    }
  }
}
