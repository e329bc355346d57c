import Domain

/// Reads where the meeting took place.
///
/// A venue stated in a sentence about this meeting (`in Rome, Italy`, `بالرياض`, `here at the
/// Treasury Department`) wins over the dateline of the office that issued the release
/// (`Washington, DC – On March 19-20, … in Rome`), which counts only when no venue is stated.
/// Places in sentences about other meetings (`our last plenary meeting in Rome`, `its next
/// meeting is planned for Saudi Arabia`) and the chairs' names are never the venue. A city
/// implies its country; a country alone counts only as `in <country>`. An online-only meeting
/// has no place; a hybrid one (`in person and virtually`) is not virtual.
enum PlaceReader {
  struct Place {
    var city: Stated<String>?
    var country: Stated<String>?
    var virtual: Stated<Bool>?
  }

  static func read(_ context: ReadingContext, chairTokens: [Range<Int>]) -> Place {
    let text = context.text
    var place = Place()
    let virtual = text.matches(of: context.data.virtualCues).first {
      context.inThisMeetingSentence($0.range.lowerBound) && !isRemoteParticipant($0.range, context)
    }
    let hybrid = text.matches(of: context.data.hybridCues).first {
      context.inThisMeetingSentence($0.range.lowerBound)
    }
    if let hybrid {
      place.virtual = text.stated(false, tokens: hybrid.range)
    } else if let virtual {
      // Online only: a dateline or a city named in passing is not where it was held.
      place.virtual = text.stated(true, tokens: virtual.range)
      return place
    }
    let named = (text.matches(of: context.data.cityNames) + text.matches(of: context.data.venueNames))
      .sorted { $0.range.lowerBound < $1.range.lowerBound }
    // A meeting is held in one city: a city in a list of cities (`in Paris, Beirut, Baghdad`)
    // is not its venue.
    let listed = listedStarts(named, text)
    // Nor is a city of a sentence that names two (`has met twice, in Rome in March and in
    // Jeddah in May`).
    var citiesBySentence: [Int: Set<Int>] = [:]
    for city in named where context.followsPreposition(city.range) && !listed.contains(city.range.lowerBound)
    {
      citiesBySentence[text.tokens[city.range.lowerBound].sentence, default: []].insert(city.value)
    }
    let cities = named.filter { city in
      !listed.contains(city.range.lowerBound) && !chairTokens.contains { $0.overlaps(city.range) }
        && citiesBySentence[text.tokens[city.range.lowerBound].sentence, default: []].count <= 1
    }
    let allCountries = text.matches(of: context.data.countryNames)
    // `في سوريا والعراق`: a country in a list of countries is a topic, not the venue.
    let listedCountries = listedStarts(allCountries, text)
    let countries = allCountries.filter { country in
      !cities.contains { $0.range.overlaps(country.range) }
        // A host a venue verb governs (`تحتضن الأردن الاجتماع`) is also where it met.
        && (!chairTokens.contains { $0.overlaps(country.range) } || introduced(country.range, context))
        && !listedCountries.contains(country.range.lowerBound)
        && !isCompound(country.range, context)
    }
    let venueCountry = countries.first {
      isVenue($0.range, context)
        && (context.followsPreposition($0.range, glued: false) || introduced($0.range, context))
    }
    // A dateline in another country than the stated one (`Washington, DC - … a meeting in
    // Jordan`) is the issuing office's.
    func sameCountry(_ city: (range: Range<Int>, value: Int)) -> Bool {
      venueCountry.map { context.data.cities[city.value].country == $0.value } ?? true
    }
    if let city = cities.first(where: {
      isVenue($0.range, context) && (context.followsPreposition($0.range) || introduced($0.range, context))
    })
      ?? cities.first(where: { isDateline($0.range, context) && sameCountry($0) })
      ?? cities.first(where: { isVenue($0.range, context) && sameCountry($0) })
    {
      let entry = context.data.cities[city.value]
      place.city = text.stated(entry.name, tokens: city.range)
      place.country = text.stated(entry.country, tokens: city.range)
    } else if let country = countries.first(where: { isDateline($0.range, context) }) ?? venueCountry {
      place.country = text.stated(country.value, tokens: country.range)
    }
    if place.virtual == nil, let city = place.city {
      place.virtual = Stated(false, evidence: city.evidence)
    }
    return place
  }

  /// How far before an online cue the verb it qualifies may stand.
  private static let remoteWindow = 5

  /// Whether an online cue says how a person took part (`سيمارس مهامه عن بعد`, `وشارك في
  /// رئاسته عن بعد`), not how the meeting was held: the nearest verb before it, within a few
  /// words of its sentence, is a person's part rather than a verb of holding (`عقد عن بعد`).
  private static func isRemoteParticipant(_ cue: Range<Int>, _ context: ReadingContext) -> Bool {
    var i = cue.lowerBound - 1
    while i >= max(0, cue.lowerBound - remoteWindow), context.sameSentence(i, cue.lowerBound) {
      let forms = context.text.forms(of: i)
      if forms.contains(where: { context.data.meetingHeld.contains($0.id) }) { return false }
      if forms.contains(where: { context.data.remoteParticipants.contains($0.id) }) { return true }
      i -= 1
    }
    return false
  }

  /// Whether a name is hyphened to an adjective (`the United States-led coalition`): a
  /// description, not a place.
  private static func isCompound(_ range: Range<Int>, _ context: ReadingContext) -> Bool {
    guard let next = context.token(range.upperBound),
      context.sameSentence(range.upperBound - 1, range.upperBound)
    else { return false }
    return context.text.gap(before: range.upperBound).elementsEqual(["-"])
      && context.data.nameCompounds.contains(next.word)
  }

  /// The first tokens of the names (in text order) that stand in a list with a neighbour.
  private static func listedStarts<Value>(_ names: [(range: Range<Int>, value: Value)], _ text: FoldedText)
    -> Set<Int>
  {
    Set(
      zip(names, names.dropFirst()).filter { isListed($0.range, $1.range, text) }
        .flatMap { [$0.range.lowerBound, $1.range.lowerBound] })
  }

  /// Whether two names stand next to each other in a list: only a comma, `and` or `و` between.
  private static func isListed(_ first: Range<Int>, _ second: Range<Int>, _ text: FoldedText) -> Bool {
    guard first.upperBound <= second.lowerBound, second.lowerBound - first.upperBound <= 1 else {
      return false
    }
    if second.lowerBound == first.upperBound {
      return text.gapText(before: second.lowerBound).trimmingBlanks == ","
        || text.tokens[second.lowerBound].isArabic && text.token(second.lowerBound, startsWith: "و")
    }
    let word = text.tokenText(first.upperBound)
    return word == "and" || word == "و"
  }

  /// A name opening a line of the body, or after the country that opens it (`JORDAN, AMMAN –`),
  /// followed by a comma or a dash, on a line that is not about another meeting.
  private static func isDateline(_ range: Range<Int>, _ context: ReadingContext) -> Bool {
    let text = context.text
    let first = text.tokens[range.lowerBound]
    guard first.line > 0, range.upperBound < text.tokens.count,
      !context.otherMeetingSentences.contains(first.sentence)
    else { return false }
    var lineStart = range.lowerBound
    while lineStart > 0, text.tokens[lineStart - 1].line == first.line { lineStart -= 1 }
    if lineStart < range.lowerBound {
      // Only a country and a comma may come before: `JORDAN, AMMAN –`.
      guard let (end, _) = text.longestMatch(of: context.data.countryNames, at: lineStart),
        end == range.lowerBound, text.gapText(before: end).trimmingBlanks == ","
      else { return false }
    }
    let gap = text.gapText(before: range.upperBound).trimmingBlanks
    // An agency's date line names its city and then the day: `لندن 16 محرم 1437 هـ الموافق …`.
    let dated =
      gap.isEmpty && text.tokens[range.upperBound].isNumber
      && text.tokens[range.upperBound].line == first.line
    return dated || gap.hasPrefix(",") || gap.hasPrefix("-") || gap.hasPrefix(":")
  }

  /// A name in a sentence about this meeting, not right after a topic word (`developments in Iraq`).
  private static func isVenue(_ range: Range<Int>, _ context: ReadingContext) -> Bool {
    let i = range.lowerBound
    guard context.inThisMeetingSentence(i) else { return false }
    for back in 1...3 {
      guard context.token(i - back) != nil, context.sameSentence(i - back, i) else { break }
      if context.text.forms(of: i - back).contains(where: { context.data.topicWords.contains($0.id) }) {
        return false
      }
    }
    return context.followsPreposition(range) || startsSentence(i, context) || introduced(range, context)
  }

  /// How many place nouns (`مدينة`, `العاصمة`) may stand between a venue verb and its city.
  private static let venueVerbNouns = 2

  /// A name a venue verb governs (`شهدت مدينة مراكش`, `الذي تستضيفه روما`), or that a
  /// sentence opens with `من` and a place noun (`من مدينة مراكش المغربية، انطلقت …`).
  private static func introduced(_ range: Range<Int>, _ context: ReadingContext) -> Bool {
    var i = range.lowerBound
    while i > range.lowerBound - venueVerbNouns, context.token(i - 1) != nil, context.sameSentence(i - 1, i),
      context.text.forms(of: i - 1).contains(where: { context.data.placeNouns.contains($0.id) })
    {
      i -= 1
    }
    guard let previous = context.token(i - 1), context.sameSentence(i - 1, i) else { return false }
    if context.text.forms(of: i - 1).contains(where: { context.data.venueVerbs.contains($0.id) }) {
      return true
    }
    return i < range.lowerBound && context.data.venueOpeners.contains(previous.word)
      && (i == 1 || !context.sameSentence(i - 2, i - 1))
  }

  private static func startsSentence(_ i: Int, _ context: ReadingContext) -> Bool {
    i == 0 || !context.sameSentence(i - 1, i)
  }
}
