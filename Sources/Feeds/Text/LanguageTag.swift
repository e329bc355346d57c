/// Tidies a declared language into BCP 47 form: trimmed, `_` written `-` (`en_US` → `en-US`).
enum LanguageTag {
  /// The tidied tag, or nil when nothing is declared.
  static func normalized(_ tag: String) -> String? {
    let trimmed = tag.trimmingASCIISpaces()
    guard !trimmed.isEmpty else { return nil }
    return String(trimmed.map { $0 == "_" ? "-" : $0 })
  }
}
