import Codecs
import Crypto
import Domain
import Foundation

/// ISO 28500 WARC 1.1 records for captures: a `warcinfo` record, then a `request` and a
/// `response` record per capture, each its own gzip member (docs/FORMAT.md, **WARC**).
///
/// The response block is the status line, the response's header fields as received, and the
/// body as stored: de-chunked but still content-encoded. So that the record says what it
/// holds, a `Transfer-Encoding` field is written as `X-Communique-Transfer-Encoding` and,
/// when the response stated no `Content-Length`, one with the body's length is added.
/// Digests are SHA-1 in base32, the form warcio writes and checks.
package enum WARC {
  /// The `warcinfo` record that opens a file.
  package static func info(filename: String, software: String, date: Timestamp) -> [UInt8] {
    let fields =
      "software: \(software)\r\nformat: WARC File Format 1.1\r\n"
      + "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
    return record(
      [
        ("WARC-Type", "warcinfo"), ("WARC-Record-ID", recordID("warcinfo", filename)),
        ("WARC-Filename", filename), ("WARC-Date", warcDate(date)),
        ("Content-Type", "application/warc-fields"),
      ], block: Array(fields.utf8), payload: nil)
  }

  /// The `request` and `response` records of the capture recorded at `seq`.
  package static func records(for capture: Capture, seq: UInt64) -> [UInt8] {
    let requestID = recordID("request", String(seq))
    let responseID = recordID("response", String(seq))
    let date = warcDate(capture.fetchedAt)
    let response = record(
      [
        ("WARC-Type", "response"), ("WARC-Record-ID", responseID), ("WARC-Date", date),
        ("WARC-Target-URI", capture.finalURL), ("WARC-Concurrent-To", requestID),
        ("Content-Type", "application/http; msgtype=response"),
      ], block: responseBlock(capture), payload: capture.body)
    let request = record(
      [
        ("WARC-Type", "request"), ("WARC-Record-ID", requestID), ("WARC-Date", date),
        ("WARC-Target-URI", capture.finalURL), ("WARC-Concurrent-To", responseID),
        ("Content-Type", "application/http; msgtype=request"),
      ], block: requestBlock(capture), payload: nil)
    return request + response
  }

  /// One record: the WARC header (the fields, the digests, `Content-Length`), the block, and
  /// the two line ends that close it, as one gzip member.
  static func record(_ fields: [(String, String)], block: [UInt8], payload: [UInt8]?) -> [UInt8] {
    var header = "WARC/1.1\r\n"
    for (name, value) in fields { header += "\(name): \(value)\r\n" }
    header += "WARC-Block-Digest: \(digest(block))\r\n"
    if let payload { header += "WARC-Payload-Digest: \(digest(payload))\r\n" }
    header += "Content-Length: \(block.count)\r\n\r\n"
    let bytes = Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    return Gzip.member(bytes) ?? bytes
  }

  /// The request as sent: `GET target HTTP/x`, its header fields, a blank line.
  static func requestBlock(_ capture: Capture) -> [UInt8] {
    let url = URLComponents(string: capture.finalURL)
    var target = url?.percentEncodedPath ?? "/"
    if target.isEmpty { target = "/" }
    if let query = url?.percentEncodedQuery { target += "?" + query }
    var head = "GET \(target) \(capture.httpVersion)\r\n"
    for field in capture.requestHeaders { head += "\(field.name): \(field.value)\r\n" }
    return Array((head + "\r\n").utf8)
  }

  /// The response as stored: status line, header fields (see ``WARC``), a blank line, the body.
  static func responseBlock(_ capture: Capture) -> [UInt8] {
    var head = "\(capture.httpVersion) \(capture.status) \(reason(capture.status))\r\n"
    var statesLength = false
    for field in capture.responseHeaders {
      switch field.name.lowercased() {
      case "transfer-encoding": head += "X-Communique-Transfer-Encoding: \(field.value)\r\n"
      case "content-length":
        statesLength = true
        head += "\(field.name): \(field.value)\r\n"
      default: head += "\(field.name): \(field.value)\r\n"
      }
    }
    if !statesLength { head += "Content-Length: \(capture.body.count)\r\n" }
    return Array((head + "\r\n").utf8) + capture.body
  }

  /// `sha1:` and the base32 of the SHA-1 of `bytes`.
  static func digest(_ bytes: [UInt8]) -> String {
    "sha1:" + base32(Array(Insecure.SHA1.hash(data: bytes)))
  }

  /// RFC 4648 base32 (upper case, padded).
  static func base32(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    var out = ""
    var buffer = 0
    var bits = 0
    for byte in bytes {
      buffer = buffer << 8 | Int(byte)
      bits += 8
      while bits >= 5 {
        out.append(alphabet[(buffer >> (bits - 5)) & 31])
        bits -= 5
      }
    }
    if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
    while out.count % 8 != 0 { out.append("=") }
    return out
  }

  /// A record id that the same capture always gets: `<urn:uuid:…>` from a SHA-256 of its kind and key.
  static func recordID(_ kind: String, _ key: String) -> String {
    var bytes = Array(SHA256.hash(data: Array("communique-warc \(kind) \(key)".utf8)).prefix(16))
    bytes[6] = bytes[6] & 0x0F | 0x50  // a name-based UUID's version nibble
    bytes[8] = bytes[8] & 0x3F | 0x80
    let hex = Hex.encode(bytes)
    let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
      String(hex.dropFirst(range.lowerBound).prefix(range.count))
    }
    return "<urn:uuid:\(parts.joined(separator: "-"))>"
  }

  /// `YYYY-MM-DDThh:mm:ssZ` (WARC-Date's form; the fraction dropped).
  static func warcDate(_ time: Timestamp) -> String {
    String(time.description.prefix(19)) + "Z"
  }

  /// The reason phrase of common statuses (the capture keeps only the code).
  static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 203: "Non-Authoritative Information"
    case 206: "Partial Content"
    case 404: "Not Found"
    case 410: "Gone"
    case 500: "Internal Server Error"
    default: ""
    }
  }
}

extension Archive {
  /// Writes every capture (with `knownAt`, those recorded by then) as a WARC 1.1 file at
  /// `path`, whole or not at all (``OutputFile``); returns how many captures it holds.
  public func exportWARC(to path: String, knownAt: KnownAt? = nil, software: String) throws(ArchiveError)
    -> Int
  {
    var bytes = WARC.info(
      filename: URL(fileURLWithPath: path).lastPathComponent, software: software,
      date: Timestamp(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000)))
    var count = 0
    let bound: UInt64
    do {
      bound = try log.read { reader in try self.bound(knownAt, in: reader) }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    try forEachCapture { seq, capture in
      guard seq <= bound else { return }
      bytes += WARC.records(for: capture, seq: seq)
      count += 1
    }
    do {
      try OutputFile.write(bytes, to: path)
    } catch {
      throw .storage("\(error)")
    }
    return count
  }
}
