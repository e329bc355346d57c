import Archive
import ArgumentParser
import Domain

extension Communique {
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The events of the log, oldest first.",
      discussion: """
        Examples:
          communique log
          communique log --known-at 10 --json
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let entries = try Archive.run { () throws(ArchiveError) in
        try archive.logEntries(knownAt: options.spec.knownAt)
      }
      if options.json { return Terminal.print(json: .object([("events", .array(entries.map(\.json)))])) }
      let rows = entries.map { ["\($0.seq)", $0.recordedAt.description, $0.type, $0.summary] }
      Terminal.line(Terminal.table(["SEQ", "RECORDED", "TYPE", "SUMMARY"], rows))
    }
  }
}
