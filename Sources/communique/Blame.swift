import Archive
import ArgumentParser
import Report

extension Communique {
  struct Blame: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "For each field of a target, the events that made it what it is.",
      discussion: """
        TARGET is a meeting id (a merged meeting's former id too), a count point \
        (count/GROUP/DATE/KIND; members/GROUP/DATE is the members series, else the date's \
        only series) or a document (its id, 8+ hex digits of it, or a seq). Each \
        field lists the events that state or set it - sources by precedence, then \
        corrections - and marks with * the one whose value stands.

        Examples:
          communique blame cifg-12
          communique blame count/cifg/2019-11-20/members --json
          communique blame 4c6ff659c7e4
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    @Argument(help: "The meeting, count point or document.")
    var target: String

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let blame = try Archive.run { () throws(ArchiveError) in try archive.blame(target, at: options.spec) }
      if options.json { return Terminal.print(json: blame.json) }
      let isolated = Terminal.isolated
      Terminal.line(Terminal.paint("\(blame.kind.rawValue) \(Terminal.safe(blame.target))", .bold))
      for field in blame.fields {
        Terminal.line("\(Terminal.safe(field.field)) = \(isolated(field.value ?? "(not stated)"))")
        for e in field.events {
          let by = e.document.map { " \($0.short)" } ?? ""
          let why = e.reason.map { " — \(isolated($0))" } ?? ""
          let who = e.author.map { " (\(isolated($0)))" } ?? ""
          let line =
            "  \(e.stands ? "*" : " ") seq \(e.seq) \(e.type.name)\(by): \(isolated(e.value ?? "null"))"
          Terminal.line(Terminal.paint(line, e.stands ? .green : nil) + why + who)
        }
      }
    }
  }
}
