import Archive
import ArgumentParser
import Domain
import EventLog
import Foundation

extension Communique {
  struct Checkpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the Merkle tree head (size, root hash, time), signed with --sign.",
      discussion: """
        The head commits to every event so far (RFC 6962 tree). Publish it; later, \
        'verify --against' proves the archive still extends it, and 'prove' proves an \
        event is in it. tools/check-proof.py checks either without Communique \
        (docs/PROOFS.md).

        Examples:
          communique keygen --out archive-key
          communique checkpoint --sign archive-key.key > head-2026-05.txt
          communique checkpoint --json
        """
    )

    @ParentCommand var root: Communique

    @Option(help: "Sign the head with this Ed25519 private key file (from 'keygen').")
    var sign: String?

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    func run() throws {
      let key = try sign.map { path in
        try Archive.run { () throws(ArchiveError) in try SigningKeys.privateKey(at: path) }
      }
      let archive = try root.location.openWithTree()
      let now = Timestamp(microseconds: EventLog.systemClock())
      var head = try Archive.run { () throws(ArchiveError) in try archive.treeHead(time: now) }
      if let key {
        head = try Archive.run { () throws(ArchiveError) in
          do { return try head.signed(with: key) } catch { throw .storage("signing the tree head: \(error)") }
        }
      }
      if json { return Terminal.print(json: head.json) }
      Terminal.out(Array(head.text.utf8))
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
