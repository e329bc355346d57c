/// Text made safe for HTML and SVG, and the few markup helpers the report uses.
///
/// Every string that comes from a document or a correction passes through ``escape(_:)``
/// before it reaches the page, so a quote holding `<script>` is shown, never run.
package enum HTML {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities: safe in element content
  /// and in quoted attribute values alike.
  package static func escape(_ text: some StringProtocol) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}":
        // Control characters are not allowed in HTML text; show them as the replacement mark.
        out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Text that may be in any script, isolated from its neighbours and laid out in its own
  /// direction (`<bdi dir="auto">`), so an Arabic value does not reorder the English around it.
  package static func isolated(_ text: some StringProtocol, language: String? = nil) -> String {
    let lang = language.map { " lang=\"\(escape($0))\"" } ?? ""
    return "<bdi dir=\"auto\"\(lang)>\(escape(text))</bdi>"
  }

  /// The direction a language is written in: `rtl` for Arabic, Persian, Urdu and Hebrew.
  package static func direction(_ language: String) -> String {
    let base = language.lowercased().split(separator: "-").first.map(String.init) ?? ""
    return ["ar", "fa", "ur", "he", "ps", "ckb"].contains(base) ? "rtl" : "ltr"
  }

  /// A link to an anchor of the page, its text escaped; `title` becomes the hover text.
  package static func link(_ text: some StringProtocol, to anchor: String, title: String? = nil) -> String {
    let hover = title.map { " title=\"\(escape($0))\"" } ?? ""
    return "<a href=\"#\(escape(anchor))\"\(hover)>\(escape(text))</a>"
  }

  /// An anchor id made of lowercase letters, digits and `-` only, from any key.
  package static func anchor(_ prefix: String, _ key: some StringProtocol) -> String {
    var out = prefix + "-"
    for scalar in key.lowercased().unicodeScalars {
      let isSafe = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
      out.unicodeScalars.append(isSafe ? scalar : "-")
    }
    return out
  }

  /// A number for SVG coordinates: at most two decimals, no exponent, no trailing zeros.
  package static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = (value * 100).rounded()
    let whole = Int(hundredths) / 100
    let fraction = abs(Int(hundredths)) % 100
    let sign = hundredths < 0 && whole == 0 ? "-" : ""
    if fraction == 0 { return "\(sign)\(whole)" }
    let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    return "\(sign)\(whole).\(digits)"
  }
}
