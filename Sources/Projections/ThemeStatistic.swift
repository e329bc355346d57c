import Domain

/// How often a theme was discussed: meetings, first and last, per year.
///
/// Counted per meeting, not per document: a translation is not a second discussion.
public struct ThemeStatistic: Hashable, Sendable {
  /// The theme id (`virtual-assets`, `region/africa`).
  public var theme: String
  /// Its kind: `method`, `response` or `region`.
  public var kind: String
  /// The meetings that discussed it.
  public var meetings: Int
  /// The start of the first such meeting.
  public var first: CalendarDate?
  /// The start of the last such meeting.
  public var last: CalendarDate?
  /// Meetings per year of their start.
  public var byYear: [Int: Int]
  /// The meeting ids, oldest first.
  public var meetingIDs: [String]

  static func statistics(of meetings: [Meeting], kinds: [String: String]) -> [ThemeStatistic] {
    var stats: [String: ThemeStatistic] = [:]
    for meeting in meetings {
      for theme in meeting.themes {
        // Changed in place: a copy taken out of the dictionary would copy its ids on append.
        stats[
          theme,
          default: ThemeStatistic(
            theme: theme, kind: kinds[theme] ?? (theme.hasPrefix("region/") ? "region" : "method"),
            meetings: 0, first: nil, last: nil, byYear: [:], meetingIDs: [])
        ].count(meeting)
      }
    }
    return stats.values.sorted { ($0.kind, $0.theme) < ($1.kind, $1.theme) }
  }

  /// Counts one more meeting that discussed the theme.
  private mutating func count(_ meeting: Meeting) {
    meetings += 1
    meetingIDs.append(meeting.id)
    if let start = meeting.start {
      first = min(first ?? start, start)
      last = max(last ?? start, start)
      byYear[start.year, default: 0] += 1
    }
  }
}
