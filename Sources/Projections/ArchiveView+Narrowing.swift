import Domain

/// The part of a view a reader asks for: one group's meetings and counts, over a span of days.
package struct ViewNarrowing: Hashable, Sendable {
  /// Only this group (`cifg`), or every group.
  package var group: String?
  /// Only what falls on or after this day.
  package var since: CalendarDate?
  /// Only what falls on or before this day.
  package var until: CalendarDate?

  package init(group: String? = nil, since: CalendarDate? = nil, until: CalendarDate? = nil) {
    self.group = group
    self.since = since
    self.until = until
  }

  /// Whether it narrows nothing.
  package var isEmpty: Bool { group == nil && since == nil && until == nil }

  /// Whether a span of days (a meeting's start and end) touches the narrowing's; a span
  /// without dates is outside any bound.
  package func includes(from start: CalendarDate?, to end: CalendarDate?) -> Bool {
    if let since {
      guard let last = end ?? start, last >= since else { return false }
    }
    if let until {
      guard let first = start ?? end, first <= until else { return false }
    }
    return true
  }
}

extension ArchiveView {
  /// The view narrowed: the meetings of the group that touch the span, the count points of
  /// the group dated in it, and the theme statistics of those meetings alone (a theme no
  /// kept meeting discussed is gone). The conflicts listed are the kept meetings' and points'.
  package func narrowed(_ narrowing: ViewNarrowing) -> ArchiveView {
    guard !narrowing.isEmpty else { return self }
    var view = self
    view.meetings = meetings.filter { m in
      (narrowing.group.map { $0 == m.group } ?? true) && narrowing.includes(from: m.start, to: m.end)
    }
    view.membership = membership.filter { p in
      (narrowing.group.map { $0 == p.key.group } ?? true)
        && narrowing.includes(from: p.key.date, to: p.key.date)
    }
    let kinds = Dictionary(themes.map { ($0.theme, $0.kind) }, uniquingKeysWith: { first, _ in first })
    view.themes = ThemeStatistic.statistics(of: view.meetings, kinds: kinds)
    return view
  }

  /// The groups the view holds, meetings' and counts', sorted: what `--group` may name.
  package var groups: [String] {
    Set(meetings.map(\.group) + membership.map(\.key.group)).sorted()
  }
}
