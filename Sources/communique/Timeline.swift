import Archive
import ArgumentParser

extension Communique {
  struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The meeting timeline, oldest first.",
      discussion: """
        Each meeting merges every standing source about it; a correction wins over any \
        extraction, an original-language release over a translation.

        Examples:
          communique timeline
          communique timeline --as-of 2019-12-31 --json
          communique timeline --csv > timeline.csv
          communique timeline --known-at 40
          communique timeline --group cifg --since 2019-01-01 --until 2019-12-31

        On a terminal (or with COLUMNS set) the table fits the width: places and chairs are \
        shortened with …, ids and dates never; --wide prints it whole. Piped, nothing is cut.
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
        from: root.location, narrowing: narrowing.narrowing, json: \.timelineJSON, text: ViewText.timeline,
        csv: output.csv ? \.timelineCSV : nil)
    }
  }
}
