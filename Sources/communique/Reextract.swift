import Archive
import ArgumentParser
import Foundation

extension Communique {
  struct Reextract: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Re-read stored documents with the current extractor; record changes.",
      discussion: """
        Appends a document.reextracted event for each document whose facts the \
        current extractor reads differently (a new extractor version that reads the \
        same facts changes nothing): extractor improvements reach the archive \
        without rewriting it. Running it again appends nothing. Retracted documents \
        are skipped, as no projection can show their facts; superseded revisions are \
        read again, as --as-of before the later revision still shows them.

        Examples:
          communique reextract --dry-run
          communique reextract
          communique reextract --json -q
        """
    )

    @ParentCommand var root: Communique

    @Flag(help: "Append nothing; report what would change.")
    var dryRun = false

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors (no progress, no summary).")
    var quiet = false

    func run() throws {
      let archive = try root.location.open(readOnly: false)
      var meter = ProgressMeter(enabled: !quiet)
      let report = try Archive.run { () throws(ArchiveError) in
        try archive.reextract(dryRun: dryRun) { meter.update($0) }
      }
      meter.finish()
      if !dryRun && !report.changed.isEmpty {
        Terminal.committed("re-extracted \(report.changed.count) documents")
      }
      if json { return Terminal.print(json: report.json) }
      guard !quiet else { return }
      for change in report.changed {
        let seq = change.seq.map { "seq \($0)" } ?? "would append"
        Terminal.line("\(Terminal.safe("\(change.document)"))  \(seq)")
        for fact in change.fields {
          let from = fact.from ?? "(none)"
          let to = fact.to ?? "(none)"
          let what = from == to ? "\(to) (evidence changed)" : "\(from) -> \(to)"
          Terminal.line("  \(Terminal.safe(fact.field)): \(Terminal.safe(what))")
        }
      }
      let verb = dryRun ? "would re-extract" : "re-extracted"
      Terminal.line(
        "\(verb) with extractor \(report.extractor): \(report.examined) examined, "
          + "\(report.changed.count) changed, \(report.unchanged) unchanged, "
          + "\(report.retracted) retracted (skipped)")
    }
  }
}
