import Domain

/// Reads the chairs: the countries a chairing phrase names, in stated order.
///
/// The list may follow the phrase (`co-chaired by Italy, Saudi Arabia, and the United States`,
/// `برئاسة مشتركة للولايات المتحدة والسعودية وإيطاليا`), follow it after a gap that `كل من`
/// ends (`تتولى رئاستها منذ تأسيسها عام 2015 كل من إيطاليا`), or be its subject (`Italy, Saudi
/// Arabia, and the United States co-led`), with a second list joined by `with` (`The United
/// States co-chairs the CIFG with Italy and Saudi Arabia`). Hosting phrases (`hosted by`, `at
/// the invitation of`, `X held the meeting`) count only when no chair is named. Sentences about
/// other meetings are not read.
enum ChairReader {
  /// A chair's code and the tokens of its name.
  typealias Named = (code: String, tokens: Range<Int>)

  private static let listWords: Set<String> = [
    "the", "and", "et", "la", "le", "les", "l", "و", "كل", "من", "بين",
  ]
  private static let maxChairs = 8
  /// How far after a phrase a joined or opened list may start.
  private static let maxGap = 8

  /// The chairs and the token ranges of their names (so places do not read them as a venue).
  static func read(_ context: ReadingContext) -> [Named] {
    let chairs = read(context, cues: context.data.chairCues)
    return chairs.isEmpty ? read(context, cues: context.data.hostCues) : chairs
  }

  private static func read(_ context: ReadingContext, cues: PhraseTable<Int>) -> [Named] {
    // The longest list wins: a headline names fewer chairs (`برئاسة السعودية وأمريكا`) than
    // the text.
    var result: [Named] = []
    for cue in context.text.matches(of: cues) {
      let sentence = context.text.tokens[cue.range.lowerBound].sentence
      guard !context.otherMeetingSentences.contains(sentence) else { continue }
      var list = names(from: cue.range.upperBound, in: sentence, context)
      // `co-chaired by Italy together with the United States, Morocco and Niger`.
      if let last = list.last {
        list += joined(after: last.tokens.upperBound, in: sentence, context, within: 1)
      }
      if list.isEmpty { list = opened(after: cue.range.upperBound, in: sentence, context) }
      if list.isEmpty {
        list = namesEnding(before: cue.range.lowerBound, context)
        if !list.isEmpty { list += joined(after: cue.range.upperBound, in: sentence, context) }
      }
      var distinct: [Named] = []
      for entry in list where !distinct.contains(where: { $0.code == entry.code }) { distinct.append(entry) }
      if distinct.count > result.count { result = distinct }
    }
    return result
  }

  /// A list of country names starting at `i`: `the United States, Italy and Saudi Arabia`,
  /// `الولايات المتحدة وإيطاليا والمملكة العربية السعودية`.
  private static func names(from i: Int, in sentence: Int, _ context: ReadingContext)
    -> [Named]
  {
    var result: [Named] = []
    var position = i
    while result.count < maxChairs, let token = context.token(position), token.sentence == sentence {
      if let (end, code) = context.text.longestMatch(of: context.data.countryNames, at: position) {
        result.append((code, position..<end))
        position = end
        continue
      }
      // Between names only list words and commas; anything else ends the list.
      let word = context.text.tokenText(position)
      guard listWords.contains(word) || (token.isArabic && word == "و") else { break }
      position += 1
    }
    return result
  }

  /// A list after an opener (`كل من`) a few words after the phrase.
  private static func opened(after i: Int, in sentence: Int, _ context: ReadingContext) -> [Named] {
    list(after: i, in: sentence, marker: context.data.listOpeners, context)
  }

  /// A second list after a joiner (`with`, `مع`) a few words after the phrase.
  private static func joined(
    after i: Int, in sentence: Int, _ context: ReadingContext, within gap: Int = maxGap
  )
    -> [Named]
  {
    list(after: i, in: sentence, marker: context.data.listJoiners, context, within: gap)
  }

  private static func list(
    after i: Int, in sentence: Int, marker: PhraseTable<Int>, _ context: ReadingContext,
    within gap: Int = maxGap
  ) -> [Named] {
    for position in i..<(i + gap) {
      guard let token = context.token(position), token.sentence == sentence else { return [] }
      if let (end, _) = context.text.longestMatch(of: marker, at: position) {
        return names(from: end, in: sentence, context)
      }
    }
    return []
  }

  /// A list that ends right before the cue: `the United States, Italy and Saudi Arabia co-chaired`.
  private static func namesEnding(before cue: Int, _ context: ReadingContext) -> [Named] {
    guard let sentence = context.token(cue)?.sentence else { return [] }
    var start = cue - 1
    while start >= 0, context.text.tokens[start].sentence == sentence { start -= 1 }
    for i in (start + 1)..<cue {
      let list = names(from: i, in: sentence, context)
      // A dateline's country before a dash (`تونس – عقدت`) is not the subject.
      if let last = list.last, last.tokens.upperBound <= cue, cue - last.tokens.upperBound <= 2,
        !context.text.gapText(before: last.tokens.upperBound).contains(where: { $0 == "-" || $0 == ":" })
      {
        return list
      }
    }
    return []
  }
}
