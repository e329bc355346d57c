import Domain

/// Reads stated counts: `[qualifier] N [words] KIND` (`over 80 attending`, `its 56 member states`,
/// `أكثر من 80 مشاركا`), `KIND [qualifier] N` (`الدول الأعضاء الـ56`, `attended by over 80`) and
/// members numbered by an ordinal (`as its 75th member`, `بوصفها العضو الخامس والسبعين`),
/// skipping numbers that are part of dates or ordinals.
///
/// A count stated as attendance — after `delegations from`, `ممثلون عن`, `حضره`, or before
/// `attending`, `حضوريا` — counts attendees whatever it names (`over 40 member states and
/// observers attending`); countries alone (`26 countries`) are counted only so. Countries
/// followed by organizations (`35 دولة وأربع منظمات دولية`) count both.
enum CountReader {
  private static let maxFillers = 2
  /// How many tokens before a count an attendance phrase may end, and after it one may start.
  private static let attendanceWindow = 6
  private static let attendanceAfterWindow = 3

  static func read(_ context: ReadingContext, excluded: [Range<Int>]) -> [CountStatement] {
    let text = context.text
    let numbers = NumberReader(context: context)
    let qualifiers = text.matches(of: context.data.countQualifiers)
    let kindsBefore = text.matches(of: context.data.kindsBeforeNumber)
    let links = text.matches(of: context.data.countLinks)
    let attendanceBefore = text.matches(of: context.data.attendanceBefore)
    let attendanceAfter = text.matches(of: context.data.attendanceAfter)
    // Looked up by position, not searched: a long text has thousands of each.
    var isExcluded = [Bool](repeating: false, count: text.tokens.count)
    for range in excluded { for k in range where k < isExcluded.count { isExcluded[k] = true } }
    let qualifierEndingAt = Dictionary(
      qualifiers.map { ($0.range.upperBound, $0) }, uniquingKeysWith: { a, _ in a })
    let linkEndingAt = Dictionary(links.map { ($0.range.upperBound, $0) }, uniquingKeysWith: { a, _ in a })
    let kindBeforeEndingAt = Dictionary(
      kindsBefore.map { ($0.range.upperBound, $0) }, uniquingKeysWith: { a, _ in a })
    let attendanceEnds = attendanceBefore.map(\.range.upperBound)
    let totalEnds = Set(text.matches(of: context.data.membershipTotals).map(\.range.upperBound))
    let representativeEnds = Set(text.matches(of: context.data.representatives).map(\.range.upperBound))
    let attendanceStarts = attendanceAfter.map(\.range.lowerBound)
    var result: [CountStatement] = []
    func add(_ value: Int?, _ qualifier: CountQualifier, _ kind: CountedKind, _ tokens: Range<Int>) {
      // The links after the article are other releases; who attended another meeting is not
      // who attended this one.
      guard tokens.lowerBound < context.trailerStart ?? Int.max,
        kind != .attendees || !context.aboutOtherMeeting(tokens.lowerBound),
        !result.contains(where: { $0.value == value && $0.qualifier == qualifier && $0.counts == kind })
      else { return }
      result.append(
        CountStatement(
          value: value, qualifier: qualifier, counts: kind, evidence: text.evidence(tokens: tokens)))
    }
    /// Whether the count at `tokens` is stated as attendance.
    func isStatedAsAttendance(_ tokens: Range<Int>) -> Bool {
      let sentence = text.tokens[tokens.lowerBound].sentence
      // `its 56 member states`, `the 65 members`: the group's own, unless an attendance phrase
      // stands right before (`Ministers from the 74 members`).
      if let previous = context.token(tokens.lowerBound - 1), previous.sentence == sentence,
        context.data.countPossessives.contains(previous.word),
        attendanceEnds.positions(in: (tokens.lowerBound - 1)...(tokens.lowerBound - 1)).isEmpty
      {
        return false
      }
      let before = attendanceEnds.positions(in: (tokens.lowerBound - attendanceWindow)...tokens.lowerBound)
      if before.contains(where: { text.tokens[attendanceBefore[$0].range.lowerBound].sentence == sentence }) {
        return true
      }
      let after = attendanceStarts.positions(
        in: tokens.upperBound...(tokens.upperBound + attendanceAfterWindow))
      return after.contains { text.tokens[attendanceAfter[$0].range.lowerBound].sentence == sentence }
    }

    var i = 0
    while i < text.tokens.count {
      guard !isExcluded[i], let (value, afterNumber) = numbers.number(at: i)
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
      let qualifier = qualifierEndingAt[numberStart].flatMap {
        context.sameSentence(numberStart - 1, numberStart) ? $0 : nil
      }
      let phraseStart = qualifier?.range.lowerBound ?? numberStart
      // `الدول الأعضاء الـ56`, `الدول التسع والأربعين`: a number with the article is the whole
      // membership, as `the 65 members` is.
      let definite = numberStart < i || (text.tokens[i].isArabic && text.tokenText(i).hasPrefix("ال"))
      func isAttendance(_ tokens: Range<Int>) -> Bool { !definite && isStatedAsAttendance(tokens) }
      // `The full 79-member Coalition met`, `bringing the total number of members to 86`: the
      // group's size, not who came.
      if let (end, _) = text.longestMatch(of: context.data.sizeAdjectives, at: afterNumber) {
        add(value, qualifier?.value ?? .exact, .members, phraseStart..<end)
        i = end
        continue
      }
      if totalEnds.contains(phraseStart), context.sameSentence(phraseStart - 1, phraseStart) {
        let end = kindAfter(afterNumber, context)?.1 ?? afterNumber
        add(value, qualifier?.value ?? .exact, .members, phraseStart..<end)
        i = end
        continue
      }
      if let (kind, end) = kindAfter(afterNumber, context) {
        let tokens = phraseStart..<end
        if let next = context.token(end), context.sameSentence(end - 1, end),
          context.data.countOthers.contains(next.word) || isRegionalPart(end, context)
        {
          // `89 other countries`, `15 دولة إفريقية`: a part, not the whole.
        } else if isAttendance(tokens) {
          add(value, qualifier?.value ?? .exact, .attendees, tokens)
        } else if let kind, let withOrganizations = organizationTail(end, context) {
          let counted: CountedKind = kind == .members ? .countriesAndOrganizations : kind
          add(value, qualifier?.value ?? .exact, counted, phraseStart..<withOrganizations)
        } else if let kind {
          add(value, qualifier?.value ?? .exact, kind, tokens)
        }
        i = end
        continue
      }
      // `الدول الأعضاء البالغ عددها 56`: a linking phrase may stand between the kind and the number.
      let kindEnd = linkEndingAt[phraseStart]?.range.lowerBound ?? phraseStart
      if let kind = kindBeforeEndingAt[kindEnd], context.sameSentence(kindEnd - 1, phraseStart) {
        let tokens = kind.range.lowerBound..<afterNumber
        // `ممثلي الشركاء الـ31`: the representatives of the whole membership came, as `Ministers
        // from the 74 members` did.
        let attended = isAttendance(tokens) || representativeEnds.contains(kind.range.lowerBound)
        add(value, qualifier?.value ?? .exact, attended ? .attendees : kind.value, tokens)
      }
      i = afterNumber
    }
    for dozen in text.matches(of: context.data.dozens) {
      if let (kind, end) = kindAfter(dozen.range.upperBound, context), let kind {
        add(nil, .about, kind, dozen.range.lowerBound..<end)
      }
    }
    for (value, tokens) in memberOrdinals(context) { add(value, .exact, .members, tokens) }
    return perCountries(result, context)
  }

  /// Attendance counted twice, people then their countries (`بمشاركة 150 ممثلا عن أكثر من 50
  /// دولة`): the countries are what the group's counts track, the people are left out.
  private static func perCountries(_ counts: [CountStatement], _ context: ReadingContext) -> [CountStatement]
  {
    let text = context.text
    let attendance = counts.filter { $0.counts == .attendees }.compactMap { count in
      text.tokens(of: count.evidence).map { (count, $0) }
    }
    return counts.filter { count in
      guard count.counts == .attendees, let tokens = text.tokens(of: count.evidence) else { return true }
      let bySecond = attendance.contains { other in
        let gap = other.1.lowerBound - tokens.upperBound
        guard gap >= 1, gap <= 3, context.sameSentence(tokens.upperBound - 1, other.1.lowerBound) else {
          return false
        }
        return (tokens.upperBound..<other.1.lowerBound).contains {
          context.text.forms(of: $0).contains { context.data.perCountry.contains($0.id) }
        }
      }
      return !bySecond
    }
  }

  /// What is counted, starting at `i` after up to two filler words (`56 Coalition members`), or
  /// `nil` for countries alone (`26 countries`), which only attendance makes a count.
  private static func kindAfter(_ i: Int, _ context: ReadingContext) -> (CountedKind?, Int)? {
    var position = i
    for _ in 0...maxFillers {
      guard let token = context.token(position), context.sameSentence(i - 1, position) else { return nil }
      let gap = context.text.gapText(before: position).trimmingBlanks
      // `(22) وفدا`: a number in brackets.
      guard context.text.joins(before: position) || gap.isEmpty || (position == i && gap == ")") else {
        return nil
      }
      if let (end, kind) = context.text.longestMatch(of: context.data.kindsAfterNumber, at: position) {
        return (kind, end)
      }
      if let (end, _) = context.text.longestMatch(of: context.data.countriesOnly, at: position) {
        return (nil, end)
      }
      guard context.data.countFillers.contains(token.word) else { return nil }
      position += 1
    }
    return nil
  }

  /// Whether the counted countries are one region's (`15 دولة إفريقية و37 أوروبية`, `سبع دول
  /// أفريقية`): a part of who came. Regions joined to another (`80 دولة أوروبية وأفريقية
  /// وعربية`) describe the whole.
  private static func isRegionalPart(_ i: Int, _ context: ReadingContext) -> Bool {
    func isRegion(_ k: Int) -> Bool {
      context.token(k) != nil && context.sameSentence(i, k)
        && context.text.forms(of: k).contains { context.data.countRegions.contains($0.id) }
    }
    guard isRegion(i) else { return false }
    let joined =
      context.token(i + 1)?.isArabic == true && context.text.token(i + 1, startsWith: "و") && isRegion(i + 1)
    return !joined
  }

  /// The end of `and [N | several] [multilateral] organizations` right after counted countries.
  private static func organizationTail(_ i: Int, _ context: ReadingContext) -> Int? {
    guard let first = context.token(i), context.sameSentence(i - 1, i) else { return nil }
    let word = context.text.tokenText(i)
    guard word == "and" || word == "و" || (first.isArabic && context.text.token(i, startsWith: "و")) else {
      return nil
    }
    for position in i..<(i + 4) {
      guard context.token(position) != nil, context.sameSentence(i, position) else { return nil }
      if context.text.forms(of: position).contains(where: { context.data.organizationTails.contains($0.id) })
      {
        return position + 1
      }
    }
    return nil
  }

  /// Members numbered by an ordinal: `its 75th member`, `العضو الخامس والسبعين`.
  private static func memberOrdinals(_ context: ReadingContext) -> [(Int, Range<Int>)] {
    var found: [(Int, Range<Int>)] = []
    for noun in context.text.matches(of: context.data.memberNounsBeforeOrdinal) {
      if let (value, end) = OrdinalReader.arabicOrdinal(at: noun.range.upperBound, context), value > 1 {
        found.append((value, noun.range.lowerBound..<end))
      }
    }
    for noun in context.text.matches(of: context.data.memberNounsAfterOrdinal) {
      let end = noun.range.lowerBound
      if end > 0, context.text.joins(before: end) || context.text.gapText(before: end) == " ",
        let (value, start) = OrdinalReader.englishOrdinal(endingAt: end, context), value > 1
      {
        found.append((value, start..<noun.range.upperBound))
      }
    }
    return found
  }

  /// The group names of the sentence holding token `i`, in order; for a sentence opening with
  /// a pronoun and naming none (`It is composed of 85 member states`), the sentence before's.
  private static func owners(inSentenceOf i: Int, _ context: ReadingContext) -> [(
    range: Range<Int>, value: String
  )] {
    let text = context.text
    var start = i
    while start > 0, text.tokens[start - 1].sentence == text.tokens[i].sentence { start -= 1 }
    let found = owners(from: start, context)
    guard found.isEmpty, context.data.subjectPronouns.contains(text.tokens[start].word), start > 0 else {
      return found
    }
    var previous = start - 1
    while previous > 0, text.tokens[previous - 1].sentence == text.tokens[start - 1].sentence {
      previous -= 1
    }
    return owners(from: previous, context)
  }

  /// The group names of the sentence that starts at token `start`, in order.
  private static func owners(from start: Int, _ context: ReadingContext) -> [(
    range: Range<Int>, value: String
  )] {
    let text = context.text
    let sentence = text.tokens[start].sentence
    var found: [(range: Range<Int>, value: String)] = []
    var position = start
    while position < text.tokens.count, text.tokens[position].sentence == sentence {
      if let (end, value) = text.longestMatch(of: context.data.countOwners, at: position) {
        found.append((position..<end, value))
        position = end
      } else {
        position += 1
      }
    }
    return found
  }

  /// How many tokens from a count its group's name may stand: `the Coalition's 67th member`,
  /// `82 members of the Defeat-ISIS Coalition`, `العضو الرابع والثمانين في التحالف`.
  private static let ownerWindow = 3

  /// The counts with the group each counts: a count of membership stated for the group's
  /// parent (the Coalition's size quoted in a CIFG or Small Group release) names the parent;
  /// one stated for any other group is left out. Attendance is the meeting's, whoever is named.
  static func owned(by group: String?, _ counts: [CountStatement], _ context: ReadingContext)
    -> [CountStatement]
  {
    guard let group, counts.contains(where: { $0.counts != .attendees }) else { return counts }
    let text = context.text
    let parent = context.data.groupParents[group]
    // New members join the Coalition: a member numbered in a working group's release (`the
    // 90th member`) is the Coalition's unless the working group is named beside it.
    let numbered = Set(memberOrdinals(context).map(\.1.lowerBound))
    return counts.compactMap { count in
      guard count.counts != .attendees, let tokens = text.tokens(of: count.evidence) else { return count }
      // Only the count's sentence is read for group names: most documents state no membership.
      let inSentence = owners(inSentenceOf: tokens.lowerBound, context)
      var near = inSentence.filter { owner in
        owner.range.upperBound <= tokens.lowerBound
          && tokens.lowerBound - owner.range.upperBound <= ownerWindow
          || owner.range.lowerBound >= tokens.upperBound
            && owner.range.lowerBound - tokens.upperBound <= ownerWindow
      }
      // `the 56 member states of the Global Coalition to Defeat ISIS' Counter ISIS Finance
      // Group`: a group named right after a near one is near too.
      near += inSentence.filter { owner in
        near.contains {
          owner.range.lowerBound >= $0.range.upperBound && owner.range.lowerBound - $0.range.upperBound <= 1
        }
      }
      // The group next to the count says whose it is; else a sentence that names only other
      // groups (`The Global Coalition …, which Libya joined today, now has 65 member countries`).
      let named = near.isEmpty ? inSentence : near
      var counted = count
      if let parent, numbered.contains(tokens.lowerBound) {
        if !near.contains(where: { $0.value == group }) { counted.group = parent }
        return counted
      }
      if named.isEmpty || named.contains(where: { $0.value == group }) { return count }
      guard let parent, named.contains(where: { $0.value == parent }) else { return nil }
      counted.group = parent
      return counted
    }
  }
}

extension Array where Element == Int {
  /// The indices of the elements within `bounds`, for an array sorted ascending (binary search).
  func positions(in bounds: ClosedRange<Int>) -> Range<Int> {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if self[mid] < bounds.lowerBound { low = mid + 1 } else { high = mid }
    }
    var end = low
    while end < count, self[end] <= bounds.upperBound { end += 1 }
    return low..<end
  }
}
