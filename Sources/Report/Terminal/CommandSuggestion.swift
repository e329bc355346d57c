/// "Did you mean": the known names closest to a mistyped one.
package enum CommandSuggestion {
  /// The refusal of a command line whose command (or `help`'s) is no command of `commands`,
  /// with the nearest names; nil when it names one, or names none (`--help`, no argument).
  /// `valueOptions` are the options before the command that take a value (`--archive PATH`).
  package static func unknownCommand(
    in arguments: [String], commands: [String], valueOptions: Set<String>
  ) -> String? {
    // The shell completion scripts' own calls name no command of ours.
    guard !arguments.contains("---completion") else { return nil }
    var rest = arguments[...]
    while let first = rest.first, first.hasPrefix("-") {
      rest = rest.dropFirst(valueOptions.contains(first) ? 2 : 1)
    }
    guard var word = rest.first else { return nil }
    var what = "command"
    if word == "help" {
      guard let asked = rest.dropFirst().first, !asked.hasPrefix("-") else { return nil }
      word = asked
      what = "command to help with"
    }
    guard !commands.contains(word) else { return nil }
    let near = nearest(to: word, among: commands).prefix(3)
    let hint = near.isEmpty ? "" : "; did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
    return "no \(what) '\(word)'\(hint) ('communique --help' lists them)"
  }

  /// The names within a few edits of `typed` (at most a third of its length, at least one),
  /// closest first, or those it begins; empty when none is near.
  package static func nearest(to typed: String, among names: [String]) -> [String] {
    let word = Array(typed.lowercased())
    let allowed = max(1, word.count / 3)
    let scored = names.map { (name: $0, distance: distance(word, Array($0))) }
      .filter { $0.distance <= allowed || ($0.name.hasPrefix(typed.lowercased()) && typed.count >= 2) }
    return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.map(\.name)
  }

  /// The Damerau–Levenshtein distance (with adjacent transpositions) between two words.
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }
}
