/// Why an input could not be read, or stopped being read: the input, the line, the problem.
///
/// Its description is one line, so the CLI can print it beside the rejected input:
/// `feeds/x.xml:12: malformed XML: unclosed tag <item>` or `dump.txt: empty file`.
package struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The input, as given (a path, `-`).
  package var source: String
  /// The 1-based line of the break, when there is one.
  package var line: Int?
  /// What was wrong, in one line.
  package var problem: String

  /// Creates an error.
  package init(source: String, line: Int? = nil, problem: String) {
    self.source = source
    self.line = line
    self.problem = problem
  }

  /// `source:line: problem`, or `source: problem` without a line.
  package var description: String {
    if let line { return "\(source):\(line): \(problem)" }
    return "\(source): \(problem)"
  }
}
