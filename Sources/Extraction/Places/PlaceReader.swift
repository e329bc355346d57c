import Domain

/// Reads where the meeting took place: a dateline (`MANAMA, BAHRAIN –`), else a city named
/// after `in`/`at`/`في` in a sentence about a meeting; a city implies its country. A country
/// alone counts only as `in <country>` in such a sentence. `virtual` comes from the virtual
/// cues, else `false` when a city is stated.
enum PlaceReader {
  struct Place {
    var city: Stated<String>?
    var country: Stated<String>?
    var virtual: Stated<Bool>?
  }

  static func read(_ context: ReadingContext, chairTokens: [Range<Int>]) -> Place {
    let text = context.text
    var place = Place()
    let cities = text.matches(of: context.data.cityNames)
    let countries = text.matches(of: context.data.countryNames).filter { country in
      !cities.contains { $0.range.overlaps(country.range) }
        && !chairTokens.contains { $0.overlaps(country.range) }
    }
    if let city = cities.first(where: { isDateline($0.range, text) })
      ?? cities.first(where: { isVenue($0.range, context) })
    {
      let entry = context.data.cities[city.value]
      place.city = text.stated(entry.name, tokens: city.range)
      place.country = text.stated(entry.country, tokens: city.range)
    } else if let country = countries.first(where: { isDateline($0.range, text) })
      ?? countries.first(where: { isVenue($0.range, context) && hasPreposition($0.range, context) })
    {
      place.country = text.stated(country.value, tokens: country.range)
    }
    if let cue = text.matches(of: context.data.virtualCues).first(where: {
      context.inMeetingSentence($0.range.lowerBound)
    }) {
      place.virtual = text.stated(true, tokens: cue.range)
    } else if let city = place.city {
      place.virtual = Stated(false, evidence: city.evidence)
    }
    return place
  }

  /// A name opening a line of the body and followed by a comma or a dash: `Luxembourg–`.
  private static func isDateline(_ range: Range<Int>, _ text: FoldedText) -> Bool {
    let first = text.tokens[range.lowerBound]
    guard first.line > 0, range.lowerBound == 0 || text.tokens[range.lowerBound - 1].line != first.line,
      range.upperBound < text.tokens.count
    else { return false }
    let gap = text.gapText(before: range.upperBound).trimmingBlanks
    return gap.hasPrefix(",") || gap.hasPrefix("-") || gap.hasPrefix(":")
  }

  /// A name in a sentence about a meeting, not right after a topic word (`developments in Iraq`).
  private static func isVenue(_ range: Range<Int>, _ context: ReadingContext) -> Bool {
    let i = range.lowerBound
    guard context.inMeetingSentence(i) else { return false }
    for back in 1...3 {
      guard context.token(i - back) != nil, context.sameSentence(i - back, i) else { break }
      if context.text.forms(of: i - back).contains(where: { context.data.topicWords.contains($0.id) }) {
        return false
      }
    }
    return hasPreposition(range, context) || startsSentence(i, context)
  }

  /// `in X`, `at X`, `في X`, or the Arabic `بـ` glued to the name (`بالرياض`).
  private static func hasPreposition(_ range: Range<Int>, _ context: ReadingContext) -> Bool {
    let i = range.lowerBound
    if let previous = context.token(i - 1), context.sameSentence(i - 1, i),
      context.data.placePrepositions.contains(previous.word)
    {
      return true
    }
    if let token = context.token(i), token.isArabic, context.text.token(i, startsWith: "ب") {
      return true
    }
    return false
  }

  private static func startsSentence(_ i: Int, _ context: ReadingContext) -> Bool {
    i == 0 || !context.sameSentence(i - 1, i)
  }
}
