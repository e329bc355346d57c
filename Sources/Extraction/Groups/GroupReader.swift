import Domain

/// Reads which group a document speaks for: the group named where the meeting is dated,
/// numbered or placed (`the 18th meeting of the Counter ISIS Finance Group`), else in the title,
/// else the first one named. Within one sentence a working group (the CIFG) wins over its parent (the
/// Coalition), which a working group's statement names too; a Coalition release that mentions
/// the CIFG's meetings in passing stays the Coalition's.
enum GroupReader {
  /// `matches`: the text's group names (``FoldedText/matches(of:)`` of the group aliases).
  static func read(
    _ context: ReadingContext, anchors: [Range<Int>], matches: [(range: Range<Int>, value: String)]
  ) -> Stated<String>? {
    let text = context.text
    guard let firstMatch = matches.first else { return nil }
    func inSentence(_ sentence: Int) -> (range: Range<Int>, value: String)? {
      let named = matches.filter {
        text.tokens[$0.range.lowerBound].sentence == sentence
          && !context.aboutOtherMeeting($0.range.lowerBound)
      }
      return named.first { context.data.groupParents[$0.value] != nil } ?? named.first
    }
    let anchorSentences = anchors.map { text.tokens[$0.lowerBound].sentence }
    let titleSentence = text.tokens[0].line == 0 ? text.tokens[0].sentence : nil
    var chosen =
      anchorSentences.lazy.compactMap(inSentence).first
      ?? titleSentence.flatMap(inSentence)
      ?? firstMatch
    // `بيان صادر عن المجموعة في أعقاب اجتماعها الثاني عشر … إن التحالف نجح`: where the meeting
    // is dated or numbered the working group is only "the group", and the Coalition is named
    // for what was said. The working group the document names is meant.
    if context.data.groupParents[chosen.value] == nil, let anchor = anchorSentences.first,
      let named = matches.first(where: { context.data.groupParents[$0.value] != nil })
    {
      let generic = text.matches(of: context.data.genericWorkingGroup).contains { match in
        text.tokens[match.range.lowerBound].sentence == anchor
          && !matches.contains { $0.range.overlaps(match.range) }
      }
      if generic { chosen = named }
    }
    // `Meeting of the Small Group … in Jordan` over `a meeting … with key members of the
    // Defeat ISIS Coalition`: a headline naming one of the Coalition's groups says whose
    // meeting it is where the dated sentence names only the Coalition.
    if context.data.groupParents[chosen.value] == nil, let titleSentence,
      let titled = inSentence(titleSentence), context.data.groupParents[titled.value] == chosen.value
    {
      chosen = titled
    }
    return text.stated(chosen.value, tokens: chosen.range)
  }
}
