/// What a document states about a meeting, each fact with its evidence.
///
/// A field a document does not state is nil or empty; the extractor never guesses.
public struct Facts: Hashable, Sendable {
  /// The version of the extractor that read these facts, so re-extraction can tell them apart.
  public var extractor: String
  /// The group's slug from the registry (`cifg`, `coalition`).
  public var group: Stated<String>?
  /// The meeting's ordinal (`12` for "twelfth").
  public var ordinal: Stated<Int>?
  /// The first day of the meeting.
  public var start: Stated<CalendarDate>?
  /// The last day of the meeting (equal to ``start`` for a one-day meeting).
  public var end: Stated<CalendarDate>?
  /// The host city's English exonym.
  public var city: Stated<String>?
  /// The host country's ISO 3166-1 alpha-2 code.
  public var country: Stated<String>?
  /// Whether the meeting was held virtually.
  public var virtual: Stated<Bool>?
  /// The chairs or co-leads, as ISO 3166-1 alpha-2 codes, in the order stated.
  public var chairs: [Stated<String>]
  /// The counts of participants the document states.
  public var counts: [CountStatement]
  /// The themes the document discusses, ids from the theme vocabulary, in order of first mention.
  public var themes: [Stated<String>]

  /// Creates a set of facts; every field defaults to "not stated".
  public init(
    extractor: String, group: Stated<String>? = nil, ordinal: Stated<Int>? = nil,
    start: Stated<CalendarDate>? = nil, end: Stated<CalendarDate>? = nil,
    city: Stated<String>? = nil, country: Stated<String>? = nil, virtual: Stated<Bool>? = nil,
    chairs: [Stated<String>] = [], counts: [CountStatement] = [], themes: [Stated<String>] = []
  ) {
    self.extractor = extractor
    self.group = group
    self.ordinal = ordinal
    self.start = start
    self.end = end
    self.city = city
    self.country = country
    self.virtual = virtual
    self.chairs = chairs
    self.counts = counts
    self.themes = themes
  }

  /// Whether the document states a meeting at all: a group with an ordinal or a start date.
  public var statesMeeting: Bool {
    group != nil && (ordinal != nil || start != nil)
  }
}

/// A stated count of participants: "the 56 member states", "over 80 attendees".
public struct CountStatement: Hashable, Sendable {
  /// The number, or nil for counts without one ("several dozen").
  public var value: Int?
  /// How the number is meant: exactly, at least, about, at most.
  public var qualifier: CountQualifier
  /// What is counted; members and attendees are different series.
  public var counts: CountedKind
  /// The text the count was read from.
  public var evidence: Evidence
  /// The group counted, when not the document's: the Coalition's size quoted in a working
  /// group's release (`coalition`).
  public var group: String?

  /// Creates a count statement.
  public init(
    value: Int?, qualifier: CountQualifier, counts: CountedKind, evidence: Evidence, group: String? = nil
  ) {
    self.value = value
    self.qualifier = qualifier
    self.counts = counts
    self.evidence = evidence
    self.group = group
  }
}

/// How a stated number is qualified.
public enum CountQualifier: String, Hashable, Sendable, CaseIterable {
  /// "the 56 member states".
  case exact
  /// "over 80", "more than 80", "أكثر من".
  case over
  /// "about 80", "some 80", "نحو".
  case about
  /// "nearly 80", "قرابة": fewer than the number.
  case under
}

/// What a count counts.
public enum CountedKind: String, Hashable, Sendable, CaseIterable {
  /// Member states (or members) of the group.
  case members
  /// Members and observers together.
  case membersAndObservers = "members_and_observers"
  /// People or delegations attending a meeting.
  case attendees
  /// Countries and international organizations together.
  case countriesAndOrganizations = "countries_and_organizations"
}
