import Foundation
import Testing

@testable import Report

@Suite struct FileOutputTests {
  @Test func aWriteToAFullDeviceThrowsTheSystemsErrorInsteadOfTrapping() throws {
    let full = open("/dev/full", O_WRONLY)
    try #require(full >= 0)
    defer { close(full) }
    let output = FileOutput(descriptor: full, name: "standard output")
    #expect(throws: OutputError(output: "standard output", code: ENOSPC)) { try output.write("x\n") }
  }

  @Test func everyByteReachesTheFile() throws {
    let path = NSTemporaryDirectory() + "file-output-" + UUID().uuidString
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    try #require(descriptor >= 0)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
    try FileOutput(descriptor: descriptor, name: "file").write(bytes)
    close(descriptor)
    #expect(FileManager.default.contents(atPath: path).map(Array.init) == bytes)
  }

  @Test func theMessageSaysWhatWasCommittedWhenSomethingWas() {
    let error = OutputError(output: "standard output", code: EPIPE)
    #expect(error.description == "cannot write standard output: Broken pipe")
    #expect(error.message(committed: nil) == error.description)
    #expect(
      error.message(committed: "appended seq 4: fact.corrected")
        == "cannot write standard output: Broken pipe; the archive change was committed before the failure "
        + "(appended seq 4: fact.corrected): do not repeat it")
  }
}
