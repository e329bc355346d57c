import Foundation
import FuzzDriver
import Feeds

/// libFuzzer entry: any bytes through the feed reader (format sniffing, transcoding, XML, HTML,
/// entities). It must return, never crash, and hold its memory and time bounds.
func fuzzFeeds(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  _ = InputReader.read(bytes, source: "fuzz")
  return 0
}

/// The symbol libFuzzer's runtime links against; the same function the driver below runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { fuzzFeeds(data, size) }

var arguments = CommandLine.argc
var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &vector) { data, size in fuzzFeeds(data, size) })
