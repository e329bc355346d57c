import Archive
import ArgumentParser
import Foundation

extension Communique {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the log as NDJSON on stdout, one event a line.",
      discussion: """
        Examples:
          communique export > archive.ndjson
          communique export --known-at 40 | communique --archive copy import -
        """
    )

    @ParentCommand var root: Communique

    @Option(name: .customLong("known-at"), help: "Only events up to SEQ or TIMESTAMP.")
    var knownAt: String?

    func validate() throws {
      if let knownAt, KnownAt(knownAt) == nil {
        throw ValidationError("--known-at \(knownAt) is neither a seq nor a timestamp")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      var buffer: [UInt8] = []
      buffer.reserveCapacity(1 << 20)
      try Archive.run { () throws(ArchiveError) in
        try archive.export(knownAt: knownAt.flatMap { KnownAt($0) }) { line in
          buffer += line
          if buffer.count >= 1 << 20 {
            Terminal.out(buffer)
            buffer.removeAll(keepingCapacity: true)
          }
        }
      }
      Terminal.out(buffer)
    }
  }
}
