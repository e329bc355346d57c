import Archive
import ArgumentParser

extension Communique {
  struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Theme statistics: meetings per theme, first and last, per year.",
      discussion: """
        Counted per meeting, not per document: a translation is not a second discussion.

        Examples:
          communique themes
          communique themes --json
          communique themes --group cifg --since 2019-01-01
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
        from: root.location, narrowing: narrowing.narrowing, json: \.themesJSON, text: ViewText.themes,
        csv: output.csv ? \.themesCSV : nil)
    }
  }
}
