import Domain
import JSONForm
import Report

/// Renders an event's JSON as indented text for `show` on a terminal, every key and value
/// passed through `TerminalText.visible` (a stored text keeps its lines).
enum EventText {
  static func render(_ value: JSONValue, indent: String = "") -> String {
    switch value {
    case .object(let members):
      return members.map { key, member in
        switch member {
        case .object(let inner) where !inner.isEmpty:
          return "\(indent)\(Terminal.safe(key)):\n" + render(member, indent: indent + "  ")
        case .array(let items) where !items.isEmpty:
          return "\(indent)\(Terminal.safe(key)):\n"
            + items.map { item in
              if case .object = item {
                return "\(indent)  -\n" + render(item, indent: indent + "    ")
              }
              return "\(indent)  - \(scalar(item))"
            }.joined(separator: "\n")
        default:
          return "\(indent)\(Terminal.safe(key)): \(scalar(member))"
        }
      }.joined(separator: "\n")
    default:
      return indent + scalar(value)
    }
  }

  static func scalar(_ value: JSONValue) -> String {
    switch value {
    case .string(let s): s.contains("\n") ? "|\n" + TerminalText.visible(s, .block) : Terminal.safe(s)
    case .array(let items) where items.isEmpty: "[]"
    case .object(let m) where m.isEmpty: "{}"
    default: value.serialized
    }
  }
}
