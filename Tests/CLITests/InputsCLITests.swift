import Domain
import Foundation
import Testing

/// What ingest says about its inputs: URLs, standard input's name, what folders skip, files
/// that are no text, empty inputs, the archive it creates, the input limit, and Ctrl-C.
@Suite struct InputsCLITests {
  /// A scratch folder, removed by the caller.
  func folder(_ files: [String: [UInt8]]) throws -> String {
    let path = temporaryPath("inputs")
    for (name, bytes) in files {
      let full = path + "/" + name
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      #expect(FileManager.default.createFile(atPath: full, contents: Data(bytes)))
    }
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  let statement = Array(
    "The Counter ISIS Finance Group met in Rome on March 19-20, 2015, co-chaired by Italy.\n".utf8)

  @Test func aURLGetsAHintToFollowAndFetch() throws {
    let run = try communique(temporaryArchive(), ["ingest", "https://example.org/feed.xml"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("communique follow https://example.org/feed.xml"), "\(run.stderr)")
    #expect(run.stderr.contains("communique fetch"))
  }

  @Test func standardInputIsRecordedUnderTheSourceGiven() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(
      archive, ["ingest", "-", "--source", "example.org/cifg", "--dry-run", "--json"], stdin: Data(statement))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains(#""source":"example.org/cifg""#), "\(run.stdout)")
    #expect(try communique(archive, ["ingest", "Fixtures/seed", "--source", "x"]).status == 64)
  }

  @Test func foldersCountWhatTheySkipByReasonAndVerboseListsIt() throws {
    let dir = try folder([
      "a.txt": statement, "b.pdf": [0x25, 0x50, 0x44, 0x46], "c.png": [0x89, 0x50], ".hidden.txt": statement,
      "d.pdf": [0x25],
    ])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["ingest", "--dry-run", dir])
    #expect(run.status == 0)
    #expect(
      run.stderr.contains("skipped 4 files in folders: 2 .pdf: not a feed, page or text dump; 1 .png"),
      "\(run.stderr)")
    #expect(run.stderr.contains("1 hidden") && run.stderr.contains("(--verbose lists them)"))
    let verbose = try communique(archive, ["ingest", "--dry-run", "--verbose", dir])
    #expect(verbose.stderr.contains("skipped \(dir)/b.pdf: .pdf"), "\(verbose.stderr)")
  }

  @Test func aPDFOrBinaryFileNamedDirectlyIsRefusedAsSuch() throws {
    let dir = try folder([
      "x.pdf": Array("%PDF-1.7\n".utf8), "y.txt": [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D],
    ])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["ingest", dir + "/x.pdf", dir + "/y.txt", "Fixtures/seed"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("\(dir)/x.pdf: a PDF, not a feed, page or text dump"), "\(run.stderr)")
    #expect(run.stderr.contains("\(dir)/y.txt: binary content (NUL bytes)"), "\(run.stderr)")
    #expect(run.stdout.contains("ingested: 1 new"), "the good input is still committed")
  }

  @Test func aDryRunCountsDuplicatesWithinTheRunAsTheRealRunDoes() throws {
    let dir = try folder(["a.txt": statement, "b.txt": statement, "c.txt": Array("Another text.\n".utf8)])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let dry = try communique(archive, ["ingest", "--dry-run", dir])
    #expect(dry.stdout.contains("would ingest: 2 new, 1 duplicate"), "\(dry.stdout)")
    let real = try communique(archive, ["ingest", dir])
    #expect(real.stdout.contains("ingested: 2 new, 1 duplicate"), "\(real.stdout)")
  }

  @Test func emptyInputsWarn() throws {
    let dir = try folder(["empty.txt": [], "sub/notes.md": Array("x".utf8)])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["ingest", "--dry-run", dir + "/empty.txt", dir + "/sub"])
    #expect(run.stderr.contains("\(dir)/empty.txt: empty file"), "\(run.stderr)")
    #expect(run.stderr.contains("warning: \(dir)/sub: no input in this folder"), "\(run.stderr)")
  }

  @Test func creatingAnArchiveSaysWhereAndReadsNeverCreateOne() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let read = try communique(archive, ["timeline"])
    #expect(read.status == 74 && read.stderr.contains("no archive there"), "\(read.stderr)")
    #expect(!FileManager.default.fileExists(atPath: archive))
    let first = try communique(archive, ["ingest", "Fixtures/seed"])
    #expect(first.stderr.contains("note: created a new archive at \(archive)"), "\(first.stderr)")
    let second = try communique(archive, ["ingest", "Fixtures/seed"])
    #expect(!second.stderr.contains("created"))
    let file = try communique("/etc/passwd", ["timeline"])
    #expect(file.status == 74)
    #expect(file.stderr.contains("/etc/passwd: it is a file, not an archive directory"), "\(file.stderr)")
    #expect(try communique("/etc/passwd", ["ingest", "Fixtures/seed"]).status == 74)
  }

  @Test func theInputLimitIsAnOptionAndSizesReadAsPeopleWriteThem() throws {
    let dir = try folder(["big.txt": Array(repeating: 0x61, count: 3000)])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["ingest", "--dry-run", "--max-input-size", "2K", dir + "/big.txt"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("file of 2.9 KiB exceeds the input limit of 2 KiB"), "\(run.stderr)")
    #expect(try communique(archive, ["ingest", "--max-input-size", "lots", dir]).status == 64)
  }

  @Test func ctrlCDuringIngestSaysWhatIsCommittedAndRunningAgainContinues() throws {
    let corpus = temporaryPath("corpus")
    defer { try? FileManager.default.removeItem(atPath: corpus) }
    let items = try makeCorpus(corpus, files: 40, items: 150)
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let process = Process()
    process.executableURL = binary
    process.arguments = ["--archive", archive, "ingest", corpus]
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    // Until the first input is committed (the language data loads first).
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline && process.isRunning,
      (try? communique(archive, ["log", "--limit", "1"]))?.stdout.split(separator: "\n").count ?? 0 < 2
    {
      Thread.sleep(forTimeInterval: 0.2)
    }
    guard process.isRunning else {
      Issue.record("the ingest ended before it could be interrupted; make the corpus larger")
      return
    }
    kill(process.processIdentifier, SIGINT)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 130, "\(stderr)")
    #expect(stderr.contains("interrupted after"), "\(stderr)")
    #expect(stderr.contains("committed; run the same ingest again to continue"), "\(stderr)")
    let again = try communique(archive, ["ingest", corpus])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try eventCount(archive) == items)
  }
}
