import Archive
import ArgumentParser
import Domain
import Report

extension Communique {
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Full-text search over every document's text and title, English and Arabic.",
      discussion: """
        All words must match; "quoted words" match as a phrase, word* as a prefix. Arabic \
        matches across alef forms, taa marbuta, alef maqsura, harakat, tatweel and Eastern \
        digits; case and Latin accents never matter. Hits are ranked by relevance (bm25, a \
        title word counting twice), each with its document id, date, group and meeting, and \
        the matching words in context.

        Only the documents the views see are found: the standing revision of each release, \
        nothing retracted, and with --as-of only what was published by then; with --known-at, \
        what the archive held then.

        The index is ARCHIVE/search.sqlite, derived from the log: each search first adds the \
        documents ingested since the last; deleted or damaged, it is built again. When the \
        archive's directory is read-only, it is built in memory for the one search.

        Examples:
          communique search hawala
          communique search '"virtual assets"' --as-of 2019-12-31
          communique search 'financ*' --group cifg --language en --limit 5
          communique search 'تمويل' --json
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    @Argument(help: "What to look for: words, \"a phrase\", prefix*.")
    var query: String

    @Option(help: "Only documents about this group (slug, e.g. cifg).")
    var group: String?

    @Option(help: "Only documents in this language: en or ar.")
    var language: String?

    @Option(help: "At most this many hits (default 20).")
    var limit = 20

    @Flag(help: "Print the hits as CSV (RFC 4180) on stdout.")
    var csv = false

    func validate() throws {
      if limit < 1 { throw ValidationError("--limit \(limit) is not a positive number") }
      if csv && options.json { throw ValidationError("--csv and --json cannot be combined") }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      var request = SearchRequest(query: query)
      request.state = options.spec
      request.group = group
      request.language = language
      request.limit = limit
      let results = try Archive.run { () throws(ArchiveError) in try archive.search(request) }
      if results.builtInMemory {
        Terminal.note("note: \(archive.searchIndexPath) cannot be written; the index was built in memory")
      }
      if options.json { return Terminal.print(json: results.json) }
      if csv { return Terminal.out(Array(results.csv.utf8)) }
      Terminal.line(text(of: results))
    }

    /// A header line, then per hit a row (rank, short id, date, language, meeting or group,
    /// title) and its snippet indented below, matches bold on a terminal.
    private func text(of results: SearchResults) -> String {
      let shown = results.hits.count < results.total ? " (the best \(results.hits.count))" : ""
      var lines = [
        "\(results.total) document\(results.total == 1 ? "" : "s") match \(Terminal.safe(query))\(shown)"
      ]
      for hit in results.hits {
        let place = hit.meeting ?? hit.group ?? "-"
        let row = [
          "\(hit.rank).", hit.document.short, hit.published?.description ?? "undated", hit.language, place,
        ].map { Terminal.safe($0) }.joined(separator: "  ")
        lines.append("")
        lines.append(Terminal.paint(row, .cyan) + "  " + Terminal.isolated(hit.title ?? ""))
        lines.append("    " + hit.displaySnippet { Terminal.paint($0, .bold) })
      }
      return lines.joined(separator: "\n")
    }
  }
}
