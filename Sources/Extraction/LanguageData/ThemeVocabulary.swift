import Foundation

/// What a theme is about: how ISIS raises or moves money, how members respond, or where.
package enum ThemeKind: String, Hashable, Sendable, CaseIterable {
  /// A financing method (`virtual-assets`, `antiquities`).
  case method
  /// A response by the group's members (`sanctions-designations`, `private-sector`).
  case response
  /// A region discussed (`region/africa`).
  case region
}

/// One theme of the vocabulary, with the patterns that mention it.
package struct Theme: Hashable, Sendable {
  /// The id the archive reports (`virtual-assets`, `region/africa`).
  package var id: String
  /// Its kind, so projections can group themes.
  package var kind: ThemeKind
  /// English (and French) patterns; a trailing `*` lets the last word continue.
  package var english: [String]
  /// Arabic patterns, matched with attached conjunctions and prepositions allowed.
  package var arabic: [String]

  /// Creates a theme.
  package init(id: String, kind: ThemeKind, english: [String], arabic: [String]) {
    self.id = id
    self.kind = kind
    self.english = english
    self.arabic = arabic
  }
}

/// The theme vocabulary: the bundled `themes.json`, optionally extended by a user's file of
/// the same format.
package struct ThemeVocabulary: Hashable, Sendable {
  /// The themes, in file order (bundled first, then the user's additions).
  package private(set) var themes: [Theme]

  /// Creates a vocabulary from themes.
  package init(themes: [Theme]) {
    self.themes = themes
  }

  /// Every theme id, in vocabulary order.
  package var ids: [String] { themes.map(\.id) }

  /// The kind of a theme, or nil for an id the vocabulary does not know.
  package func kind(of id: String) -> ThemeKind? {
    themes.first { $0.id == id }?.kind
  }

  /// Reads a theme file (`{"themes":[{"id":…,"kind":…,"en":[…],"ar":[…]}]}`), checking every entry.
  package init(contentsOf url: URL) throws(ExtractionError) {
    let name = url.lastPathComponent
    try self.init(file: DataFiles.decode(DataFiles.Themes.self, from: url, name: name), name: name)
  }

  init(file: DataFiles.Themes, name: String) throws(ExtractionError) {
    var themes: [Theme] = []
    for entry in file.themes {
      guard let kind = ThemeKind(rawValue: entry.kind) else {
        throw .badEntry(
          file: name, entry: entry.id, reason: "kind \"\(entry.kind)\" is not method, response or region")
      }
      guard !entry.id.isEmpty, !entry.id.contains(where: \.isWhitespace) else {
        throw .badEntry(file: name, entry: entry.id, reason: "an id must be a non-empty slug")
      }
      guard !entry.en.isEmpty || !entry.ar.isEmpty else {
        throw .badEntry(file: name, entry: entry.id, reason: "no pattern")
      }
      for pattern in entry.en + entry.ar where Phrase(pattern) == nil {
        throw .badEntry(file: name, entry: entry.id, reason: "pattern \"\(pattern)\" holds no word")
      }
      themes.append(Theme(id: entry.id, kind: kind, english: entry.en, arabic: entry.ar))
    }
    self.themes = themes
  }

  /// This vocabulary extended by another: a known id gains the other's patterns (and keeps
  /// its kind unless the other changes it), a new id is appended.
  package func extended(by other: ThemeVocabulary) -> ThemeVocabulary {
    var result = self
    for theme in other.themes {
      if let index = result.themes.firstIndex(where: { $0.id == theme.id }) {
        result.themes[index].kind = theme.kind
        result.themes[index].english += theme.english
        result.themes[index].arabic += theme.arabic
      } else {
        result.themes.append(theme)
      }
    }
    return result
  }
}
