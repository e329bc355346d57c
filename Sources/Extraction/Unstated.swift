import Domain

/// Why a field of a document's facts is empty, in words for the person reading them.
package struct Unstated: Hashable, Sendable {
  /// The field: `group`, `start`, `place`, `chairs`.
  package let field: String
  /// Why nothing was stated, quoting the text where a quote helps.
  package let reason: String
}

extension Extractor {
  /// Why the fields `facts` leaves empty are empty, read again from `document` (facts of
  /// another extractor version get no reasons: they were not read by these rules).
  package func unstated(in document: Document, facts: Facts) -> [Unstated] {
    guard facts.extractor == Extractor.version else { return [] }
    let context = readingContext(document)
    var reasons: [Unstated] = []
    if facts.group == nil {
      reasons.append(Unstated(field: "group", reason: "no group of the registry is named"))
    }
    if facts.start == nil {
      reasons.append(Unstated(field: "start", reason: whyUndated(context)))
    }
    if facts.city == nil, facts.country == nil {
      let reason =
        facts.virtual?.value == true
        ? "the meeting was held online (\(facts.virtual?.evidence.quote ?? ""))"
        : "no place is named where a sentence speaks of this meeting"
      reasons.append(Unstated(field: "place", reason: reason))
    }
    if facts.chairs.isEmpty {
      let reason: String
      if let unread = ChairReader.unreadChairing(
        ChairReader.phrases(context, groups: context.text.matches(of: context.data.groupAliases)),
        group: facts.group?.value, context)
      {
        // The phrase and the words after it in its sentence: whom it names.
        var end = unread.cue.upperBound
        while end < unread.cue.upperBound + 6, context.sameSentence(unread.cue.lowerBound, end) { end += 1 }
        let quote = context.text.evidence(tokens: unread.cue.lowerBound..<end).quote
        reason = "a sentence says who chaired (\"\(quote)\") but not the state of every chair"
      } else {
        reason = "no state is named as chairing, co-leading or hosting it"
      }
      reasons.append(Unstated(field: "chairs", reason: reason))
    }
    return reasons
  }

  /// Why no meeting date was read.
  private func whyUndated(_ context: ReadingContext) -> String {
    let text = context.text
    let expressions = DateScanner(context: context).scan().filter {
      context.inThisMeetingSentence($0.tokens.lowerBound) && !context.negated($0.tokens.lowerBound)
    }
    if context.publication == nil,
      let yearless = expressions.first(where: { ($0.end ?? $0.start).year == nil })
    {
      let quote = text.evidence(tokens: yearless.tokens).quote
      return "a day without a year (\"\(quote)\"), and no publication date found"
    }
    if context.published == nil,
      let relative = (text.matches(of: context.data.relativeDays) + text.matches(of: context.data.weekdays))
        .first(where: { context.inThisMeetingSentence($0.range.lowerBound) })
    {
      let quote = text.evidence(tokens: relative.range).quote
      return "a day named from the publication (\"\(quote)\"), and no publication day found"
    }
    return "no day is stated where a sentence speaks of this meeting"
  }
}
