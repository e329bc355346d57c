/// The forms of an Arabic word without its attached conjunctions, prepositions and article,
/// so `وإيطاليا` matches `إيطاليا` and `للقطاع` matches `القطاع` (folded forms).
enum ArabicClitics {
  /// The attached conjunctions and prepositions, longest first.
  static let prefixes: [String] = ["وب", "ول", "فب", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك"]
  private static let prefixScalars: [[Unicode.Scalar]] = prefixes.map { Array($0.unicodeScalars) }
  private static let alef: Unicode.Scalar = "\u{0627}"
  private static let lam: Unicode.Scalar = "\u{0644}"

  /// Whether a clitic prefix may start with scalar `value`: the first letters of ``prefixes``,
  /// و ف ب ل ك (a test checks that every prefix starts with one).
  @inline(__always)
  static func mayStartPrefix(_ value: UInt32) -> Bool {
    switch value {
    case 0x0648, 0x0641, 0x0628, 0x0644, 0x0643: return true
    default: return false
    }
  }

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

  /// The same forms as ``variants(of:)``, for a token of plain scalars (one `Character` each)
  /// `folded[start..<end]`, without building strings: each form is a suffix of the token,
  /// or an alef and a suffix. `forms` is cleared first; the token itself is the first form.
  static func forms(
    _ folded: [Unicode.Scalar], _ start: Int, _ end: Int, into forms: inout [(start: Int, afterAlef: Bool)]
  ) {
    forms.removeAll(keepingCapacity: true)
    forms.append((start, false))
    func length(_ form: (start: Int, afterAlef: Bool)) -> Int { end - form.start + (form.afterAlef ? 1 : 0) }
    func scalar(_ form: (start: Int, afterAlef: Bool), _ k: Int) -> Unicode.Scalar {
      form.afterAlef ? (k == 0 ? alef : folded[form.start + k - 1]) : folded[form.start + k]
    }
    func same(_ a: (start: Int, afterAlef: Bool), _ b: (start: Int, afterAlef: Bool)) -> Bool {
      let n = length(a)
      guard n == length(b) else { return false }
      if a.afterAlef == b.afterAlef { return a.start == b.start }
      return (0..<n).allSatisfy { scalar(a, $0) == scalar(b, $0) }
    }
    func add(_ form: (start: Int, afterAlef: Bool)) {
      if length(form) >= 2, !forms.contains(where: { same($0, form) }) { forms.append(form) }
    }
    let count = end - start
    // Most words start with no prefix's letter: then none of the eleven is compared.
    if mayStartPrefix(folded[start].value) {
      for p in prefixScalars where count > p.count + 1 {
        var matches = true
        for k in 0..<p.count where folded[start + k] != p[k] {
          matches = false
          break
        }
        guard matches else { continue }
        let rest = start + p.count
        add((rest, false))
        if p.last == lam, folded[rest] == lam, end - rest > 2 { add((rest, true)) }
      }
    }
    for index in forms.indices {
      let form = forms[index]
      guard length(form) >= 4, scalar(form, 0) == alef, scalar(form, 1) == lam else { continue }
      add(form.afterAlef ? (form.start + 1, false) : (form.start + 2, false))
    }
  }
}
