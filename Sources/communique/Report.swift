import Archive
import ArgumentParser
import Domain
import Foundation
import Report

extension Communique {
  struct HTMLReport: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Write an HTML report: a static site, or one page for a small archive.",
      discussion: """
        With --out DIR/ (a path ending in / or an existing directory) it writes a static \
        site whose pages do not grow with the archive: index.html (the meetings on a time \
        axis, each group's counts as step charts, the themes, corrections and open \
        conflicts), a page per meeting (its facts with their sources, counts, conflicts, \
        corrections and documents), a page per document (its text with every fact \
        highlighted where it was read, its revisions and corrections), the document list in \
        pages of 500, and style.css. The site is written beside DIR and renamed into place; \
        a directory that is neither empty nor a site written before is refused.

        With --out FILE.html it writes one self-contained page, for archives of up to 1000 \
        documents (a larger one is refused: write a site). Neither form has a script or \
        loads anything from the network; both read on a phone (tables become cards, the \
        timeline is drawn for the width), and every value links to the quote it was read from.

        Examples:
          communique report --out site/
          communique report --out 2019/ --as-of 2019-12-31
          communique report --out report.html
          communique report --out before-corrections.html --known-at 40
          communique report --out - > report.html
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "A directory (ending in /) for the site, an HTML file for one page, or - for standard output.",
        valueName: "path"))
    var out: String

    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
      if out == "-" && options.json { throw ValidationError("--json and --out - would both write stdout") }
    }

    func run() throws {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory)
      let target = ReportTarget(out, isDirectory: exists && isDirectory.boolValue)
      let archive = try root.location.open(readOnly: true)
      if case .site(let directory) = target { return try site(archive, directory) }
      let report = try Archive.run { () throws(ArchiveError) in try archive.report(options.spec) }
      if let refusal = target.refusal(documents: report.documents.count) {
        Terminal.error(refusal)
        throw ExitCode(64)
      }
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
        "wrote \(Terminal.safe(out)): " + summary.dropLast().map { "\($0.1) \($0.0)" }.joined(separator: ", ")
          + ", " + ByteSize.text(page.count))
    }

    func site(_ archive: Archive, _ directory: String) throws {
      var meter = ProgressMeter(enabled: !quiet && !options.json)
      let summary = try Archive.run { () throws(ArchiveError) in
        try archive.writeReportSite(options.spec, to: directory) { done, total in
          meter.update("report: \(done)/\(total) document pages", done: done, total: total)
        }
      }
      meter.finish()
      let fields: [(String, Int)] = [
        ("pages", summary.pages), ("bytes", summary.bytes), ("largestBytes", summary.largestBytes),
        ("meetings", summary.meetings), ("documents", summary.documents),
      ]
      if options.json {
        return Terminal.print(
          json: .object(
            [("out", .string(summary.directory)), ("largestPage", .string(summary.largestPage))]
              + fields.map { ($0.0, .int($0.1)) }))
      }
      Terminal.line(
        "wrote \(Terminal.safe(summary.directory))/: \(summary.pages) pages, \(ByteSize.text(summary.bytes)) "
          + "(largest \(Terminal.safe(summary.largestPage)), \(ByteSize.text(summary.largestBytes))), "
          + "\(summary.meetings) meetings, \(summary.documents) documents")
    }
  }
}
