import Domain

/// Reads which group a document speaks for: a working group named (the CIFG) wins over its
/// parent (the Coalition), which a working group's statement names too.
enum GroupReader {
  static func read(_ context: ReadingContext) -> Stated<String>? {
    let matches = context.text.matches(of: context.data.groupAliases)
    let chosen =
      matches.first { context.data.groupParents[$0.value] != nil } ?? matches.first
    guard let chosen else { return nil }
    return context.text.stated(chosen.value, tokens: chosen.range)
  }
}
