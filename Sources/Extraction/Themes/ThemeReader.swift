import Domain

/// Reads the themes a document discusses: vocabulary ids in order of first mention, once each,
/// with the first mention as evidence.
enum ThemeReader {
  static func read(_ context: ReadingContext) -> [Stated<String>] {
    var seen = Set<Int>()
    var result: [Stated<String>] = []
    for match in context.text.matches(of: context.data.themePatterns) where seen.insert(match.value).inserted
    {
      result.append(context.text.stated(context.data.themes.themes[match.value].id, tokens: match.range))
    }
    return result
  }
}
