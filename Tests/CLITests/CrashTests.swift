import Domain
import Foundation
import JSONForm
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The short version of tools/crash-test: `ingest` killed with SIGKILL at random instants
/// leaves an archive that verifies, and a final ingest completes it, each document once.
@Suite struct CrashTests {
  @Test func ingestKilledAtRandomInstantsLeavesAVerifiableArchiveThatAFinalIngestCompletes() throws {
    let work = temporaryPath("crash")
    defer { try? FileManager.default.removeItem(atPath: work) }
    let corpus = work + "/corpus"
    let archive = work + "/archive"
    let expected = try makeCorpus(corpus, files: 20, items: 10)
    var previous = 0
    for _ in 0..<3 {
      let ingest = try startCommunique(archive, ["ingest", "-q", corpus])
      usleep(UInt32.random(in: 50_000...900_000))
      kill(ingest.processIdentifier, SIGKILL)
      ingest.waitUntilExit()
      let verify = try communique(archive, ["verify"])
      if previous == 0 && verify.stderr.contains("nothing has been ingested yet") {
        #expect(verify.status == 74)
        continue
      }
      #expect(verify.status == 0, "\(verify.stderr)")
      let events = try eventCount(archive) ?? -1
      #expect(events >= previous, "the log shrank after a kill")
      previous = events
    }
    let final = try communique(archive, ["ingest", "-q", corpus])
    #expect(final.status == 0, "\(final.stderr)")
    #expect(try eventCount(archive) == expected)
    #expect(try communique(archive, ["verify"]).status == 0)
    let again = try communique(archive, ["ingest", corpus])
    #expect(again.stdout.contains("0 new, \(expected) duplicate"), "\(again.stdout)")
  }
}

/// Several processes on one archive: writers take turns, readers see whole states.
@Suite struct ConcurrentUseTests {
  @Test func twoIngestsOnOneArchiveAtOnceBothSucceedAndLoseNothing() throws {
    let work = temporaryPath("two-writers")
    defer { try? FileManager.default.removeItem(atPath: work) }
    let archive = work + "/archive"
    let a = try makeCorpus(work + "/a", files: 8, items: 10, first: 1)
    let b = try makeCorpus(work + "/b", files: 8, items: 10, first: 10_001, seed: 2)
    let first = try startCommunique(archive, ["ingest", "-q", work + "/a"])
    let second = try startCommunique(archive, ["ingest", "-q", work + "/b"])
    first.waitUntilExit()
    second.waitUntilExit()
    #expect(first.terminationStatus == 0)
    #expect(second.terminationStatus == 0)
    #expect(try eventCount(archive) == a + b)
    #expect(try communique(archive, ["verify"]).status == 0)
  }

  @Test func aWriterThatCannotGetTheWriteLockInTimeExits74SayingSo() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    // Hold the lock as another writer would: a flock through a descriptor of our own.
    let descriptor = open(archive + "/write.lock", O_RDWR)
    #expect(descriptor >= 0)
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    let blocked = try communique(archive, ["--lock-timeout", "0.2", "ingest", "Fixtures/feeds"])
    #expect(blocked.status == 74)
    #expect(blocked.stderr.contains("write lock \(archive)/write.lock"), "\(blocked.stderr)")
    #expect(blocked.stderr.contains("another process is still writing; gave up"))
    #expect(blocked.stderr.split(separator: "\n").count == 1)
    // Readers never wait for the lock.
    #expect(try communique(archive, ["timeline"]).status == 0)
    close(descriptor)
    #expect(try communique(archive, ["ingest", "Fixtures/feeds"]).status == 0)
    #expect(try eventCount(archive) == 9)
  }

  @Test func readersDuringAnIngestAlwaysSeeAnArchiveThatVerifies() throws {
    let work = temporaryPath("readers")
    defer { try? FileManager.default.removeItem(atPath: work) }
    let archive = work + "/archive"
    let expected = try makeCorpus(work + "/corpus", files: 15, items: 10)
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    let writer = try startCommunique(archive, ["ingest", "-q", work + "/corpus"])
    var reads = 0
    var previous = 1
    while writer.isRunning && reads < 30 {
      let verify = try communique(archive, ["verify", "--json"])
      #expect(verify.status == 0, "\(verify.stderr)")
      let events = try JSONParser.parse(verify.stdout)["events"]?.intValue ?? -1
      #expect(events >= previous)
      previous = events
      let timeline = try communique(archive, ["timeline", "--json"])
      #expect(timeline.status == 0, "\(timeline.stderr)")
      reads += 1
    }
    writer.waitUntilExit()
    #expect(writer.terminationStatus == 0)
    #expect(try eventCount(archive) == expected + 1)
  }

  @Test func aReaderSlotLeftByAKilledProcessIsReclaimedWhenTheCLIOpensTheArchive() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    // One process keeps the archive open (else the next opener resets the reader table);
    // another holds a read transaction and is killed.
    let holder = try pythonHolding(archive, readTransaction: false)
    let reader = try pythonHolding(archive, readTransaction: true)
    defer {
      kill(holder.processIdentifier, SIGKILL)
      holder.waitUntilExit()
    }
    #expect(try readerTable(archive).contains(reader.processIdentifier))
    kill(reader.processIdentifier, SIGKILL)
    reader.waitUntilExit()
    #expect(try readerTable(archive).contains(reader.processIdentifier), "the slot is stale until reclaimed")
    #expect(try communique(archive, ["timeline"]).status == 0)
    #expect(try !readerTable(archive).contains(reader.processIdentifier))
  }

  /// A python3-lmdb process with the archive open (and a read transaction, if asked), started
  /// and ready.
  func pythonHolding(_ archive: String, readTransaction: Bool) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [
      "-c",
      """
      import lmdb, sys, time
      env = lmdb.open(sys.argv[1], max_dbs=16, readonly=True)
      txn = env.begin() if sys.argv[2] == "1" else None
      print("ready", flush=True)
      time.sleep(60)
      """,
      archive, readTransaction ? "1" : "0",
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    _ = try out.fileHandleForReading.read(upToCount: 6)
    return process
  }

  /// The pids in the archive's reader table, as `mdb_stat -r` (lmdb-utils) lists them.
  func readerTable(_ archive: String) throws -> [Int32] {
    let run = try execute("/usr/bin/mdb_stat", ["-r", archive])
    return run.stdout.split(separator: "\n").compactMap { line in
      line.split(separator: " ").first.flatMap { Int32($0) }
    }
  }
}
