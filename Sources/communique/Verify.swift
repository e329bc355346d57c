import Archive
import ArgumentParser
import Domain
import EventLog
import Foundation
import JSONForm

extension Communique {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check hash chain, indexes and projections; exit 1 on the first bad seq.",
      discussion: """
        With --against, also prove that the archive extends an earlier checkpoint (from \
        'checkpoint': a C2SP signed note, or the older 'communique tree head v1' text or \
        JSON): its signature holds, the archive's first events have its root, and a \
        consistency proof leads from it to the archive's head; else exit 1 naming the \
        first events that differ. A signed note names its key only by a 4-byte ID, so its \
        signature is checked only with --key (a .pub file or a verifier key string); an \
        older head is checked with the key it carries, or --key.

        Examples:
          communique verify
          communique verify --json
          communique verify --against checkpoint-2026-05.txt --key archive-key.pub
        """
    )

    @ParentCommand var root: Communique

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    @Option(help: "A checkpoint file (from 'checkpoint', either form) the archive must extend.")
    var against: String?

    @Option(
      help: "The key that must have signed the checkpoint: a .pub file from 'keygen' or NAME+KEYID+BASE64.")
    var key: String?

    func validate() throws {
      if key != nil && against == nil { throw ValidationError("--key needs --against CHECKPOINT") }
    }

    func run() throws {
      let old = try against.map { path in
        try Archive.run { () throws(ArchiveError) in try Verify.readHead(path) }
      }
      let trusted = try key.map { path in
        try Archive.run { () throws(ArchiveError) in try SigningKeys.verifierKey(path) }
      }
      let archive = try old == nil ? root.location.open(readOnly: true) : root.location.openWithTree()
      let report = try Archive.run { () throws(ArchiveError) in try archive.verify() }
      var consistency: ConsistencyReport?
      if let old, report.passed {
        let now = Timestamp(microseconds: EventLog.systemClock())
        consistency = try Archive.run { () throws(ArchiveError) in
          switch old {
          case .treeHead(let head):
            return try archive.checkConsistency(with: head, trustedKey: trusted?.publicKey, time: now)
          case .note(let note):
            return try archive.checkConsistency(with: note, trusted: trusted, time: now)
          }
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

    /// A checkpoint as read: the C2SP signed note, or the older tree head.
    enum ReadCheckpoint {
      case note(CheckpointNote)
      case treeHead(TreeHead)
    }

    /// Reads a checkpoint file: 66 when missing, 65 when it is not a checkpoint.
    static func readHead(_ path: String) throws(ArchiveError) -> ReadCheckpoint {
      guard FileManager.default.fileExists(atPath: path) else { throw .missingInput(path) }
      guard let data = FileManager.default.contents(atPath: path) else {
        throw .badInput(source: path, problem: "cannot be read (permission denied?)")
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw .badInput(source: path, problem: "not UTF-8 text")
      }
      guard CheckpointNote.isCheckpointText(text) else {
        return .treeHead(try TreeHead(parsing: text, source: path))
      }
      return .note(try CheckpointNote(parsing: text, source: path))
    }
  }
}
