import Foundation
import FuzzDriver
import Feeds

/// libFuzzer entry: any bytes as a feed-item text dump. Input that would sniff as markup is
/// given the dump's `rss` source-kind line first, so every run reaches the dump parser.
func fuzzTextDump(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  var bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if bytes.first(where: { $0 > 0x20 }) == UInt8(ascii: "<") { bytes = Array("rss\n\n".utf8) + bytes }
  _ = InputReader.read(bytes, source: "fuzz.txt")
  return 0
}

/// The symbol libFuzzer's runtime links against; the same function the driver below runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { fuzzTextDump(data, size) }

var arguments = CommandLine.argc
var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &vector) { data, size in fuzzTextDump(data, size) })
