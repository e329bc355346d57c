import Domain

/// Reads the chairs: the countries a chairing phrase names, in stated order.
///
/// The list may follow the phrase (`co-chaired by Italy, Saudi Arabia, and the United States`,
/// `برئاسة مشتركة للولايات المتحدة والسعودية وإيطاليا`), follow it after a gap that `كل من`
/// ends (`تتولى رئاستها منذ تأسيسها عام 2015 كل من إيطاليا`), or be its subject (`Italy, Saudi
/// Arabia, and the United States co-led`), with a second list joined by `with` (`The United
/// States co-chairs the CIFG with Italy and Saudi Arabia`). It may also name officials by
/// their state (`at the invitation of Italian Foreign Minister …`, `بدعوة من وزير الخارجية
/// السعودي … ووزير الخارجية الأمريكي`), read only when every official named has one.
///
/// Hosting phrases (`hosted by`, `at the invitation of`, `X held the meeting`, `Riyadh hosts`)
/// count only when no chairing phrase speaks of this meeting: one whose chairs cannot be read
/// (`Secretary of State John Kerry co-chaired the meeting`) leaves the field empty rather than
/// partial. Sentences about other meetings, and phrases about another group's chairs (`the
/// Africa Focus Group, co-chaired by …`), are not read.
enum ChairReader {
  /// A chair's code and the tokens of its name.
  typealias Named = (code: String, tokens: Range<Int>)

  /// What one chairing or hosting phrase says.
  struct Phrase {
    /// The words that say it (`co-chaired by`, `بدعوة من`).
    var cue: Range<Int>
    var chairs: [Named]
    /// Whether it says who hosted rather than who chaired.
    var hosts: Bool
    /// Whether it speaks of this document's meeting (not only of some meeting).
    var thisMeeting: Bool
    /// The group it names as the one chaired (`co-chairs of the Africa Focus Group`), if any.
    var group: String?
  }

  private static let listWords: Set<String> = [
    "the", "and", "et", "la", "le", "les", "l", "و", "كل", "من", "بين",
  ]
  private static let maxChairs = 8
  /// How far after a phrase a joined or opened list may start.
  private static let maxGap = 8
  /// How far from a phrase a group named as the one chaired may be.
  private static let groupGap = 3
  /// How many tokens after a phrase a list of officials may take.
  private static let maxOfficials = 30
  /// How far an official's state may stand before (`Italian Foreign Minister`) and after
  /// (`وزير الخارجية السعودي`) the title.
  private static let stateBefore = 3
  private static let stateAfter = 3

  /// Every chairing phrase of the text with what it names, and the hosting phrases unless a
  /// chairing phrase names chairs of no other group (hosts count only without chairs).
  /// `groups`: the text's group names (``FoldedText/matches(of:)`` of the group aliases).
  static func phrases(_ context: ReadingContext, groups: [(range: Range<Int>, value: String)]) -> [Phrase] {
    let chairing = phrases(context, cues: context.data.chairCues, hosts: false, groups: groups)
    if chairing.contains(where: { !$0.chairs.isEmpty && $0.group == nil }) { return chairing }
    return chairing + phrases(context, cues: context.data.hostCues, hosts: true, groups: groups)
  }

  /// The chairs of the meeting of `group`: the longest list a chairing phrase names (a headline
  /// names fewer chairs, `برئاسة السعودية وأمريكا`, than the text), else the longest a hosting
  /// phrase names.
  static func chairs(_ phrases: [Phrase], group: String?, _ context: ReadingContext) -> [Named] {
    let about = concerning(group, phrases, context)
    let chairing = about.filter { !$0.hosts }
    if let longest = longest(chairing) { return longest }
    if chairing.contains(where: { $0.thisMeeting && $0.chairs.isEmpty }) { return [] }
    return longest(about.filter(\.hosts)) ?? []
  }

  /// A phrase saying this meeting was chaired that names no state the reader can tell: why the
  /// chairs are left empty rather than taken from who hosted.
  static func unreadChairing(_ phrases: [Phrase], group: String?, _ context: ReadingContext) -> Phrase? {
    guard chairs(phrases, group: group, context).isEmpty else { return nil }
    return concerning(group, phrases, context).first {
      !$0.hosts && $0.thisMeeting && $0.chairs.isEmpty
    }
  }

  /// The phrases about the meeting of `group`: those naming no group, the group or its parent.
  private static func concerning(_ group: String?, _ phrases: [Phrase], _ context: ReadingContext)
    -> [Phrase]
  {
    phrases.filter { phrase in
      guard let named = phrase.group, let group else { return true }
      return named == group || context.data.groupParents[group] == named
    }
  }

  private static func longest(_ phrases: [Phrase]) -> [Named]? {
    var result: [Named]?
    for phrase in phrases where !phrase.chairs.isEmpty && phrase.chairs.count > (result?.count ?? 0) {
      result = phrase.chairs
    }
    return result
  }

  private static func phrases(
    _ context: ReadingContext, cues: PhraseTable<Int>, hosts: Bool,
    groups: [(range: Range<Int>, value: String)]
  ) -> [Phrase] {
    var result: [Phrase] = []
    for cue in context.text.matches(of: cues) {
      let sentence = context.text.tokens[cue.range.lowerBound].sentence
      guard !context.aboutOtherMeeting(cue.range.lowerBound),
        !headsDelegation(cue.range, in: sentence, context)
      else { continue }
      var list = names(from: cue.range.upperBound, in: sentence, context)
      // `co-chaired by Italy together with the United States, Morocco and Niger`.
      if let last = list.last {
        list += joined(after: last.tokens.upperBound, in: sentence, context, within: 1)
      }
      if list.isEmpty { list = opened(after: cue.range.upperBound, in: sentence, context) }
      if list.isEmpty {
        list = namesEnding(before: cue.range.lowerBound, context, hosts: hosts)
        if !list.isEmpty { list += joined(after: cue.range.upperBound, in: sentence, context) }
      }
      if list.isEmpty { list = officials(after: cue.range.upperBound, in: sentence, context) }
      if list.isEmpty { list = officials(before: cue.range.lowerBound, in: sentence, context) }
      var distinct: [Named] = []
      for entry in list where !distinct.contains(where: { $0.code == entry.code }) { distinct.append(entry) }
      let near = groups.filter { match in
        context.text.tokens[match.range.lowerBound].sentence == sentence
          && (match.range.lowerBound >= cue.range.upperBound
            && match.range.lowerBound - cue.range.upperBound <= groupGap
            || match.range.upperBound <= cue.range.lowerBound
              && cue.range.lowerBound - match.range.upperBound <= groupGap)
      }
      // `co-chair of the Coalition Stabilisation Working Group`: the working group, not the
      // Coalition it is part of.
      let named = near.first { context.data.groupParents[$0.value] != nil } ?? near.first
      result.append(
        Phrase(
          cue: cue.range, chairs: distinct, hosts: hosts,
          thisMeeting: context.inThisMeetingSentence(cue.range.lowerBound),
          group: named?.value))
    }
    return result
  }

  /// How far after a chairing verb the delegation it heads may be named.
  private static let delegationGap = 10

  /// Whether a chairing phrase heads a delegation (`وترأس وفد الدولة`, `بوفد برئاسة`, `وستترأس
  /// فيكتوريا نولاند … وفد الولايات المتحدة`, `led the U.S. delegation`): a delegation word
  /// right before it, or after it before any state is named or right after the state.
  private static func headsDelegation(_ cue: Range<Int>, in sentence: Int, _ context: ReadingContext)
    -> Bool
  {
    func isDelegation(_ i: Int) -> Bool {
      context.token(i)?.sentence == sentence
        && context.text.forms(of: i).contains { context.data.delegations.contains($0.id) }
    }
    if cue.lowerBound > 0, isDelegation(cue.lowerBound - 1) { return true }
    var i = cue.upperBound
    while i < cue.upperBound + delegationGap, context.token(i)?.sentence == sentence {
      if isDelegation(i) { return true }
      let state = stateName(at: i, context) ?? context.text.longestMatch(of: context.data.demonyms, at: i)
      if let (end, _) = state { return isDelegation(end) }
      i += 1
    }
    return false
  }

  /// A list of country names starting at `i`: `the United States, Italy and Saudi Arabia`,
  /// `الولايات المتحدة وإيطاليا والمملكة العربية السعودية`.
  private static func names(from i: Int, in sentence: Int, _ context: ReadingContext)
    -> [Named]
  {
    var result: [Named] = []
    var position = i
    while result.count < maxChairs, let token = context.token(position), token.sentence == sentence {
      if let (end, code) = stateName(at: position, context) {
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

  /// A state's name at `i`, with the words of its formal name before it (`the Kingdom of
  /// Belgium`, `مملكة إسبانيا`, `جمهورية النيجر`).
  /// Of a name and a formal name, the longer: `دولة الإمارات` is a name, and `دولة الإمارات
  /// العربية المتحدة و ألمانيا` goes on after its formal tail.
  private static func stateName(at i: Int, _ context: ReadingContext) -> (end: Int, value: String)? {
    let named = context.text.longestMatch(of: context.data.countryNames, at: i)
    guard let (start, _) = context.text.longestMatch(of: context.data.statePrefixes, at: i),
      let formal = context.text.longestMatch(of: context.data.countryNames, at: start),
      formal.end > named?.end ?? i
    else { return named }
    return formal
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

  /// A list that ends right before the cue: `the United States, Italy and Saudi Arabia co-chaired`;
  /// for a hosting verb also a capital standing for its state (`Riyadh hosts`, `الرياض تستضيف`).
  /// A list after a preposition (`في الرياض بالمملكة العربية السعودية، بدعوة من`) is where, not who.
  private static func namesEnding(before cue: Int, _ context: ReadingContext, hosts: Bool) -> [Named] {
    guard let sentence = context.token(cue)?.sentence else { return [] }
    var start = cue - 1
    while start >= 0, context.text.tokens[start].sentence == sentence { start -= 1 }
    var i = start + 1
    while i < cue {
      defer { i += 1 }
      var list = names(from: i, in: sentence, context)
      if list.isEmpty, hosts, let (end, city) = context.text.longestMatch(of: context.data.cityNames, at: i) {
        list = [(context.data.cities[city].country, i..<end)]
      }
      // A dateline's country before a dash (`تونس – عقدت`) is not the subject.
      if let first = list.first, let last = list.last, last.tokens.upperBound <= cue,
        cue - last.tokens.upperBound <= 2,
        !context.text.gap(before: last.tokens.upperBound).contains(where: { $0 == "-" || $0 == ":" }),
        !context.followsPreposition(first.tokens)
      {
        return list
      }
      // A name's inner words (`السعودية` of `المملكة العربية السعودية`) start no list.
      if let first = list.first { i = first.tokens.upperBound - 1 }
    }
    return []
  }

  /// The states of the officials a phrase names (`Italian Foreign Minister Paolo Gentiloni and
  /// U.S. Secretary of State John Kerry`, `وزير الخارجية السعودي … ووزير الخارجية الأمريكي`),
  /// when every official named has one: a partial list would be a wrong one.
  ///
  /// The officials end at the sentence's end or at a comma followed by anything but another
  /// title, a state's adjective before one, a joiner or an honorific.
  private static func officials(after i: Int, in sentence: Int, _ context: ReadingContext) -> [Named] {
    let text = context.text
    var end = i
    while end < i + maxOfficials, let token = context.token(end), token.sentence == sentence {
      if end > i, text.gap(before: end).contains(","),
        text.longestMatch(of: context.data.officialTitles, at: end) == nil,
        text.longestMatch(of: context.data.honorifics, at: end) == nil,
        // `…, Iraqi Prime Minister …`: English names the next official's state first.
        token.isArabic || text.longestMatch(of: context.data.demonyms, at: end) == nil
      {
        break
      }
      end += 1
    }
    return officials(in: i..<end, context)
  }

  /// The officials that are an English phrase's subject (`the meeting, which Saudi Foreign
  /// Minister … and U.S. Secretary of State … convened`): from a relative pronoun, a comma or
  /// the sentence's start to the phrase. Arabic names its subject after the verb.
  private static func officials(before cue: Int, in sentence: Int, _ context: ReadingContext) -> [Named] {
    guard let token = context.token(cue), !token.isArabic else { return [] }
    var start = cue
    while start > max(0, cue - maxOfficials), context.sameSentence(start - 1, cue) {
      if context.text.gap(before: start).contains(",") { break }
      if context.data.relativePronouns.contains(context.text.tokens[start - 1].word) { break }
      start -= 1
    }
    return officials(in: start..<cue, context)
  }

  /// The states of the officials named in `span`, when every title there has one.
  private static func officials(in span: Range<Int>, _ context: ReadingContext) -> [Named] {
    let text = context.text
    let (i, end) = (span.lowerBound, span.upperBound)
    var titles: [Range<Int>] = []
    var position = i
    while position < end {
      if let (matchEnd, _) = text.longestMatch(of: context.data.officialTitles, at: position) {
        titles.append(position..<matchEnd)
        position = matchEnd
      } else {
        position += 1
      }
    }
    guard !titles.isEmpty else { return [] }
    var result: [Named] = []
    for (k, title) in titles.enumerated() {
      // Arabic puts the state after the title (`وزير الخارجية السعودي`) as an adjective;
      // English before it (`Italian Foreign Minister`, `U.S. Secretary of State`). Another
      // title's words are not this one's state.
      let state: Named?
      if context.text.tokens[title.lowerBound].isArabic {
        let upper = min(title.upperBound + stateAfter, k + 1 < titles.count ? titles[k + 1].lowerBound : end)
        state = self.state(in: title.upperBound..<upper, names: false, context)
      } else {
        let lower = max(title.lowerBound - stateBefore, k > 0 ? titles[k - 1].upperBound : i)
        state = self.state(in: lower..<title.lowerBound, names: true, context)
      }
      guard let state else { return [] }
      result.append(state)
    }
    // A state named beside none of the titles read may be an official's whose title is not in
    // the data (`ونظيره الأمريكي` before `نظيره` was): the list may be partial.
    for position in i..<end where !result.contains(where: { $0.tokens.contains(position) }) {
      if let (matchEnd, _) = text.longestMatch(of: context.data.demonyms, at: position), matchEnd <= end {
        return []
      }
    }
    return result
  }

  /// The first state named in `range` by an adjective (`Italian`, `السعودي`), or with `names`
  /// also by its name (`U.S.`).
  private static func state(in range: Range<Int>, names: Bool, _ context: ReadingContext) -> Named? {
    for position in range where position >= 0 {
      for table in names ? [context.data.demonyms, context.data.countryNames] : [context.data.demonyms] {
        if let (end, code) = context.text.longestMatch(of: table, at: position), end <= range.upperBound {
          return (code, position..<end)
        }
      }
    }
    return nil
  }
}
