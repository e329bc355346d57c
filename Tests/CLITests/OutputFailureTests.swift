import Domain
import Foundation
import Testing

/// Runs `communique --archive ARCHIVE ARGS…` with its standard output on `/dev/full`, where
/// every write fails with ENOSPC; returns the exit status and what it said on stderr.
func communiqueIntoFullDevice(_ archive: String, _ args: [String]) throws -> (status: Int32, stderr: String) {
  let process = Process()
  process.executableURL = binary
  process.arguments = ["--archive", archive] + args
  process.currentDirectoryURL = root
  let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
  defer { try? full.close() }
  let err = Pipe()
  process.standardOutput = full
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  // A trap would end the process by a signal, not an exit.
  #expect(process.terminationReason == .exit, "\(args) ended by signal \(process.terminationStatus)")
  return (process.terminationStatus, String(decoding: e, as: UTF8.self))
}

/// Output that cannot be written (a full disk, `> /dev/full`, a closed pipe) ends every
/// command with one line and exit 74, never a trap; a write command says what it committed.
@Suite struct OutputFailureTests {
  @Test func readCommandsWhoseOutputCannotBeWrittenExit74WithOneLine() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    for args in [["export"], ["log"], ["timeline", "--json"], ["timeline"], ["show", "1"], ["members"]] {
      let run = try communiqueIntoFullDevice(archive, args)
      #expect(run.status == 74, "\(args): \(run.stderr)")
      #expect(
        run.stderr == "communique: cannot write standard output: No space left on device\n", "\(args)")
    }
  }

  @Test func aCorrectionWhoseOutputFailsSaysItWasCommittedSoItIsNotRepeated() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    let run = try communiqueIntoFullDevice(
      archive, ["correct", "cifg-12", "--set", "city=Rome", "--reason", "r"])
    #expect(run.status == 74)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("cannot write standard output: No space left on device"), "\(run.stderr)")
    #expect(
      run.stderr.contains("committed before the failure (appended seq 2: fact.corrected)"), "\(run.stderr)")
    #expect(try eventCount(archive) == 2)
  }

  @Test func anIngestWhoseSummaryCannotBeWrittenSaysWhatItCommitted() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communiqueIntoFullDevice(archive, ["ingest", "Fixtures/seed"])
    #expect(run.status == 74)
    #expect(run.stderr.contains("committed before the failure (ingested 1 new, 0 revision)"), "\(run.stderr)")
    #expect(try eventCount(archive) == 1)
  }
}
