extension Unicode.Scalar {
  /// Whether this character acts on a terminal or on the layout of text around it instead of
  /// being shown: the C0 controls, DEL, the C1 controls, the bidi embeddings, overrides and
  /// isolates (U+202A–202E, U+2066–2069, which can reverse what a line shows), and the line and
  /// paragraph separators (U+2028, U+2029).
  ///
  /// Text from inputs holding one is shown with it made visible (`TerminalText.visible`)
  /// and written in display JSON as a `\u` escape.
  package var actsOnDisplay: Bool {
    switch value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
