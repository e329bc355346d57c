import Archive
import ArgumentParser
import Domain
import EventLog
import Foundation

extension Communique {
  struct Prove: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "An inclusion proof of an event (by seq, or a document by its id) in the tree head.",
      discussion: """
        Prints the event's canonical bytes, the tree head and the RFC 9162 audit path \
        from the event's leaf to the root. --size proves it in the tree of the first N \
        events, the size of a checkpoint published earlier. Check it without Communique: \
        tools/check-proof.py inclusion PROOF.json [--checkpoint HEAD --key KEY.pub].

        Examples:
          communique prove 12
          communique prove 4c6ff659c7e4 --json > proof.json
          communique prove 12 --size 40 --json
        """
    )

    @ParentCommand var root: Communique

    @Argument(help: "A seq, or a document id (sha256:..., or 8+ hex digits of it).")
    var target: String

    @Option(help: "Prove in the tree of the first N events (default: all).")
    var size: UInt64?

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    func run() throws {
      let archive = try root.location.openWithTree()
      let now = Timestamp(microseconds: EventLog.systemClock())
      let proof = try Archive.run { () throws(ArchiveError) in
        try archive.inclusionProof(of: target, size: size, time: now)
      }
      if json { return Terminal.print(json: proof.json) }
      var lines = [
        "event \(proof.seq) (\(proof.type)\(proof.document.map { " " + Terminal.safe("\($0)") } ?? "")) is leaf \(proof.seq - 1) "
          + "of the tree of \(proof.head.size) events",
        "root      \(Hex.encode(proof.head.root))",
        "leaf hash \(Hex.encode(proof.leafHash))",
        "audit path (\(proof.path.count) hashes, from the leaf up):",
      ]
      lines += proof.path.map { "  \(Hex.encode($0))" }
      Terminal.line(lines.joined(separator: "\n"))
    }
  }
}
