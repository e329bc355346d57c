import Archive
import ArgumentParser
import Domain

extension Communique {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "One event whole, with its evidence: by seq, or a document by its id.",
      discussion: """
        A document is named by its id (sha256:...), with or without sha256:, or by any \
        unique prefix of at least 8 hex digits, such as the short ids the tables print.

        Examples:
          communique show 1
          communique show 4c6ff659c7e4 --json
          communique show sha256:4c6ff659 --revisions
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    @Argument(help: "A seq, or a document id (sha256:..., or 8+ hex digits of it).")
    var target: String

    @Flag(help: "The document's revision chain and what changed in the text between revisions.")
    var revisions = false

    func validate() throws {
      // One event has no valid time; --as-of only decides which revision stands.
      if options.asOf != nil && !revisions {
        throw ValidationError(
          "--as-of applies to show --revisions; an event is shown as recorded (use --known-at)")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      if revisions { return try showRevisions(archive) }
      let event = try Archive.run { () throws(ArchiveError) in
        try archive.show(target, knownAt: options.spec.knownAt)
      }
      if options.json { return Terminal.print(json: event) }
      Terminal.line(EventText.render(event))
    }
  }
}
