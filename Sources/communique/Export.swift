import Archive
import Domain
import ArgumentParser
import Foundation
import JSONForm

extension Communique {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the log as NDJSON on stdout, one event a line.",
      discussion: """
        With --warc FILE, writes the captures of followed feeds instead: ISO 28500 WARC 1.1, \
        gzip-compressed record by record (a warcinfo record, then a request and a response \
        record per capture, verbatim headers, SHA-1 block and payload digests).

        Examples:
          communique export > archive.ndjson
          communique export --known-at 40 | communique --archive copy import -
          communique export --warc captures.warc.gz
        """
    )

    @ParentCommand var root: Communique

    @Option(name: .customLong("known-at"), help: "Only events up to SEQ or TIMESTAMP.")
    var knownAt: String?

    @Option(help: ArgumentHelp("Write the captures as a WARC 1.1 file (FILE.warc.gz).", valueName: "FILE"))
    var warc: String?

    func validate() throws {
      if let knownAt, KnownAt(knownAt) == nil {
        throw ValidationError("--known-at \(knownAt) is neither a seq nor a timestamp")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      if let warc {
        let count = try Archive.run { () throws(ArchiveError) in
          try archive.exportWARC(
            to: warc, knownAt: knownAt.flatMap { KnownAt($0) },
            software: "Communique/\(CommuniqueVersion.current)")
        }
        return Terminal.line("wrote \(count) captures to \(Terminal.safe(warc))")
      }
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
