import Domain

/// Reads stated counts: `[qualifier] N [words] KIND` (`over 80 attending`, `its 56 member states`,
/// `أكثر من 80 مشاركا`) and `KIND [qualifier] N` (`الدول الأعضاء الـ56`, `attended by over 80`),
/// skipping numbers that are part of dates or ordinals.
enum CountReader {
  private static let maxFillers = 2

  static func read(_ context: ReadingContext, excluded: [Range<Int>]) -> [CountStatement] {
    let text = context.text
    let numbers = NumberReader(context: context)
    let qualifiers = text.matches(of: context.data.countQualifiers)
    let kindsBefore = text.matches(of: context.data.kindsBeforeNumber)
    let links = text.matches(of: context.data.countLinks)
    var result: [CountStatement] = []
    func add(_ value: Int?, _ qualifier: CountQualifier, _ kind: CountedKind, _ tokens: Range<Int>) {
      guard
        !result.contains(where: { $0.value == value && $0.qualifier == qualifier && $0.counts == kind })
      else { return }
      result.append(
        CountStatement(
          value: value, qualifier: qualifier, counts: kind, evidence: text.evidence(tokens: tokens)))
    }

    var i = 0
    while i < text.tokens.count {
      guard !excluded.contains(where: { $0.contains(i) }), let (value, afterNumber) = numbers.number(at: i)
      else {
        i += 1
        continue
      }
      // `الـ56`: the article glued to the number belongs to it.
      var numberStart = i
      if let previous = context.token(i - 1), text.tokenText(i - 1) == "ال",
        previous.end == text.tokens[i].start
          || text.tokens[i].start - previous.end <= 1
      {
        numberStart = i - 1
      }
      let qualifier = qualifiers.first {
        $0.range.upperBound == numberStart && context.sameSentence(numberStart - 1, numberStart)
      }
      let phraseStart = qualifier?.range.lowerBound ?? numberStart
      if let (kind, end) = kindAfter(afterNumber, context) {
        add(value, qualifier?.value ?? .exact, kind, phraseStart..<end)
        i = end
        continue
      }
      // `الدول الأعضاء البالغ عددها 56`: a linking phrase may stand between the kind and the number.
      let kindEnd = links.first { $0.range.upperBound == phraseStart }?.range.lowerBound ?? phraseStart
      if let kind = kindsBefore.first(where: {
        $0.range.upperBound == kindEnd && context.sameSentence(kindEnd - 1, phraseStart)
      }) {
        add(value, qualifier?.value ?? .exact, kind.value, kind.range.lowerBound..<afterNumber)
      }
      i = afterNumber
    }
    for dozen in text.matches(of: context.data.dozens) {
      if let (kind, end) = kindAfter(dozen.range.upperBound, context) {
        add(nil, .about, kind, dozen.range.lowerBound..<end)
      }
    }
    return result
  }

  /// What is counted, starting at `i` after up to two filler words (`56 Coalition members`).
  private static func kindAfter(_ i: Int, _ context: ReadingContext) -> (CountedKind, Int)? {
    var position = i
    for _ in 0...maxFillers {
      guard let token = context.token(position), context.sameSentence(i - 1, position),
        context.text.joins(before: position) || context.text.gapText(before: position).trimmingBlanks.isEmpty
      else { return nil }
      if let (end, kind) = context.text.longestMatch(of: context.data.kindsAfterNumber, at: position) {
        return (kind, end)
      }
      guard context.data.countFillers.contains(token.word) else { return nil }
      position += 1
    }
    return nil
  }
}
