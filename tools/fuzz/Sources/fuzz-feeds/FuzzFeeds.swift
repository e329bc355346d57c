import Feeds

/// libFuzzer entry: any bytes through the feed reader (format sniffing, transcoding, XML, HTML,
/// entities). It must return, never crash, and hold its memory and time bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeeds(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  _ = InputReader.read(bytes, source: "fuzz")
  return 0
}
