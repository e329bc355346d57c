extension String {
  /// The string without leading and trailing spaces and line breaks.
  var trimmingBlanks: String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, first == " " || first == "\n" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\n" { scalars.removeLast() }
    return String(scalars)
  }
}
