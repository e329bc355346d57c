import Archive
import ArgumentParser
import Domain
import Foundation
import Report

/// `communique`: an event-sourced archive of what multilateral groups say about their meetings.
@main
struct Communique: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "communique",
    abstract: "An archive of what multilateral groups say about their meetings.",
    discussion: """
      Every ingestion and correction is an event in an LMDB log; the timeline, membership \
      history and theme statistics are rebuilt from it, at any valid time (--as-of) and \
      transaction time (--known-at). The archive is ARCHIVE, else $COMMUNIQUE_ARCHIVE, \
      else ./communique-archive.
      """,
    version: "communique \(CommuniqueVersion.current) (event log format 1)",
    subcommands: [
      Ingest.self, Timeline.self, Members.self, Themes.self, Replay.self, Diff.self, Correct.self,
      Retract.self, Reextract.self, Blame.self, Conflicts.self, Log.self, Show.self, Verify.self, Export.self,
      Import.self, HTMLReport.self, Checkpoint.self, Prove.self, Keygen.self, Follow.self, FetchFeeds.self,
      Search.self,
    ]
  )

  @OptionGroup var location: ArchiveLocation

  /// ArgumentParser's own `main`, but its messages (usage errors that quote an argument,
  /// help) printed through ``Terminal``: one output path, control characters made visible.
  static func main() async {
    let commands = configuration.subcommands.map { $0._commandName } + ["help"]
    if let refusal = CommandSuggestion.unknownCommand(
      in: Array(CommandLine.arguments.dropFirst()), commands: commands,
      valueOptions: ["--archive", "--lock-timeout", "--generate-completion-script"])
    {
      Terminal.error(refusal)
      Foundation.exit(ExitCode.validationFailure.rawValue)
    }
    do {
      var command = try parseAsRoot()
      if var asynchronous = command as? any AsyncParsableCommand {
        try await asynchronous.run()
      } else {
        try command.run()
      }
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if !message.isEmpty {
        if code == .success {
          Terminal.line(TerminalText.visible(message, .block))
        } else {
          Terminal.raw(TerminalText.visible(message, .block) + "\n")
        }
      }
      Foundation.exit(code.rawValue)
    }
  }
}
