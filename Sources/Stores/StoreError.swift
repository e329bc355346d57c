/// A store that cannot do what was asked (a database missing from an older archive, or a
/// stored node that disagrees with the log): one line for the user, which the facade reports
/// as a storage fault (exit 74).
package struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The line the user reads.
  package let description: String

  /// An error reading `description`.
  package init(_ description: String) { self.description = description }
}
