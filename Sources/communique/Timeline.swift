import Archive
import ArgumentParser
import Projections

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
          communique timeline --known-at 40
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let view = try Archive.run { () throws(ArchiveError) in try archive.view(options.spec) }
      if options.json { return Terminal.print(json: view.timelineJSON) }
      Terminal.line(ViewText.timeline(view))
    }
  }
}
