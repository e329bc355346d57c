import Codecs
import Domain
import Foundation
import JSONForm
import Testing

@testable import Archive

/// warcio (PyPI), as tools/setup installs it in `.build/warc-venv`, else on PATH.
let warcio: String? = {
  let venv = repositoryRoot.appendingPathComponent(".build/warc-venv/bin/warcio").path
  if FileManager.default.isExecutableFile(atPath: venv) { return venv }
  for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
    let candidate = "\(directory)/warcio"
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return nil
}()

/// `export --warc`: WARC 1.1 records of the captures, each its own gzip member.
@Suite struct WARCTests {
  /// Two captures: a plain 200, and a gzip-encoded body that came chunked, without a length.
  func withCaptures(_ body: (Archive, String, [Capture]) throws -> Void) throws {
    try withArchive { archive, path in
      let plain = try FollowingTests.capture("feeds/coalition-en.rss.xml")
      var chunked = try FollowingTests.capture(
        "feeds/coalition.atom.xml", url: "https://example.org/atom?lang=en", at: 1_765_000_100_000_000)
      let decoded = chunked.body
      chunked.body = try #require(Gzip.member(decoded))
      chunked.responseHeaders += [
        HeaderField(name: "Content-Encoding", value: "gzip"),
        HeaderField(name: "Transfer-Encoding", value: "chunked"),
      ]
      _ = try archive.recordCapture(plain, decodedBody: plain.body)
      _ = try archive.recordCapture(chunked, decodedBody: decoded)
      try body(archive, path, [plain, chunked])
    }
  }

  @Test func aGzipMemberIsWhatPythonsGzipReadsBack() throws {
    let bytes = Array(String(repeating: "WARC/1.1 record ", count: 300).utf8) + [0, 255, 13, 10]
    let member = try #require(Gzip.member(bytes))
    #expect(member.prefix(2) == [0x1F, 0x8B])
    let file = NSTemporaryDirectory() + "communique-gzip-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: file) }
    try Data(member + member).write(to: URL(fileURLWithPath: file))
    let read = try run(
      "/usr/bin/python3",
      ["-c", "import gzip,sys; print(gzip.open(sys.argv[1]).read().hex())", file])
    #expect(read.out.trimmingCharacters(in: .whitespacesAndNewlines) == Hex.encode(bytes + bytes))
  }

  @Test func theResponseBlockDropsChunkingItNoLongerHoldsAndStatesTheBodysLength() throws {
    var capture = try FollowingTests.capture("feeds/coalition-en.rss.xml")
    capture.responseHeaders.append(HeaderField(name: "Transfer-Encoding", value: "chunked"))
    let block = String(decoding: WARC.responseBlock(capture), as: UTF8.self)
    #expect(block.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: \"v1\"\r\n"))
    #expect(block.contains("\r\nX-Communique-Transfer-Encoding: chunked\r\n"))
    #expect(!block.contains("\r\nTransfer-Encoding"))
    #expect(block.contains("\r\nContent-Length: \(capture.body.count)\r\n\r\n"))
    #expect(WARC.base32([0xFF, 0x00]) == "74AA====")
  }

  @Test(
    .enabled(if: warcio != nil, "warcio is not installed (tools/setup installs it into .build/warc-venv)"))
  func anExportedWARCPassesWarcioCheckAndIndexesAsRequestAndResponsePerCapture() throws {
    try withCaptures { archive, _, captures in
      let file = NSTemporaryDirectory() + "communique-" + UUID().uuidString + ".warc.gz"
      defer { try? FileManager.default.removeItem(atPath: file) }
      #expect(try archive.exportWARC(to: file, software: "Communique test") == 2)
      let tool = try #require(warcio)
      let check = try run(tool, ["check", "-v", file])
      #expect(check.status == 0, "\(check.out)\(check.err)")
      #expect(!check.out.contains("digest fail"), "\(check.out)")
      // Checked, not merely present: warcio reports each record's digests (block, and a
      // response's payload) as passing.
      #expect(check.out.components(separatedBy: "digest pass").count - 1 == 5, "\(check.out)")
      let index = try run(tool, ["index", "-f", "warc-type,warc-target-uri,http:status,length", file])
      #expect(index.status == 0, "\(index.err)")
      let lines = index.out.split(separator: "\n").map { try? JSONParser.parse(String($0)) }
      #expect(
        lines.map { $0?["warc-type"]?.stringValue } == [
          "warcinfo", "request", "response", "request", "response",
        ])
      #expect(lines[2]?["warc-target-uri"]?.stringValue == captures[0].finalURL)
      #expect(lines[4]?["http:status"]?.stringValue == "200")
      #expect(lines[4]?["warc-target-uri"]?.stringValue == captures[1].finalURL)
    }
  }
}
