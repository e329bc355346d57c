import Archive
import Domain
import Foundation
import JSONForm
import Testing

/// What the command line shows of captures: where a document came from, the log, the WARC
/// export, and both verifiers. The captures are recorded through the library, as `fetch` will.
@Suite struct CaptureCLITests {
  static let url = "https://example.org/coalition/feed"

  /// An archive that follows a feed and holds one capture of it (redirected once), with its documents.
  func withCapturedFeed(_ body: (String, String) throws -> Void) throws {
    let dir = NSTemporaryDirectory() + "communique-capture-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/archive"
    let feed = Array(try Data(contentsOf: root.appendingPathComponent("Fixtures/feeds/coalition-en.rss.xml")))
    let final = "https://example.org/feeds/coalition.xml"
    let capture = Capture(
      requestedURL: Self.url, finalURL: final, status: 200,
      requestHeaders: [HeaderField(name: "User-Agent", value: "Communique/test")],
      responseHeaders: [HeaderField(name: "Content-Type", value: "application/rss+xml; charset=utf-8")],
      fetchedAt: Timestamp(microseconds: 1_796_644_800_000_000), body: feed,
      redirects: [Redirect(status: 302, from: Self.url, to: final)])
    do {
      let archive = try Archive(path: path)
      _ = try archive.follow(Self.url, group: "coalition", language: "en")
      _ = try archive.recordCapture(capture, decodedBody: feed)
    }
    try body(path, dir)
  }

  @Test func showSaysWhereAndWhenADocumentWasFetchedAndItsJSONCarriesIt() throws {
    try withCapturedFeed { archive, _ in
      let shown = try communique(archive, ["show", "3"])
      #expect(shown.status == 0, "\(shown.stderr)")
      #expect(
        shown.stdout.contains(
          "summary: fetched from \(Self.url) (https://example.org/feeds/coalition.xml) at "
            + "2026-12-07T12:00:00.000000Z, HTTP 200, capture seq 2"))
      let json = try JSONParser.parse(try communique(archive, ["show", "3", "--json"]).stdout)
      #expect(json["data"]?["capture"] == .int(2))
      #expect(json["provenance"]?["seq"] == .int(2))
      #expect(json["provenance"]?["finalURL"] == .string("https://example.org/feeds/coalition.xml"))
      let log = try communique(archive, ["log"])
      #expect(log.stdout.contains("capture.recorded") && log.stdout.contains("HTTP 200 \(Self.url) → "))
    }
  }

  @Test func bothVerifiersCheckTheCaptureBodyAndTheExportCarriesIt() throws {
    try withCapturedFeed { archive, dir in
      #expect(try communique(archive, ["verify"]).status == 0)
      let python = try execute("/usr/bin/python3", ["tools/verify-archive.py", archive])
      #expect(python.status == 0, "\(python.stdout)\(python.stderr)")
      let export = try communique(archive, ["export"])
      let copy = dir + "/copy"
      let imported = try communique(copy, ["import", "-"], stdin: Data(export.stdout.utf8))
      #expect(imported.status == 0, "\(imported.stderr)")
      #expect(try communique(copy, ["export"]).stdout == export.stdout)
      let warc = dir + "/captures.warc.gz"
      let written = try communique(copy, ["export", "--warc", warc])
      #expect(written.status == 0 && written.stdout == "wrote 1 captures to \(warc)\n")
      #expect(FileManager.default.fileExists(atPath: warc))
    }
  }

  @Test func aMissingCaptureBodyIsNamedByBothVerifiers() throws {
    try withCapturedFeed { archive, _ in
      let shown = try JSONParser.parse(try communique(archive, ["show", "2", "--json"]).stdout)
      let digest = try #require(shown["data"]?["bodySHA256"]?.stringValue)
      let dropped = try execute(
        "/usr/bin/python3",
        [
          "-c",
          "import lmdb,sys; e=lmdb.open(sys.argv[1], max_dbs=16); d=e.open_db(b'capture-bodies');"
            + " t=e.begin(write=True); t.delete(bytes.fromhex(sys.argv[2]), db=d); t.commit()",
          archive, digest,
        ])
      #expect(dropped.status == 0, "\(dropped.stderr)")
      let verify = try communique(archive, ["verify"])
      #expect(verify.status == 1)
      #expect((verify.stdout + verify.stderr).contains("capture body sha256:\(digest) is missing"))
      let python = try execute("/usr/bin/python3", ["tools/verify-archive.py", "--json", archive])
      let report = try JSONParser.parse(python.stdout)
      #expect(report["failure"]?["seq"] == .int(2))
      #expect(report["failure"]?["problem"] == .string("capture body sha256:\(digest) is missing"))
    }
  }
}
