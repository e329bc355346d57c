import Testing

@testable import Report

@Suite("Did you mean: mistyped commands")
struct CommandSuggestionTests {
  let commands = ["ingest", "timeline", "members", "themes", "conflicts", "correct", "help"]

  @Test("a typo, a transposition and a prefix find the command; a stranger finds none")
  func nearest() {
    #expect(CommandSuggestion.nearest(to: "timelin", among: commands) == ["timeline"])
    #expect(CommandSuggestion.nearest(to: "confilcts", among: commands) == ["conflicts"])
    #expect(CommandSuggestion.nearest(to: "mem", among: commands) == ["members"])
    #expect(CommandSuggestion.nearest(to: "xyzzyq", among: commands).isEmpty)
  }

  @Test("the command word is found past the root options, and help's argument is checked too")
  func unknownCommand() {
    func refusal(_ args: [String]) -> String? {
      CommandSuggestion.unknownCommand(in: args, commands: commands, valueOptions: ["--archive"])
    }
    #expect(refusal(["--archive", "timelin", "timeline"]) == nil)
    #expect(refusal(["--archive=x", "timelin"])?.contains("did you mean 'timeline'?") == true)
    #expect(refusal(["help", "nosuch"])?.hasPrefix("no command to help with 'nosuch'") == true)
    #expect(refusal(["help", "members"]) == nil)
    #expect(refusal(["--help"]) == nil)
    #expect(refusal([]) == nil)
    #expect(refusal(["---completion", "timeline", "--", "x"]) == nil)
  }
}
