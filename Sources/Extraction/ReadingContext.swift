import Domain

/// One document being read: its folded text, the language data, the publication date, and
/// what several readers share (cue sentences, date expressions), computed once.
struct ReadingContext {
  let text: FoldedText
  let data: LanguageData
  let published: CalendarDate?
  /// Sentences that speak of a meeting (`met`, `meeting`, `اجتمع`, `الاجتماع`…).
  let meetingSentences: Set<Int>
  /// Token positions of phrases that say a date is not the meeting's (`established`, `منذ`).
  let notMeetingEnds: [Int]

  init(text: FoldedText, data: LanguageData, published: CalendarDate?) {
    self.text = text
    self.data = data
    self.published = published
    var sentences = Set<Int>()
    for match in text.matches(of: data.meetingCues) {
      sentences.insert(text.tokens[match.range.lowerBound].sentence)
    }
    self.meetingSentences = sentences
    self.notMeetingEnds = text.matches(of: data.notMeetingCues).map(\.range.upperBound)
  }

  /// Whether token `i` sits in a sentence that speaks of a meeting.
  func inMeetingSentence(_ i: Int) -> Bool {
    i < text.tokens.count && meetingSentences.contains(text.tokens[i].sentence)
  }

  /// Whether a phrase like `established` or `next meeting` ends within `window` tokens before
  /// token `i`, in the same sentence.
  func negated(_ i: Int, window: Int = 4) -> Bool {
    notMeetingEnds.contains { end in
      end <= i && i - end <= window && text.tokens[end - 1].sentence == text.tokens[i].sentence
    }
  }

  /// The token at `i`, or nil past the end.
  func token(_ i: Int) -> Token? { i >= 0 && i < text.tokens.count ? text.tokens[i] : nil }

  /// Whether tokens `i - 1` and `i` are in one sentence.
  func sameSentence(_ a: Int, _ b: Int) -> Bool {
    guard let x = token(a), let y = token(b) else { return false }
    return x.sentence == y.sentence
  }
}
