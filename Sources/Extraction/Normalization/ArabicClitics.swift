/// The forms of an Arabic word without its attached conjunctions, prepositions and article,
/// so `وإيطاليا` matches `إيطاليا` and `للقطاع` matches `القطاع` (folded forms).
enum ArabicClitics {
  private static let prefixes: [String] = ["وب", "ول", "فب", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك"]

  /// The token itself first, then the forms with clitics removed.
  static func variants(of word: String) -> [String] {
    var result = [word]
    func add(_ form: String) {
      if form.count >= 2, !result.contains(form) { result.append(form) }
    }
    let scalars = Array(word.unicodeScalars)
    for prefix in prefixes {
      let p = Array(prefix.unicodeScalars)
      guard scalars.count > p.count + 1, Array(scalars[0..<p.count]) == p else { continue }
      let rest = String(String.UnicodeScalarView(scalars[p.count...]))
      add(rest)
      // ل + ال is written لل: `للقطاع` is ل + `القطاع`.
      if prefix.hasSuffix("ل"), rest.hasPrefix("ل"), rest.count > 2 {
        add("ا" + rest)
      }
    }
    for form in result where form.hasPrefix("ال") && form.count >= 4 {
      add(String(form.dropFirst(2)))
    }
    return result
  }
}
