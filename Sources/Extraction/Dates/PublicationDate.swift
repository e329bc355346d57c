import Domain

/// Parses an item's publication text: ISO 8601 (`2019-11-20T10:00:00Z`), RFC 822
/// (`Wed, 20 Nov 2019 10:00:00 -0500`) and natural dates in English or Arabic
/// (`November 20, 2019`, `20 تشرين الثاني/نوفمبر 2019`).
enum PublicationDate {
  static func parse(_ text: String, data: LanguageData) -> CalendarDate? {
    let trimmed = text.trimmingBlanks
    if let date = CalendarDate(iso: trimmed.prefix(10)) { return date }
    let context = ReadingContext(text: FoldedText(trimmed, lexicon: data.lexicon), data: data, published: nil)
    for expression in DateScanner(context: context).scan() {
      let day = expression.end ?? expression.start
      if day.year != nil, let date = YearInference.resolve(day, published: nil) { return date }
    }
    return nil
  }
}
