import Domain
import JSONForm

/// What changed between two views of the archive: meetings, count points and themes.
///
/// Computed over the views' JSON forms, entry by entry under a stable key (a meeting's id,
/// a count point's group, kind and date, a theme's id), so it says field by field what a
/// reader of `timeline`, `members` and `themes` would see change — and ``applied(to:)``
/// can replay it.
public struct ArchiveDiff: Hashable, Sendable {
  /// Meetings added, removed and changed field by field.
  public var meetings: Changes
  /// Count points added, removed and changed field by field.
  public var members: Changes
  /// Themes whose statistics changed.
  public var themes: [ThemeChange]

  /// Entries of one projection that appeared, disappeared or changed.
  public struct Changes: Hashable, Sendable {
    /// Entries only in the later view, whole.
    public var added: [JSONValue] = []
    /// Entries only in the earlier view, whole.
    public var removed: [JSONValue] = []
    /// Fields that differ in entries present in both.
    public var changed: [FieldDifference] = []

    /// Whether nothing changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
  }

  /// One field of one entry that differs between the views.
  public struct FieldDifference: Hashable, Sendable {
    /// The entry's key: a meeting id, or `GROUP/COUNTS/DATE` for a count point.
    public var key: String
    /// The field's name in the projection's JSON.
    public var field: String
    /// The earlier value (null when the field was absent).
    public var from: JSONValue
    /// The later value.
    public var to: JSONValue
  }

  /// A theme whose number of meetings (or first, last or yearly figures) changed.
  public struct ThemeChange: Hashable, Sendable {
    /// The theme id.
    public var theme: String
    /// Meetings that discussed it before (0 when it was absent).
    public var from: Int
    /// Meetings after (0 when it is gone).
    public var to: Int
    /// Its whole statistic after, or null when it is gone.
    public var after: JSONValue
  }

  /// Whether the two views are the same.
  public var isEmpty: Bool { meetings.isEmpty && members.isEmpty && themes.isEmpty }

  /// The differences from `a` to `b`.
  public init(from a: ArchiveView, to b: ArchiveView) {
    meetings = ArchiveDiff.changes(a.meetings, b.meetings, key: \.id, json: \.json)
    members = ArchiveDiff.changes(
      a.membership, b.membership, key: { "\($0.key.group)/\($0.key.counts.rawValue)/\($0.key.date)" },
      json: \.json)
    let before = Keyed(a.themes.map(\.json), key: Keyed.themeKey)
    let after = Keyed(b.themes.map(\.json), key: Keyed.themeKey)
    themes = after.mergedOrder(with: before).compactMap { key in
      let x = before.entries[key]
      let y = after.entries[key]
      guard x != y else { return nil }
      return ThemeChange(
        theme: key, from: x?["meetings"]?.intValue ?? 0, to: y?["meetings"]?.intValue ?? 0,
        after: y ?? .null)
    }
  }

  /// The changes between two projections' entries, keyed as ``Keyed`` keys their JSON
  /// (`key` must give the key their JSON gives), comparing JSON only where the entries
  /// themselves differ: equal entries have equal JSON, and most entries of two nearby
  /// views are equal.
  static func changes<T: Equatable>(
    _ a: [T], _ b: [T], key: (T) -> String, json: (T) -> JSONValue
  ) -> Changes {
    // As Keyed: the first place of a key, the last entry under it.
    func keyed(_ values: [T]) -> (order: [String], entries: [String: Int]) {
      var order: [String] = []
      var entries: [String: Int] = [:]
      entries.reserveCapacity(values.count)
      for (i, value) in values.enumerated() {
        let k = key(value)
        if entries.updateValue(i, forKey: k) == nil { order.append(k) }
      }
      return (order, entries)
    }
    let (aOrder, aEntries) = keyed(a)
    let (bOrder, bEntries) = keyed(b)
    var changes = Changes()
    for k in aOrder where bEntries[k] == nil {
      changes.removed.append(aEntries[k].map { json(a[$0]) } ?? .null)
    }
    for k in bOrder {
      guard let j = bEntries[k] else { continue }
      guard let i = aEntries[k] else {
        changes.added.append(json(b[j]))
        continue
      }
      guard a[i] != b[j] else { continue }
      let x = json(a[i])
      let y = json(b[j])
      guard x != y else { continue }
      let xs = x.members
      let ys = y.members
      for name in Keyed.fieldNames(ys, xs) {
        let from = xs.first { $0.0 == name }?.1 ?? .null
        let to = ys.first { $0.0 == name }?.1 ?? .null
        if from != to { changes.changed.append(FieldDifference(key: k, field: name, from: from, to: to)) }
      }
    }
    return changes
  }
}

/// A projection's JSON entries under their keys, in the view's order.
struct Keyed {
  var order: [String] = []
  var entries: [String: JSONValue] = [:]

  init(_ values: [JSONValue], key: (JSONValue) -> String) {
    for value in values {
      let k = key(value)
      if entries.updateValue(value, forKey: k) == nil { order.append(k) }
    }
  }

  static func meetingKey(_ v: JSONValue) -> String { v["id"]?.stringValue ?? "" }

  static func pointKey(_ v: JSONValue) -> String {
    ["group", "counts", "date"].map { v[$0]?.stringValue ?? "" }.joined(separator: "/")
  }

  static func themeKey(_ v: JSONValue) -> String { v["theme"]?.stringValue ?? "" }

  /// The keys of `self` in order, then those only in `other`.
  func mergedOrder(with other: Keyed) -> [String] {
    order + other.order.filter { entries[$0] == nil }
  }

  /// Field names of `first` in order, then those only in `second`.
  static func fieldNames(_ first: [(String, JSONValue)], _ second: [(String, JSONValue)]) -> [String] {
    let names = first.map(\.0)
    return names + second.map(\.0).filter { !names.contains($0) }
  }
}

extension JSONValue {
  /// An object's members, or none.
  var members: [(String, JSONValue)] {
    if case .object(let m) = self { m } else { [] }
  }
}

/// The projections of one view as JSON entries under their keys: what a diff is applied to.
///
/// Order is left out on purpose: the views sort their entries, so two views with the same
/// entries are the same view.
public struct ProjectedEntries: Hashable, Sendable {
  /// Meetings by id.
  public var meetings: [String: JSONValue]
  /// Count points by `GROUP/COUNTS/DATE`.
  public var members: [String: JSONValue]
  /// Theme statistics by theme id.
  public var themes: [String: JSONValue]

  /// The entries of a view.
  public init(_ view: ArchiveView) {
    meetings = Keyed(view.meetings.map(\.json), key: Keyed.meetingKey).entries
    members = Keyed(view.membership.map(\.json), key: Keyed.pointKey).entries
    themes = Keyed(view.themes.map(\.json), key: Keyed.themeKey).entries
  }

  /// These entries with a diff applied: what the diff's later view holds.
  public func applying(_ diff: ArchiveDiff) -> ProjectedEntries {
    var out = self
    out.meetings = ProjectedEntries.apply(diff.meetings, to: meetings, key: Keyed.meetingKey)
    out.members = ProjectedEntries.apply(diff.members, to: members, key: Keyed.pointKey)
    for change in diff.themes {
      out.themes[change.theme] = change.after.isNull ? nil : change.after
    }
    return out
  }

  static func apply(
    _ changes: ArchiveDiff.Changes, to entries: [String: JSONValue], key: (JSONValue) -> String
  ) -> [String: JSONValue] {
    var out = entries
    for removed in changes.removed { out[key(removed)] = nil }
    for added in changes.added { out[key(added)] = added }
    for change in changes.changed {
      var fields = out[change.key]?.members ?? []
      if let i = fields.firstIndex(where: { $0.0 == change.field }) {
        fields[i].1 = change.to
      } else {
        fields.append((change.field, change.to))
      }
      out[change.key] = .object(fields)
    }
    return out
  }
}

extension ArchiveDiff {
  /// The contract's `diff --json`, with the two state specs it compares.
  public func json(from: String, to: String) -> JSONValue {
    .object([
      ("from", .string(from)),
      ("to", .string(to)),
      ("meetings", meetings.json(keyName: "id")),
      ("members", members.json(keyName: "key")),
      (
        "themes",
        .object([
          (
            "changed",
            .array(
              themes.map {
                .object([
                  ("theme", .string($0.theme)), ("from", .int($0.from)), ("to", .int($0.to)),
                  ("after", $0.after),
                ])
              })
          )
        ])
      ),
    ])
  }
}

extension ArchiveDiff.Changes {
  func json(keyName: String) -> JSONValue {
    .object([
      ("added", .array(added)),
      ("removed", .array(removed)),
      (
        "changed",
        .array(
          changed.map {
            .object([
              (keyName, .string($0.key)), ("field", .string($0.field)), ("from", $0.from), ("to", $0.to),
            ])
          })
      ),
    ])
  }
}
