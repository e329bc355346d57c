import Domain
import JSONForm

/// A JSON value as indented text for a person (`show`), laid out as valid YAML: a stored
/// text is a block scalar indented under its key (`text: |`), a string that YAML would
/// misread (`- x`, `a: b`, `#`, `null`) is quoted, and every character that would act on
/// the terminal is made visible (``TerminalText/visible(_:_:)``; a block keeps its lines).
package enum OutlineText {
  /// The lines of `value`, each prefixed with `indent`.
  package static func render(_ value: JSONValue, indent: String = "") -> String {
    switch value {
    case .object(let members) where !members.isEmpty:
      return members.map { key, member in entry(key: TerminalText.visible(key, .line), member, indent: indent)
      }
      .joined(separator: "\n")
    case .array(let items) where !items.isEmpty:
      return items.map { item in
        switch item {
        case .object(let inner) where !inner.isEmpty:
          // `- first: …` with the other keys under it, as YAML writes a list of mappings.
          let body = render(item, indent: indent + "  ")
          return indent + "- " + body.dropFirst(indent.count + 2)
        case .array(let inner) where !inner.isEmpty:
          return indent + "-\n" + render(item, indent: indent + "  ")
        default:
          return indent + "- " + scalar(item, indent: indent + "  ")
        }
      }.joined(separator: "\n")
    default:
      return indent + scalar(value, indent: indent + "  ")
    }
  }

  static func entry(key: String, _ member: JSONValue, indent: String) -> String {
    let key = plain(key) ? key : quoted(key)
    switch member {
    case .object(let inner) where !inner.isEmpty:
      return "\(indent)\(key):\n" + render(member, indent: indent + "  ")
    case .array(let items) where !items.isEmpty:
      return "\(indent)\(key):\n" + render(member, indent: indent + "  ")
    default:
      return "\(indent)\(key): " + scalar(member, indent: indent + "  ")
    }
  }

  /// A value on its key's line; a text of several lines as a block scalar whose lines are
  /// indented by `indent`.
  static func scalar(_ value: JSONValue, indent: String) -> String {
    switch value {
    case .string(let s) where s.contains("\n"):
      let text = TerminalText.visible(s, .block)
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      // `|` keeps one final line break, `|-` none; `|+` would be needed for more.
      var header = "|"
      if lines.last == "" {
        lines.removeLast()
        if lines.last == "" { header = "|+" }
      } else {
        header = "|-"
      }
      // A first line that starts with a space needs the indentation said explicitly.
      if let first = lines.first(where: { !$0.isEmpty }), first.hasPrefix(" ") || first.hasPrefix("\t") {
        header = "|2" + header.dropFirst()
      }
      return header + "\n" + lines.map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
    case .string(let s):
      let text = TerminalText.visible(s, .line)
      return plain(text) ? text : quoted(text)
    case .array(let items) where items.isEmpty: return "[]"
    case .object(let members) where members.isEmpty: return "{}"
    default: return value.serialized
    }
  }

  /// Whether YAML reads `text` back as this string when written bare.
  static func plain(_ text: String) -> Bool {
    guard let first = text.first, let last = text.last else { return false }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) && !(first == "-" && text.count > 1 && !text.hasPrefix("- ")) {
      return false
    }
    if first == " " || last == " " || last == ":" || text.contains(": ") || text.contains(" #") {
      return false
    }
    if ["null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE"].contains(text) {
      return false
    }
    // A number would come back as a number.
    if Double(text) != nil || Int(text) != nil { return false }
    return true
  }

  /// `text` as a YAML double-quoted scalar (JSON's string syntax is one).
  static func quoted(_ text: String) -> String {
    JSONValue.string(text).serialized
  }
}
