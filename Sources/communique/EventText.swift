import Domain
import JSONForm
import Report

/// Renders an event's JSON as indented text for `show` on a terminal: valid YAML, every key
/// and value made visible (a stored text keeps its lines, indented under `text: |`).
enum EventText {
  static func render(_ value: JSONValue) -> String {
    OutlineText.render(value)
  }
}
