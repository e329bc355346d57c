import Domain

/// One document being read: its folded text, the language data, the publication date, and
/// what several readers share (cue sentences, date expressions), computed once.
struct ReadingContext {
  let text: FoldedText
  let data: LanguageData
  /// When the document was published, to the day or to the month.
  let publication: PublicationReference?
  /// Whether `10/8/2015` reads month first (English texts, as US releases write it).
  let monthFirst: Bool
  /// Sentences that speak of a meeting (`met`, `meeting`, `اجتمع`, `الاجتماع`…).
  let meetingSentences: Set<Int>
  /// Where those words are, in text order.
  let meetingCueRanges: [Range<Int>]
  /// Token positions of phrases that say a date is not the meeting's (`established`, `منذ`).
  let notMeetingEnds: [Int]
  /// Token positions right after verbs of saying (`the Treasury said on Friday`).
  let speechEnds: [Int]
  /// Sentences that speak of another meeting than the document's (`its next meeting is planned
  /// for`, `our last plenary meeting in Rome`): their places and dates are not this meeting's.
  let otherMeetingSentences: Set<Int>
  /// Sentences whose words the next one says were said at this meeting (`X said on Tuesday …`
  /// then `X was speaking at the meeting`, `جاء ذلك في كلمة … الاجتماع`): their days are its.
  let recountedSentences: Set<Int>
  /// Where a sentence turns to earlier meetings (`… and it built on`): from there to the
  /// sentence's end, in text order.
  let earlierMeetingClauses: [Int]
  /// Where the links a page lists after its article start (`Related Articles`, `مواضيع ذات
  /// صلة`): nothing from there on is this document's.
  let trailerStart: Int?

  /// Sentences that put a meeting ahead (`will be held`, `سيعقد`); in a preview they speak of
  /// this meeting, elsewhere of another.
  let upcomingSentences: Set<Int>
  /// Whether the document is read as a preview: its upcoming meeting is its meeting.
  let previewing: Bool

  init(
    text: FoldedText, data: LanguageData, publication: PublicationReference?, monthFirst: Bool = false,
    previewing: Bool = false
  ) {
    self.text = text
    self.data = data
    self.publication = publication
    self.monthFirst = monthFirst
    var sentences = Set<Int>()
    let cues = text.matches(of: data.meetingCues)
    for match in cues {
      sentences.insert(text.tokens[match.range.lowerBound].sentence)
    }
    self.meetingSentences = sentences
    self.meetingCueRanges = cues.map(\.range)
    self.notMeetingEnds = text.matches(of: data.notMeetingCues).map(\.range.upperBound)
    self.speechEnds = text.matches(of: data.speechCues).map(\.range.upperBound)
    var others = Set(
      text.matches(of: data.otherMeetingCues).map { text.tokens[$0.range.lowerBound].sentence })
    let upcoming = Set(
      text.matches(of: data.upcomingMeetingCues).map { text.tokens[$0.range.lowerBound].sentence })
    self.upcomingSentences = upcoming
    self.previewing = previewing
    if !previewing { others.formUnion(upcoming) }
    // The links a page lists after its article (`مواضيع ذات صلة:` and the headlines under
    // it) speak of other meetings, never of this one.
    let trailer = ReadingContext.trailerStart(text, data: data)
    if let trailer { others.formUnion(text.tokens[trailer...].lazy.map(\.sentence)) }
    self.trailerStart = trailer
    self.earlierMeetingClauses = text.matches(of: data.earlierMeetingCues).map(\.range.lowerBound)
    self.otherMeetingSentences = others
    var recounted = Set<Int>()
    for match in text.matches(of: data.occasionCues) {
      let sentence = text.tokens[match.range.lowerBound].sentence
      var first = match.range.lowerBound
      while first > 0, text.tokens[first - 1].sentence == sentence { first -= 1 }
      guard first > 0, sentences.contains(sentence), !others.contains(sentence) else { continue }
      let previous = text.tokens[first - 1].sentence
      if !others.contains(previous) { recounted.insert(previous) }
    }
    self.recountedSentences = recounted
  }

  /// Where the links after the article start: after a line that is only a related-links
  /// heading, below the first paragraph.
  private static func trailerStart(_ text: FoldedText, data: LanguageData) -> Int? {
    for match in text.matches(of: data.relatedHeadings) {
      let line = text.tokens[match.range.lowerBound].line
      guard line > 1, match.range.lowerBound == 0 || text.tokens[match.range.lowerBound - 1].line != line,
        match.range.upperBound == text.tokens.count || text.tokens[match.range.upperBound].line != line
      else { continue }
      return match.range.upperBound < text.tokens.count ? match.range.upperBound : nil
    }
    return nil
  }

  /// Whether token `i` sits in a sentence that speaks of this document's meeting: a meeting
  /// sentence that does not speak of another one.
  func inThisMeetingSentence(_ i: Int) -> Bool {
    inMeetingSentence(i) && !aboutOtherMeeting(i)
  }

  /// Whether token `i` speaks of another meeting: its sentence does, or it follows a turn to
  /// earlier meetings in its sentence.
  func aboutOtherMeeting(_ i: Int) -> Bool {
    guard i < text.tokens.count else { return false }
    if otherMeetingSentences.contains(text.tokens[i].sentence) { return true }
    return earlierMeetingClauses.contains { $0 <= i && sameSentence($0, i) }
  }

  /// Whether token `i` sits in a sentence about this meeting or in one whose words the next
  /// sentence places at it: where the meeting's day may be named.
  func inThisMeetingDaySentence(_ i: Int) -> Bool {
    inThisMeetingSentence(i)
      || (i < text.tokens.count && recountedSentences.contains(text.tokens[i].sentence))
  }

  /// The publication day, when the document states one.
  var published: CalendarDate? { publication?.date }

  /// Whether token `i` sits in a sentence that speaks of a meeting.
  func inMeetingSentence(_ i: Int) -> Bool {
    i < text.tokens.count && meetingSentences.contains(text.tokens[i].sentence)
  }

  /// Whether a phrase like `established` or `next meeting` ends within `window` tokens before
  /// token `i`, in the same sentence.
  /// A verb of saying negates only a day right after it (`said on Friday`): `said it met on
  /// March 19` still dates the meeting.
  func negated(_ i: Int, window: Int = 4) -> Bool {
    func ends(within window: Int) -> (Int) -> Bool {
      { end in
        end <= i && i - end <= window && self.text.tokens[end - 1].sentence == self.text.tokens[i].sentence
      }
    }
    return notMeetingEnds.contains(where: ends(within: window)) || speechEnds.contains(where: ends(within: 1))
  }

  /// The token at `i`, or nil past the end.
  func token(_ i: Int) -> Token? { i >= 0 && i < text.tokens.count ? text.tokens[i] : nil }

  /// Whether tokens `i - 1` and `i` are in one sentence.
  func sameSentence(_ a: Int, _ b: Int) -> Bool {
    guard let x = token(a), let y = token(b) else { return false }
    return x.sentence == y.sentence
  }

  /// The start of a country name ending right before token `end`, if one does.
  private func countryNameEnding(at end: Int) -> (Int, String)? {
    for start in max(0, end - 4)..<end {
      if let (matchEnd, code) = text.longestMatch(of: data.countryNames, at: start), matchEnd == end {
        return (start, code)
      }
    }
    return nil
  }

  /// How many words describing a place may stand between it and its preposition.
  private var maxPlaceWords: Int { 4 }

  /// Whether a place preposition comes before the name at `range`: `in X`, `at X`, `في X`, or
  /// the Arabic `بـ` glued to the name (`بالرياض`). With `glued: false`, only a preposition of
  /// its own counts: `بدولة الإمارات` is more often `of the UAE` (a minister's) than `in` it.
  /// Words that call the place a city or capital, or name its state, may stand between
  /// (`في العاصمة البريطانية لندن`, `in the Moroccan city of Marrakech`, `بمدينة لاهاي`).
  func followsPreposition(_ range: Range<Int>, glued: Bool = true) -> Bool {
    var i = range.lowerBound
    // `in Canada's Quebec City`: the country it belongs to, with its possessive, stands between.
    if i >= 2, sameSentence(i - 2, i), text.tokenText(i - 1) == "s",
      text.gap(before: i - 1).allSatisfy({ $0 == "'" || $0 == "\u{2019}" }), !text.gap(before: i - 1).isEmpty,
      let (start, _) = countryNameEnding(at: i - 1)
    {
      i = start
    }
    for _ in 0..<maxPlaceWords {
      guard let previous = token(i - 1), sameSentence(i - 1, i) else { break }
      let described =
        text.forms(of: i - 1).contains { data.placeNouns.contains($0.id) }
        || text.longestMatch(of: data.demonyms, at: i - 1)?.end == i
      guard described, !data.placePrepositions.contains(previous.word) else { break }
      i -= 1
    }
    if let previous = token(i - 1), sameSentence(i - 1, i), data.placePrepositions.contains(previous.word) {
      return true
    }
    if glued, let token = token(i), token.isArabic, text.token(i, startsWith: "ب") {
      return true
    }
    return false
  }
}
