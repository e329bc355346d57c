import Archive
import ArgumentParser

extension Communique {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check hash chain, indexes and projections; exit 1 on the first bad seq.",
      discussion: """
        Examples:
          communique verify
          communique verify --json
        """
    )

    @ParentCommand var root: Communique

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let report = try Archive.run { () throws(ArchiveError) in try archive.verify() }
      if json {
        Terminal.print(json: report.json)
      } else if let failure = report.failure {
        Terminal.error("verification failed at seq \(failure.seq): \(failure.problem)")
      } else {
        for check in report.checks { Terminal.line("ok  \(check)") }
        Terminal.line("verified \(report.events) events; head \(report.headHash)")
      }
      if !report.passed { throw ExitCode(1) }
    }
  }
}
