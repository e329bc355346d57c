import Archive
import ArgumentParser
import Domain
import EventLog
import Foundation

extension Communique {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check hash chain, indexes and projections; exit 1 on the first bad seq.",
      discussion: """
        With --against, also prove that the archive extends an earlier checkpoint (a tree \
        head from 'checkpoint'): its signature holds (made with the --key public key when \
        given), the archive's first events have its root, and a consistency proof leads \
        from it to the archive's head; else exit 1 naming the first events that differ.

        Examples:
          communique verify
          communique verify --json
          communique verify --against head-2026-05.txt --key archive-key.pub
        """
    )

    @ParentCommand var root: Communique

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    @Option(help: "A checkpoint file (text or JSON from 'checkpoint') the archive must extend.")
    var against: String?

    @Option(help: "The Ed25519 public key file (from 'keygen') that must have signed the checkpoint.")
    var key: String?

    func validate() throws {
      if key != nil && against == nil { throw ValidationError("--key needs --against CHECKPOINT") }
    }

    func run() throws {
      let old = try against.map { path in
        try Archive.run { () throws(ArchiveError) in try Verify.readHead(path) }
      }
      let trusted = try key.map { path in
        try Archive.run { () throws(ArchiveError) in try SigningKeys.publicKey(at: path) }
      }
      let archive = try old == nil ? root.location.open(readOnly: true) : root.location.openWithTree()
      let report = try Archive.run { () throws(ArchiveError) in try archive.verify() }
      var consistency: ConsistencyReport?
      if let old, report.passed {
        let now = Timestamp(microseconds: EventLog.systemClock())
        consistency = try Archive.run { () throws(ArchiveError) in
          try archive.checkConsistency(with: old, trustedKey: trusted, time: now)
        }
      }
      let passed = report.passed && (consistency?.passed ?? true)
      if json {
        var fields: [(String, JSONValue)] = []
        if case .object(let all) = report.json { fields = all }
        if let consistency { fields.append(("against", consistency.json)) }
        fields = fields.map { $0.0 == "ok" ? ("ok", .bool(passed)) : $0 }
        Terminal.print(json: .object(fields))
      } else if let failure = report.failure {
        Terminal.error("verification failed at seq \(failure.seq): \(failure.problem)")
      } else {
        for check in report.checks { Terminal.line("ok  " + Terminal.safe(check)) }
        for check in consistency?.checks ?? [] { Terminal.line("ok  " + Terminal.safe(check)) }
        if let consistency, let failure = consistency.failure {
          Terminal.error("\(against ?? ""): \(failure)")
        } else {
          Terminal.line("verified \(report.events) events; head \(report.headHash)")
        }
      }
      if !passed { throw ExitCode(1) }
    }

    /// Reads a checkpoint file: 66 when missing, 65 when it is not a tree head.
    static func readHead(_ path: String) throws(ArchiveError) -> TreeHead {
      guard FileManager.default.fileExists(atPath: path) else { throw .missingInput(path) }
      guard let data = FileManager.default.contents(atPath: path) else {
        throw .badInput(source: path, problem: "cannot be read (permission denied?)")
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw .badInput(source: path, problem: "not UTF-8 text")
      }
      return try TreeHead(parsing: text, source: path)
    }
  }
}
