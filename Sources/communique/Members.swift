import Archive
import ArgumentParser

extension Communique {
  struct Members: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The membership-count history per group.",
      discussion: """
        Members, members and observers, attendees, and countries and organizations are
        separate series; "over 80" is a lower bound, not a value.

        Examples:
          communique members
          communique members --as-of 2020-01-01 --json
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let view = try Archive.run { () throws(ArchiveError) in try archive.view(options.spec) }
      if options.json { return Terminal.print(json: view.membersJSON) }
      let rows = view.membership.map { p in
        [
          p.key.group, p.key.counts.rawValue, p.key.date.description, p.value.map(String.init) ?? "?",
          p.qualifier.rawValue, p.document?.short ?? "",
        ]
      }
      Terminal.line(Terminal.table(["GROUP", "COUNTS", "DATE", "VALUE", "QUALIFIER", "DOCUMENT"], rows))
    }
  }
}
