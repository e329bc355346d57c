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
          communique ingest - --source example.org/statement < statement.txt
          communique ingest --max-input-size 64M big-feed.xml

        Files a folder holds that are no input (hidden, .pdf, images…) are skipped and counted \
        on stderr by reason (--verbose lists them); a PDF, an image or other binary file named \
        directly is refused. A URL is not read: follow it (communique follow URL) and fetch.
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

    @Option(
      help: ArgumentHelp("The source recorded for documents read from standard input (-).", valueName: "NAME")
    )
    var source: String?

    @Option(
      name: .customLong("max-input-size"),
      help: ArgumentHelp("The largest input read (default 32M; K, M, G are binary units).", valueName: "SIZE")
    )
    var maxInputSize: String?

    func validate() throws {
      if paths.isEmpty { throw ValidationError("give at least one file, folder or -") }
      if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
      if let url = paths.first(where: { $0.hasPrefix("http://") || $0.hasPrefix("https://") }) {
        throw ValidationError(
          "\(url) is a URL; ingest reads files, folders and -. To read a feed: communique follow \(url), "
            + "then communique fetch (or: curl -s URL | communique ingest - --source URL)")
      }
      if let source {
        guard paths.contains("-") else {
          throw ValidationError("--source names standard input: give - as an input")
        }
        if source.isEmpty || source == "-" { throw ValidationError("--source needs a name other than -") }
      }
      if let maxInputSize, ByteSize.parse(maxInputSize) == nil {
        throw ValidationError("--max-input-size \(maxInputSize) is not a size: give bytes or K, M, G (64M)")
      }
      if let encoding, InputReader.encodingName(encoding) == nil {
        throw ValidationError(
          "--encoding \(encoding) is not an encoding the readers know: use UTF-8, windows-1256, ISO-8859-6, "
            + "windows-1252, ISO-8859-1 or ISO-8859-15")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: false, announcing: !quiet && !json)
      var meter = ProgressMeter(enabled: !quiet && !json)
      // Ctrl-C (or SIGTERM) ends the process where it is, as a crash would, which loses nothing
      // committed; it says first how far it got and that running again continues.
      let interruption = Interruption(dryRun: dryRun)
      let stop = StopSignals { number in interruption.stop(number) }
      defer { stop.cancel() }
      let report = try Archive.run { () throws(ArchiveError) in
        // The items are kept for what prints each of them; otherwise counted only.
        try archive.ingest(
          paths, dryRun: dryRun, encoding: encoding, keepingItems: json || verbose,
          standardInputSource: source,
          maxInputBytes: maxInputSize.flatMap(ByteSize.parse) ?? Archive.maxInputBytes
        ) { report in
          meter.update(report)
          interruption.note(report)
        }
      }
      meter.finish()
      if !dryRun && report.newCount + report.revisionCount > 0 {
        Terminal.committed("ingested \(report.newCount) new, \(report.revisionCount) revision")
      }
      for path in report.missing { Terminal.error("\(path): no such file or directory") }
      for rejection in report.rejected { Terminal.error(rejection.description) }
      if !quiet && !json { skipped(report) }
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

    /// What was not read, on stderr: empty inputs one by one, skipped files counted by reason
    /// (each listed with --verbose).
    func skipped(_ report: IngestReport) {
      for path in report.empty { Terminal.note("warning: \(path): no input in this folder") }
      guard !report.skipped.isEmpty else { return }
      var counts: [String: Int] = [:]
      for skip in report.skipped { counts[skip.reason, default: 0] += 1 }
      let reasons = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .map { "\($0.value) \($0.key)" }
      Terminal.note(
        "skipped \(report.skipped.count) file\(report.skipped.count == 1 ? "" : "s") in folders: "
          + reasons.joined(separator: "; ") + (verbose ? "" : " (--verbose lists them)"))
      if verbose {
        for skip in report.skipped { Terminal.note("  skipped \(skip.path): \(skip.reason)") }
      }
    }

    /// Every item read, one row each.
    func items(_ report: IngestReport) -> String {
      let rows = report.documents.map { item in
        [
          item.status.rawValue, item.document.id.short, item.facts.meetingID ?? "-", item.document.language,
          item.document.published?.description ?? "undated", item.document.source,
        ]
      }
      return Terminal.table(
        ["STATUS", "DOCUMENT", "MEETING", "LANG", "PUBLISHED", "SOURCE"], rows, yielding: [5], keepingEnd: [5]
      )
    }
  }
}

/// The progress an interrupted ingest reports: the last report committed, kept for the
/// signal handler, which runs on another thread.
private final class Interruption: @unchecked Sendable {
  private let lock = NSLock()
  private var note: String
  private let dryRun: Bool

  init(dryRun: Bool) {
    self.dryRun = dryRun
    note = "interrupted before the first input was done: nothing was appended"
  }

  func note(_ report: IngestReport) {
    let text = report.interruptedNote
    lock.withLock { note = text }
  }

  /// Says how far the ingest got and ends the process: 128 + the signal's number.
  func stop(_ number: Int32) -> Never {
    let text = lock.withLock { note }
    if isatty(STDERR_FILENO) == 1 { Terminal.raw("\n") }
    Terminal.note(dryRun ? "interrupted: a dry run, nothing was appended" : text)
    _exit(128 + number)
  }
}
