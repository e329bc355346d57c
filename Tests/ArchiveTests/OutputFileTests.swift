import Foundation
import Testing

@testable import Archive

/// Writing the report: whole or not at all, and no temporary file left by a killed run.
@Suite struct OutputFileTests {
  @Test func aWriteRemovesTheTemporaryFilesOfDeadWritersAndLeavesOnlyTheTarget() throws {
    let directory = NSTemporaryDirectory() + "communique-output-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // A process that has exited: its pid names no process (until reused).
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    let stale = directory + "/.report.html.partial-\(gone.processIdentifier)"
    let living = directory + "/.report.html.partial-1"
    for path in [stale, living] {
      #expect(FileManager.default.createFile(atPath: path, contents: Data("<ht".utf8)))
    }
    try OutputFile.write(Array("<html></html>".utf8), to: directory + "/report.html")
    let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(left == [".report.html.partial-1", "report.html"])
    #expect(FileManager.default.contents(atPath: directory + "/report.html") == Data("<html></html>".utf8))
  }

  @Test func aWriteThatFailsLeavesNoTemporaryFile() throws {
    let directory = NSTemporaryDirectory() + "communique-output-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: directory + "/report.html", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(throws: OutputFileError.self) {
      try OutputFile.write(Array("x".utf8), to: directory + "/report.html")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.html"])
  }
}
