import Archive
import ArgumentParser

extension Communique {
  struct Retract: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Withdraw a document from every projection; it stays in the log.",
      discussion: """
        DOCUMENT is a document id (sha256:...), with or without sha256:, a unique prefix of \
        it of at least 8 hex digits, or the seq of its ingestion. The retraction is an \
        event like any other: --known-at before it still shows the document.

        Examples:
          communique retract sha256:9f2c41d0 --reason "a duplicate release"
          communique retract 4c6ff659c7e4 --reason "withdrawn" --author archivist
        """
    )

    @ParentCommand var root: Communique

    @Argument(help: "The document to withdraw.")
    var document: String

    @Option(help: "Why (required).")
    var reason: String

    @Option(help: "Who withdraws it.")
    var author: String?

    @Flag(help: "Print the appended event as JSON.")
    var json = false

    func run() throws {
      let archive = try root.location.open(readOnly: false)
      let recorded = try Archive.run { () throws(ArchiveError) in
        try archive.retract(document, reason: reason, author: author)
      }
      Terminal.report(appended: recorded, json: json)
    }
  }
}
