import Archive
import ArgumentParser
import Domain
import EventLog
import Foundation

extension Communique {
  struct Checkpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the Merkle tree head as a C2SP checkpoint, a signed note with --sign.",
      discussion: """
        The checkpoint commits to every event so far (RFC 6962 tree): its origin, the number \
        of events, the base64 root hash, then 'time' and 'subtree' extension lines. With \
        --sign it is a C2SP signed note that transparency-log tools check with the \
        verifier key 'keygen' prints. Publish it; later, 'verify --against' proves the \
        archive still extends it, and 'prove' proves an event is in it. \
        tools/check-proof.py checks either without Communique (docs/PROOFS.md). --json \
        prints the older 'communique tree head v1' fields with the note in "checkpoint".

        Examples:
          communique keygen --out archive-key
          communique checkpoint --sign archive-key.key > checkpoint-2026-05.txt
          communique checkpoint --sign archive-key.key --origin example.org/cifg
          communique checkpoint --json
        """
    )

    @ParentCommand var root: Communique

    @Option(help: "Sign the checkpoint with this Ed25519 private key file (from 'keygen').")
    var sign: String?

    @Option(
      help: ArgumentHelp(
        "The log's name, the checkpoint's first line (no spaces or '+').",
        discussion:
          "Default: the signing key's name (see 'keygen --name'); unsigned, the archive folder's name."))
    var origin: String?

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    func validate() throws {
      if let origin, !CheckpointNote.isValidOrigin(origin) {
        throw ValidationError("--origin '\(origin)': an origin is one word with no spaces or '+'")
      }
    }

    func run() throws {
      let key = try sign.map { path in
        try Archive.run { () throws(ArchiveError) in
          (key: try SigningKeys.privateKey(at: path), name: try SigningKeys.keyName(at: path))
        }
      }
      let origin = try origin ?? key?.name ?? archiveName()
      let archive = try root.location.openWithTree()
      let now = Timestamp(microseconds: EventLog.systemClock())
      var head = try Archive.run { () throws(ArchiveError) in try archive.treeHead(time: now) }
      var note = CheckpointNote(origin: origin, head: head)
      if let key {
        try Archive.run { () throws(ArchiveError) in
          do {
            head = try head.signed(with: key.key)
            note = try note.signed(with: key.key, name: key.name)
          } catch { throw .storage("signing the checkpoint: \(error)") }
        }
      }
      if json {
        guard case .object(var fields) = head.json else { return Terminal.print(json: head.json) }
        fields += [("origin", .string(origin)), ("checkpoint", .string(note.text))]
        return Terminal.print(json: .object(fields))
      }
      Terminal.out(Array(note.text.utf8))
    }

    /// The archive folder's name, the origin of an unsigned checkpoint.
    func archiveName() throws -> String {
      let name = URL(fileURLWithPath: root.location.path).standardizedFileURL.lastPathComponent
      guard CheckpointNote.isValidOrigin(name) else {
        throw ValidationError("the archive folder's name '\(name)' cannot be an origin; give --origin NAME")
      }
      return name
    }
  }
}

extension ArchiveLocation {
  /// Opens the archive for a proof command: read-only, like every read command (it never
  /// writes a store). An archive written before proofs has no stored tree: it is computed in
  /// memory, and a note says so.
  func openWithTree() throws -> Archive {
    let archive = try open(readOnly: true)
    guard (try? archive.treeIsStored()) == false else { return archive }
    Terminal.note(
      "note: \(archive.path) has no stored Merkle tree (written before proofs): computing it in memory; "
        + "the next write command stores it")
    return archive
  }
}
