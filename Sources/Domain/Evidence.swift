/// Where in a document's text a fact was read: a range of Unicode scalars and the quote.
///
/// Offsets count Unicode scalars (code points) from the start of the stored text, so a
/// reader in any language (Python's `str` indexes the same way) can find the quote again.
public struct Evidence: Hashable, Sendable {
  /// Scalar offsets into the document's stored text, end exclusive.
  public var range: Range<Int>
  /// The text of that range, kept so the evidence reads on its own.
  public var quote: String

  /// Creates evidence for a quote at a range of scalars.
  public init(range: Range<Int>, quote: String) {
    self.range = range
    self.quote = quote
  }
}

/// A value as a document states it, with the evidence it was read from.
public struct Stated<Value: Hashable & Sendable>: Hashable, Sendable {
  /// The value, in the archive's form (ISO code, ISO date, slug…).
  public var value: Value
  /// The text it was read from.
  public var evidence: Evidence

  /// Pairs a value with its evidence.
  public init(_ value: Value, evidence: Evidence) {
    self.value = value
    self.evidence = evidence
  }
}
