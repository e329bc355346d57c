import Domain

/// A document's current facts as the projections keep them: the values the views read,
/// without the evidence of each (its range and quote stay in the event at the record's
/// `factsSeq`, read from the log where a page shows them), except each count's evidence,
/// which `members` shows.
///
/// Chairs and themes are kept in the form the views compare them in: sorted, without
/// repeats, comma-joined (`IT,SA,US`). One value of this type per source, so it holds no
/// array but the counts.
public struct FactValues: Hashable, Sendable {
  /// The group's slug.
  public var group: String?
  /// The meeting's ordinal.
  public var ordinal: Int?
  /// The first day of the meeting.
  public var start: CalendarDate? {
    get { startDays == FactValues.noDay ? nil : CalendarDate(daysSinceEpoch: Int(startDays)) }
    set { startDays = FactValues.days(newValue) }
  }
  /// The last day of the meeting, as stated (nil when only the start is).
  public var end: CalendarDate? {
    get { endDays == FactValues.noDay ? nil : CalendarDate(daysSinceEpoch: Int(endDays)) }
    set { endDays = FactValues.days(newValue) }
  }
  /// The host city.
  public var city: String?
  /// The host country.
  public var country: String?
  /// Whether the meeting was held virtually.
  public var virtual: Bool?
  /// The chairs, sorted, without repeats, comma-joined; nil when none is stated.
  public var chairs: String?
  /// The themes, sorted, without repeats, comma-joined; nil when none is stated.
  public var themes: String?
  /// The counts, in the order stated, each with its evidence.
  public var counts: [CountStatement]

  // Days since 1970 (every storable date fits 32 bits), `noDay` for none: a date costs 4
  // bytes here instead of 25.
  var startDays: Int32 = FactValues.noDay
  var endDays: Int32 = FactValues.noDay
  package static let noDay = Int32.min

  static func days(_ date: CalendarDate?) -> Int32 {
    date.map { Int32(truncatingIfNeeded: $0.daysSinceEpoch) } ?? noDay
  }

  /// No facts.
  public init() {
    counts = []
  }

  /// The values of a set of facts.
  public init(_ facts: Facts) {
    group = facts.group?.value
    ordinal = facts.ordinal?.value
    startDays = FactValues.days(facts.start?.value)
    endDays = FactValues.days(facts.end?.value)
    city = facts.city?.value
    country = facts.country?.value
    virtual = facts.virtual?.value
    chairs = FactValues.list(facts.chairs.map(\.value))
    themes = FactValues.list(facts.themes.map(\.value))
    counts = facts.counts
  }

  /// A list of stated values in the views' form: sorted, without repeats, comma-joined;
  /// nil when empty.
  static func list(_ items: [String]) -> String? {
    switch items.count {
    case 0: return nil
    case 1: return items[0]
    case 2:
      // The common case, without a set: as `Set(items).sorted()` would give it.
      let (a, b) = (items[0], items[1])
      if a == b { return a }
      return a < b ? a + "," + b : b + "," + a
    default:
      // A stable sort keeps the first of equal items first, as a set keeps the first inserted.
      var unique: [String] = []
      for item in items.sorted() where unique.last != item { unique.append(item) }
      return unique.joined(separator: ",")
    }
  }
}
