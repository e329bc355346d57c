import Archive
import ArgumentParser
import Domain
import Foundation
import Report

extension Communique {
  struct HTMLReport: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Write an HTML report: timeline, count charts, themes, evidence.",
      discussion: """
        The page needs nothing from the network: its style and its SVG charts are inline and \
        it has no script. It shows the meetings on a time axis (virtual ones hollow), each \
        group's membership counts as step charts ("over N" drawn as a lower bound), the \
        themes as bars and a meeting-by-theme grid, the corrections, retractions and \
        conflicts; every value links to the quote it was read from and to its source.

        Examples:
          communique report --out report.html
          communique report --out 2019.html --as-of 2019-12-31
          communique report --out before-corrections.html --known-at 40
          communique report --out - > report.html
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp("The HTML file to write, or - for standard output.", valueName: "file"))
    var out: String

    func validate() throws {
      if out == "-" && options.json { throw ValidationError("--json and --out - would both write stdout") }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let report = try Archive.run { () throws(ArchiveError) in try archive.report(options.spec) }
      let page = Data(ReportPage.html(report).utf8)
      if out == "-" {
        Terminal.out(Array(page))
        return
      }
      do {
        try OutputFile.write(page, to: out)
      } catch {
        Terminal.error("\(out): cannot write the report (\(String(cString: strerror(error.code))))")
        throw ExitCode(74)
      }
      let summary: [(String, Int)] = [
        ("meetings", report.meetings.count), ("series", report.series.count), ("themes", report.themes.count),
        ("sources", report.documents.count), ("corrections", report.corrections.count),
        ("conflicts", report.conflicts.count), ("bytes", page.count),
      ]
      if options.json {
        return Terminal.print(json: .object([("out", .string(out))] + summary.map { ($0.0, .int($0.1)) }))
      }
      Terminal.line(
        "wrote \(Terminal.safe(out)): " + summary.map { "\($0.1) \($0.0)" }.joined(separator: ", "))
    }
  }
}
