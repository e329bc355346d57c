import Domain

/// One meeting of the timeline, merged from every standing source about it.
public struct Meeting: Hashable, Sendable {
  /// `GROUP-ORDINAL`, or `GROUP-YYYY-MM-DD` when no ordinal is stated.
  public var id: String
  /// The group's slug.
  public var group: String
  /// The ordinal, if stated.
  public var ordinal: Int?
  /// The first day.
  public var start: CalendarDate?
  /// The last day.
  public var end: CalendarDate?
  /// The host city (English exonym).
  public var city: String?
  /// The host country (ISO 3166-1 alpha-2).
  public var country: String?
  /// Whether it was held virtually.
  public var virtual: Bool?
  /// The chairs, ISO codes sorted.
  public var chairs: [String]
  /// The themes discussed, ids sorted.
  public var themes: [String]
  /// The documents it was read from, by precedence.
  public var sources: [MeetingSource]
  /// Fields on which sources (or a correction and the sources) disagree.
  public var conflicts: [Conflict]
  /// For each field, what set it: the winning source or correction.
  public var provenance: [String: Provenance]
}

/// A document a meeting was read from.
public struct MeetingSource: Hashable, Sendable {
  /// The document.
  public var document: DocumentID
  /// Its language.
  public var language: String
  /// Its publication day.
  public var published: CalendarDate?
  /// Whether it is a translation.
  public var isTranslation: Bool
  /// For a translation, the source it translates: the one at its stated original link,
  /// else the meeting's first original-language source.
  public var original: DocumentID?
  /// The seq of its ingestion.
  public var seq: UInt64
}

/// A field on which the archive holds more than one value.
public struct Conflict: Hashable, Sendable {
  /// The field, as the timeline JSON names it.
  public var field: String
  /// The value that stands.
  public var chosen: String?
  /// Every value held, with who holds it.
  public var values: [ConflictingValue]
  /// The correction whose value stands, when one does: the conflict is settled.
  public var settled: Settlement? = nil

  /// The correction that settles a conflict, and why.
  public struct Settlement: Hashable, Sendable {
    /// The correction's seq.
    public var seq: UInt64
    /// Its reason.
    public var reason: String
  }
}

/// One of the values of a conflict, and who states it.
public struct ConflictingValue: Hashable, Sendable {
  /// The value in text form (`null` when cleared).
  public var value: String?
  /// Documents (`sha256:…`) and corrections (`correction:SEQ`) stating it.
  public var by: [String]
}

/// What made a field what it is.
public enum Provenance: Hashable, Sendable {
  /// An extraction from this document, read by the event at `seq`.
  case extracted(DocumentID, seq: UInt64)
  /// The correction at `seq`.
  case corrected(seq: UInt64)
}
