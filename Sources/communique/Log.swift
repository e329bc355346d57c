import Archive
import Report
import ArgumentParser
import Domain

extension Communique {
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The events of the log, oldest first.",
      discussion: """
        The log has transaction time only: --known-at limits it, --as-of is refused. \
        --type keeps events of a type (fact.corrected) or a family (document); --limit N \
        keeps the latest N, still oldest first.

        Examples:
          communique log
          communique log --known-at 10 --json
          communique log --type fact.corrected --limit 5
          communique log --since 2026-12-01 --until 2026-12-31
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    @Option(help: ArgumentHelp("Only events of this type or family (repeatable).", valueName: "TYPE"))
    var type: [String] = []

    @Option(help: ArgumentHelp("Only the latest N events.", valueName: "N"))
    var limit: Int?

    @OptionGroup var narrowing: NarrowingOptions
    @OptionGroup var output: CSVOption
    @OptionGroup var width: WideOption

    func validate() throws {
      try output.check(json: options.json)
      if options.asOf != nil {
        throw ValidationError("--as-of does not apply to log: events have no valid time (use --known-at)")
      }
      if narrowing.group != nil {
        throw ValidationError("--group does not apply to log: an event belongs to no one group (use --type)")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let entries = try Archive.run { () throws(ArchiveError) in
        let query = try LogQuery(
          types: type, limit: limit, since: narrowing.narrowing.since, until: narrowing.narrowing.until)
        if let note = try archive.noteBeforeFirstEvent(options.spec.knownAt) { Terminal.note(note) }
        return query.apply(try archive.logEntries(knownAt: options.spec.knownAt))
      }
      if options.json { return Terminal.print(json: .object([("events", .array(entries.map(\.json)))])) }
      let rows = entries.map { ["\($0.seq)", $0.recordedAt.description, $0.type, $0.summary] }
      if output.csv {
        return Terminal.out(Array(CSV.document(["seq", "recordedAt", "type", "summary"], rows).utf8))
      }
      Terminal.line(Terminal.table(["SEQ", "RECORDED", "TYPE", "SUMMARY"], rows, yielding: [3]))
    }
  }
}
