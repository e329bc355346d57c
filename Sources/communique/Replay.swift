import Archive
import ArgumentParser
import Domain

extension Communique {
  struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The whole state of the archive as of a date.",
      discussion: """
        Prints the timeline, the membership history and the theme statistics as the sources \
        described them on DATE (with --known-at, as the archive knew them then). --events \
        adds, event by event, what each changed in that state. --hash prints only the SHA-256 \
        of the canonical state: two copies of an archive agree exactly when their hashes do.

        Examples:
          communique replay --as-of 2019-12-31
          communique replay --as-of 2019-12-31 --events
          communique replay --as-of 2024-01-01 --known-at 40 --hash
        """
    )

    @ParentCommand var root: Communique

    @Option(
      name: [.customLong("as-of"), .customLong("to")],
      help: "The valid-time date to replay to (YYYY-MM-DD); --to is the older name.")
    var to: String

    @Option(
      name: .customLong("known-at"), help: "Transaction time: what the archive held at SEQ or TIMESTAMP.")
    var knownAt: String?

    @Flag(help: "Also print what each event changed.")
    var events = false

    @Flag(help: "Print only the SHA-256 of the canonical state.")
    var hash = false

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    @OptionGroup var width: WideOption

    func validate() throws {
      guard CalendarDate(iso: to) != nil else {
        throw ValidationError("--as-of \(to) is not a YYYY-MM-DD date")
      }
      if let knownAt, KnownAt(knownAt) == nil {
        throw ValidationError("--known-at \(knownAt) is neither a seq nor a timestamp")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let date = CalendarDate(iso: to) ?? CalendarDate(daysSinceEpoch: 0)
      let result = try Archive.run { () throws(ArchiveError) in
        try archive.replay(to: date, knownAt: knownAt.flatMap { KnownAt($0) }, events: events)
      }
      if json { return Terminal.print(json: result.json) }
      if hash { return Terminal.line(result.hash) }
      if events {
        for step in result.steps {
          Terminal.line("seq \(step.event.seq) \(step.event.recordedAt) \(step.event.event.type.name)")
          Terminal.line("  " + Terminal.safe(step.event.event.summary))
          for line in ViewText.diff(step.diff) { Terminal.line("    " + line) }
        }
        Terminal.line("")
      }
      let known = result.knownAt.map { ", known at \($0)" } ?? ""
      Terminal.line("State as of \(result.to)\(known) — sha256 \(result.hash)\n")
      Terminal.line("Meetings\n" + ViewText.timeline(result.view) + "\n")
      Terminal.line("Membership\n" + ViewText.members(result.view) + "\n")
      Terminal.line("Themes\n" + ViewText.themes(result.view))
    }
  }
}
