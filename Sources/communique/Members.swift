import Archive
import ArgumentParser

extension Communique {
  struct Members: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The membership-count history per group.",
      discussion: """
        Members, members and observers, attendees, and countries and organizations are \
        separate series; "over 80" is a lower bound, not a value.

        Examples:
          communique members
          communique members --as-of 2020-01-01 --json
          communique members --group coalition --since 2020-01-01

        Each sparkline keeps its latest values when the terminal is narrower (--wide: whole).
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions
    @OptionGroup var narrowing: NarrowingOptions
    @OptionGroup var output: CSVOption
    @OptionGroup var width: WideOption

    func validate() throws { try output.check(json: options.json) }

    func run() throws {
      try options.printView(
        from: root.location, narrowing: narrowing.narrowing, json: \.membersJSON, text: ViewText.members,
        csv: output.csv ? \.membersCSV : nil
      )
    }
  }
}
