import Archive
import ArgumentParser
import Feeds
import Foundation

extension Communique {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read feeds, text dumps, HTML pages and folders into the archive.",
      discussion: """
        Each item is appended atomically; a text the archive already holds is a no-op, and a \
        new text under a known guid or link is recorded as a revision. Inputs that cannot be \
        read are reported with the reason; what was good is still committed (exit 65). \
        On a terminal, stderr shows progress: files, documents, rate and time left.

        Examples:
          communique ingest Fixtures/
          communique ingest feeds/cifg.xml statements/*.txt
          curl -s https://example.org/feed.xml | communique ingest -
          communique ingest --dry-run --json Fixtures/seed/
          communique ingest --verbose Fixtures/feeds
        """
    )

    @ParentCommand var root: Communique

    @Argument(help: "Files, folders (read recursively) or - for standard input.")
    var paths: [String]

    @Flag(help: "Append nothing; report what would be read and extracted.")
    var dryRun = false

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    @Option(
      help: ArgumentHelp(
        "Read the inputs in this encoding, whatever they declare (windows-1256, ISO-8859-6, UTF-8...).",
        valueName: "NAME"))
    var encoding: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors: no progress, no summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print each document read: status, id, meeting, language, source.")
    var verbose = false

    func validate() throws {
      if paths.isEmpty { throw ValidationError("give at least one file, folder or -") }
      if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
      if let encoding, InputReader.encodingName(encoding) == nil {
        throw ValidationError(
          "--encoding \(encoding) is not an encoding the readers know: use UTF-8, windows-1256, ISO-8859-6, "
            + "windows-1252, ISO-8859-1 or ISO-8859-15")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: false)
      var meter = ProgressMeter(enabled: !quiet && !json)
      let report = try Archive.run { () throws(ArchiveError) in
        // The items are kept for what prints each of them; otherwise counted only.
        try archive.ingest(paths, dryRun: dryRun, encoding: encoding, keepingItems: json || verbose) {
          report in
          meter.update(report)
        }
      }
      meter.finish()
      if !dryRun && report.newCount + report.revisionCount > 0 {
        Terminal.committed("ingested \(report.newCount) new, \(report.revisionCount) revision")
      }
      for path in report.missing { Terminal.error("\(path): no such file or directory") }
      for rejection in report.rejected { Terminal.error(rejection.description) }
      if !json && !quiet {
        for (source, decision) in report.encodings {
          if let note = decision.note { Terminal.note("note: \(source): \(note)") }
        }
      }
      if json {
        Terminal.print(json: report.json)
      } else if !quiet {
        if verbose { Terminal.line(items(report)) }
        for item in report.documents where item.status != .duplicate && !item.facts.statesMeeting {
          Terminal.note("\(item.document.source): \(item.document.id.short): archived, no meeting found")
        }
        for (source, document) in report.withoutMeeting {
          Terminal.note("\(source): \(document.short): archived, no meeting found")
        }
        let verb = dryRun ? "would ingest" : "ingested"
        Terminal.line(
          "\(verb): \(report.newCount) new, \(report.duplicateCount) duplicate, "
            + "\(report.revisionCount) revision, \(report.rejected.count + report.missing.count) rejected")
      }
      // Everything is committed (each transaction synced) and printed: the process ends here
      // instead of first freeing the report (every document read, with its facts) piece by
      // piece and closing the archive, which took about 5% of a large ingest.
      Foundation.exit(report.exitCode)
    }

    /// Every item read, one row each.
    func items(_ report: IngestReport) -> String {
      let rows = report.documents.map { item in
        [
          item.status.rawValue, item.document.id.short, item.facts.meetingID ?? "-", item.document.language,
          item.document.published?.description ?? "undated", item.document.source,
        ]
      }
      return Terminal.table(["STATUS", "DOCUMENT", "MEETING", "LANG", "PUBLISHED", "SOURCE"], rows)
    }
  }
}
