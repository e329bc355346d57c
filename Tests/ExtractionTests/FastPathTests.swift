import Foundation
import Testing

@testable import Extraction

/// The shortcuts extraction takes for speed give what the String and Foundation rules give.
@Suite struct FastPathTests {
  private static let plain: [Unicode.Scalar] = (0...0x06FF).compactMap { value in
    PlainScalars.contains(UInt32(value)) ? Unicode.Scalar(UInt32(value)) : nil
  }

  @Test func singleFoldsFromTheTableAreTheComputedOnes() {
    for value in 0...0x10FFFF {
      guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
      if ScalarFolding.single(scalar) != ScalarFolding.computedSingle(scalar) {
        Issue.record("U+\(String(value, radix: 16))")
      }
    }
  }

  @Test func foldedTextDecodesScalarsAsTheStandardLibraryDoes() {
    let texts = [
      "", "a", "plain ASCII", "é\u{301}", "بيان مشترك", "€ 1–2 “x”",
      "\u{1F600}\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}",
      String(repeating: "مجموعة Counter ISIS 🙂 ", count: 50),
    ]
    for text in texts { #expect(FoldedText.scalars(of: text) == Array(text.unicodeScalars)) }
    // A bridged or substring-made String that is not contiguous UTF-8 goes through the same path.
    let sub = String("xx بيان yy".dropFirst(2).dropLast(2))
    #expect(FoldedText.scalars(of: sub) == Array(sub.unicodeScalars))
  }

  @Test func foldingInPlaceIsFoldingScalarByScalar() {
    let singles = [
      "", " ", "\n\n", "  lead and trail  ", "a \n b\n\nc", "إِيطاليـــا، ٢٠١٩ – «x»",
      "a\u{200F}b\u{00A0}\u{00A0}c", "Reunion\r\nLUXEMBOURG\t", "\u{2028}x\u{0085}",
    ]
    for text in singles {
      let original = Array(text.unicodeScalars)
      let fast = FoldedText.foldSingles(original)
      #expect(fast != nil, "\(text)")
      #expect(fast?.0 == FoldedText.foldAny(original).0, "\(text)")
      #expect(fast?.1 == FoldedText.foldAny(original).1, "\(text)")
    }
    // A scalar that decomposes (a ligature, a presentation form) takes the general path.
    for text in ["\u{FEFB}", "x \u{FB01}ve", "ab\u{FDFA}", "R\u{E9}union"] {
      let original = Array(text.unicodeScalars)
      #expect(FoldedText.foldSingles(original) == nil, "\(text)")
      #expect(FoldedText.fold(original).0 == FoldedText.foldAny(original).0)
    }
  }

  @Test func tokensByBitListEveryTokenCarryingEachBit() {
    var seed: PhraseStarts = 12_345
    for length in [0, 1, 7, 100] {
      // Single bits, none, several, the highest, and arbitrary words from a fixed sequence.
      let starts: [PhraseStarts] = (0..<length).map { n in
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return [0, 1, 1 << 5, 1 << 31, 1 << 63, 0b1011, seed][n % 7]
      }
      let (tokens, bounds) = FoldedText.tokensByBit(starts)
      #expect(bounds.count == PhraseStarts.bitWidth + 1)
      for bit in 0..<PhraseStarts.bitWidth {
        let listed = tokens[Int(bounds[bit])..<Int(bounds[bit + 1])].map(Int.init)
        #expect(listed == starts.indices.filter { starts[$0] & (1 << bit) != 0 }, "bit \(bit)")
      }
    }
  }

  @Test func tokensKeepWhatTheyAreGiven() {
    let token = Token(
      start: 3, end: 12, isNumber: true, isArabic: false, isPlain: true, sentence: 4, line: 2, word: 17,
      forms: 5..<8, number: 999_999_999, characterCount: 9)
    #expect(token.start == 3 && token.end == 12 && token.sentence == 4 && token.line == 2)
    #expect(token.forms == 5..<8 && token.number == 999_999_999 && token.characterCount == 9)
    #expect(token.isNumber && !token.isArabic && token.isPlain && token.word == 17)
    let word = Token(
      start: 0, end: 1, isNumber: false, isArabic: true, isPlain: false, sentence: 0, line: 0,
      word: Lexicon.unknown, forms: 0..<1, number: nil, characterCount: 1)
    #expect(word.number == nil && word.isArabic && !word.isPlain && word.word == Lexicon.unknown)
  }

  @Test func plainScalarsAreCharactersOfTheirOwnInEveryPair() {
    for scalar in FastPathTests.plain {
      let text = String(scalar)
      #expect(text.count == 1 && text.precomposedStringWithCanonicalMapping == text, "U+\(scalar.value)")
      #expect(scalar.properties.canonicalCombiningClass == .notReordered)
    }
    var bad: [String] = []
    for a in FastPathTests.plain {
      for b in FastPathTests.plain {
        var pair = String(a)
        pair.unicodeScalars.append(b)
        if pair.count != 2 || pair.precomposedStringWithCanonicalMapping != pair {
          bad.append("U+\(a.value) U+\(b.value)")
        }
      }
    }
    #expect(bad.isEmpty, "\(bad.prefix(10))")
  }

  @Test func arabicLettersFoldingKeepsAreAlphabetic() {
    for value in Array(0x0621...0x064A) + Array(0x0674...0x06D3) {
      let scalar = Unicode.Scalar(UInt32(value))
      #expect(scalar?.properties.isAlphabetic == true, "U+\(value)")
    }
  }

  @Test func cliticFormsAreTheVariantsOfTheStringRules() throws {
    let data = try LanguageData.bundled()
    var words = Set<String>()
    for pattern in data.themes.themes.flatMap(\.arabic) {
      let folded = FoldedText(pattern)
      for (i, token) in folded.tokens.enumerated() where token.isArabic { words.insert(folded.tokenText(i)) }
    }
    if let labeled = TestSupport.fixturesDirectory()?.appendingPathComponent("labeled"),
      let names = try? FileManager.default.contentsOfDirectory(atPath: labeled.path)
    {
      for name in names where name.hasSuffix(".txt") {
        let text = (try? String(contentsOf: labeled.appendingPathComponent(name), encoding: .utf8)) ?? ""
        let folded = FoldedText(text)
        for (i, token) in folded.tokens.enumerated() where token.isArabic {
          words.insert(folded.tokenText(i))
        }
      }
    }
    words.formUnion(["وللقطاع", "للقطاع", "فبالدول", "والاجتماع", "ولل", "لل", "وال", "ال", "ا", "وب"])
    var buffer: [(start: Int, afterAlef: Bool)] = []
    for word in words.sorted() {
      let scalars = Array(word.unicodeScalars)
      guard PlainScalars.all(scalars) else { continue }
      ArabicClitics.forms(scalars, 0, scalars.count, into: &buffer)
      let forms = buffer.map {
        (($0.afterAlef ? "ا" : "") + String(String.UnicodeScalarView(scalars[$0.start...])))
      }
      #expect(forms == ArabicClitics.variants(of: word), "\(word)")
    }
  }

  @Test func everyCliticPrefixStartsWithALetterTheQuickCheckLetsThrough() {
    for prefix in ArabicClitics.prefixes {
      #expect(prefix.unicodeScalars.first.map { ArabicClitics.mayStartPrefix($0.value) } == true, "\(prefix)")
    }
    for value: UInt32 in [0x0627, 0x0645, 0x0646, 0x0647, 0x064A, 0x61] {
      #expect(!ArabicClitics.mayStartPrefix(value), "U+\(String(value, radix: 16))")
    }
  }

  @Test func lexiconFindsWordsByScalarsAndAfterAnAlef() {
    var lexicon = Lexicon()
    let words = ["القطاع", "the", "ايطاليا", "中文", "cafe"] + (0..<200).map { "w\($0)" }
    let ids = words.map { lexicon.intern($0) }
    #expect(Set(ids).count == words.count)
    for (word, id) in zip(words, ids) {
      #expect(lexicon.intern(word) == id)
      #expect(lexicon.id(of: Array(word.unicodeScalars)[...]) == id)
      #expect(lexicon.id(of: word) == id)
    }
    #expect(lexicon.id(of: Array("لقطاع".unicodeScalars)[...], afterAlef: true) == ids[0])
    #expect(lexicon.id(of: Array("القطاع".unicodeScalars)[...], afterAlef: true) == Lexicon.unknown)
    #expect(lexicon.id(of: Array("absent".unicodeScalars)[...]) == Lexicon.unknown)
    // Plain words read in place find the same ids.
    for (word, id) in zip(words, ids) where PlainScalars.all(word.unicodeScalars) {
      #expect(Array(word.unicodeScalars).withUnsafeBufferPointer { lexicon.id(ofPlain: $0) } == id)
    }
    #expect(
      Array("لقطاع".unicodeScalars).withUnsafeBufferPointer { lexicon.id(ofPlain: $0, afterAlef: true) }
        == ids[0])
  }

  @Test func wordMapsAndSetsFindWhatWasPut() {
    var map = WordMap<Int>()
    for id in [5, 1, 9, 3, 7] as [WordID] { map[id] = Int(id) * 10 }
    #expect(map[3] == 30 && map[9] == 90 && map[4] == nil && map[Lexicon.unknown] == nil)
    map[3] = nil
    #expect(map[3] == nil && map.count == 4)
    var set = WordSet()
    set.insert(2)
    #expect(set.contains(2) && !set.contains(3) && !set.contains(Lexicon.unknown))
  }

  @Test func stableStartersAreLeftAloneByNFCAloneAndInEveryPair() {
    let starters = (0...0xFFFF).compactMap { value -> Unicode.Scalar? in
      TextShortcuts.isStableStarter(UInt32(value)) ? Unicode.Scalar(UInt32(value)) : nil
    }
    for scalar in starters {
      #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(scalar.value)")
    }
    // Every ordered pair, each on a line of its own: a line break composes with nothing.
    var text = ""
    text.unicodeScalars.reserveCapacity(starters.count * starters.count * 3)
    for a in starters {
      for b in starters {
        text.unicodeScalars.append(a)
        text.unicodeScalars.append(b)
        text.unicodeScalars.append("\n")
      }
    }
    #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
  }

  @Test func whitespaceIsFoundationsWhitespacesAndNewlines() {
    for value in 0...0x10FFFF {
      guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
      if CharacterSet.whitespacesAndNewlines.contains(scalar)
        != TextShortcuts.isWhitespaceOrNewline(UInt32(value))
      {
        Issue.record("U+\(String(value, radix: 16))")
      }
    }
  }

  @Test func trimmingAndLinesAgreeWithFoundation() {
    let set = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{200B}\u{FEFF}"))
    for text in [
      "", " ", "\u{00A0}a b\u{200B}", "\u{FEFF}\u{2003}نص\u{3000}", "x", " \u{0301}a ", "a\u{2028}", "𝐀 𝐁",
    ] {
      let trimmed = TextShortcuts.trimming(Substring(text)) {
        TextShortcuts.isWhitespaceOrNewline($0) || $0 == 0x200B || $0 == 0xFEFF
      }
      #expect(trimmed == text.trimmingCharacters(in: set), "\(Array(text.unicodeScalars))")
    }
    for text in [
      "", "\n", "a\n\nb\n", "نص\n\u{0651}x", "\n\n", "first line of some length\nبيان مشترك\n\nlast 𝐀",
    ] {
      #expect(TextShortcuts.lines(text) == text.split(separator: "\n", omittingEmptySubsequences: false))
      #expect(TextShortcuts.linesByIteration(text) == TextShortcuts.lines(text))
    }
    for (text, byte) in [("", 0x0D), ("abc", 0x0D), ("a\r\nb", 0x0D), ("بيان\n", 0x0A)] as [(String, UInt8)] {
      #expect(TextShortcuts.utf8(of: text, contains: byte) == text.utf8.contains(byte))
      #expect(
        TextShortcuts.utf8(of: text.dropFirst(), contains: byte) == text.dropFirst().utf8.contains(byte))
    }
  }

  @Test func lineKeysAreTheFoldedTokensJoined() {
    for line in [
      "Email Updates", "  تحديثات بالبريد  الإلكتروني ", "12th-CIFG…meeting", "Mises à jour", "中文 中文", "",
    ] {
      let folded = FoldedText(line)
      let joined = folded.tokens.indices.map(folded.tokenText).joined(separator: " ")
      #expect(LineKey(line).text == joined)
    }
  }

  @Test func aBoundedLineKeyIsTheWholeKeysFirstScalarsPlusOne() {
    for line in [
      "Email Updates", "The Counter ISIS Finance Group met in Rome", "تحديثات بالبريد الإلكتروني وغيرها",
      "ab",
      "12th-CIFG…meeting of the group", "a b c d", "ab cd",
    ] {
      let whole = LineKey(line)
      for limit in 0...8 {
        let bounded = LineKey(line, limit: limit)
        #expect(bounded.isTruncated == (whole.scalars.count > limit + 1), "\(line) \(limit)")
        #expect(bounded.scalars == Array(whole.scalars.prefix(limit + 1)), "\(line) \(limit)")
      }
      #expect(!LineKey(line, limit: whole.scalars.count).isTruncated)
    }
  }

  @Test func theBundledBoilerplateRulesAreAllPlainSoLineKeysAreBounded() throws {
    let rules = try LanguageData.bundled().boilerplate
    let longest = try #require(rules.longestPlainKey)
    let keys = rules.dropEquals + rules.dropPrefixes + rules.translationNotices + rules.originalLinkPrefixes
    #expect(longest == keys.map(\.scalars.count).max())
    func mayStart(_ line: String) -> Bool { rules.mayStartLanguageSwitcher(LineKey(line, limit: longest)) }
    let long = String(repeating: " and more words", count: 5)
    #expect(mayStart("English Français العربية" + long))
    #expect(mayStart("العربية English" + long))
    #expect(mayStart("中文 English" + long))
    #expect(!mayStart("Englishman in Paris" + long))
    #expect(!mayStart("العربي" + long))
    #expect(!mayStart("اجتمعت المجموعة" + long))
  }

  @Test func aPlainFirstScalarFindsTheOtherNamesStartingWithIt() throws {
    // `ab中文` is not plain but starts with a plain Character: a key starting with `a` may
    // start it; `中文` starts with a scalar that is not plain, looked up as a Character.
    let file = DataFiles.Boilerplate(
      dropLineEquals: ["x"], dropLineStartsWith: [], translationNotices: [], originalLinkPrefixes: [],
      languageNames: ["ab中文", "English", "中文"])
    let rules = try BoilerplateRules(file)
    func mayStart(_ line: String) -> Bool { rules.mayStartLanguageSwitcher(LineKey(line, limit: 20)) }
    #expect(mayStart("abc of many things"))
    #expect(mayStart("中文 English and more"))
    #expect(mayStart("English and more"))
    #expect(!mayStart("Englishman and more"))
    #expect(!mayStart("xyz of many things"))
  }

  @Test func knownNFCReadsEveryUTF8Length() {
    for text in [
      "", "plain ascii", "é ü ß", "اجتماع – «الثاني»", "\u{FEFB}\u{200F}", "a\u{0301}", "الثانيِ", "𝐀", "中文",
      "\u{2000}", "ﷲ", "x\u{10FFFF}", "eight ascii bytes then é", "abcdefgh\u{0301}", "abcdefghijklmnop",
      "abcdefg\u{0301}xyzxyzxyz", "0123456789 اجتماع 0123456789 \u{0654}",
    ] {
      #expect(
        TextShortcuts.isKnownNFC(text.dropFirst())
          == text.dropFirst().unicodeScalars.allSatisfy { TextShortcuts.isStableStarter($0.value) })
      #expect(
        TextShortcuts.isKnownNFC(text)
          == text.unicodeScalars.allSatisfy { TextShortcuts.isStableStarter($0.value) },
        "\(Array(text.unicodeScalars))")
    }
  }
}
