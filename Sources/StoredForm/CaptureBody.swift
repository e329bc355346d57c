import Domain

/// How the capture store keeps a body (docs/FORMAT.md, **capture bodies**): a codec byte
/// (0 plain, 1 Zstandard), the body's length as a varint, then the body or one frame that
/// decompresses to exactly that length. Compressed with the documents' texts' codec, so the
/// zstd calls stay in `Zstd.swift`.
package enum CaptureBody {
  /// The stored value of `body`: compressed when that is shorter.
  package static func stored(_ body: [UInt8]) -> [UInt8] {
    var w = ByteWriter()
    let frame =
      body.count > 64 && body.count <= StoredText.compressionLimit
      ? body.withUnsafeBytes { StoredText.compressed($0) } : nil
    w.byte(frame == nil ? 0 : 1)
    w.varint(UInt64(body.count))
    w.raw(frame ?? body)
    return w.bytes
  }

  /// The body a stored value holds; an error says what is wrong with a damaged one.
  package static func body(stored: [UInt8]) throws(StoredFormError) -> [UInt8] {
    let result = stored.withUnsafeBytes { bytes in
      Result { () throws(StoredFormError) -> [UInt8] in
        var r = ByteReader(borrowing: bytes)
        let codec = try r.byte()
        let at = r.offset
        let length = try r.varint()
        let rest = try r.slice(bytes.count - r.offset)
        switch codec {
        case 0:
          guard UInt64(rest.count) == length else { throw .malformed("body length does not match", at: at) }
          return Array(rest)
        case 1:
          guard length <= UInt64(StoredText.compressionLimit),
            length <= UInt64(rest.count) * UInt64(StoredText.expansionLimit),
            let body = StoredText.decompressed(rest, length: Int(length))
          else { throw .malformed("compressed body does not decompress to its length", at: at) }
          return body
        default:
          throw .malformed("unknown body codec \(codec)", at: 0)
        }
      }
    }
    return try result.get()
  }
}
