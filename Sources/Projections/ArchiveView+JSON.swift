import Domain
import JSONForm

/// The contract's JSON shapes of the projections.
extension Meeting {
  /// `{"id":…,"group":…,"ordinal":…,"start":…,…,"sources":[…],"conflicts":[…]}`.
  package var json: JSONValue {
    .object([
      ("id", .string(id)),
      ("group", .string(group)),
      ("ordinal", .number(ordinal)),
      ("start", .text(start)),
      ("end", .text(end)),
      ("city", .text(city)),
      ("country", .text(country)),
      ("virtual", virtual.map(JSONValue.bool) ?? .null),
      ("chairs", .array(chairs.map(JSONValue.string))),
      ("themes", .array(themes.map(JSONValue.string))),
      (
        "sources",
        .array(
          sources.map {
            .object([
              ("document", .string($0.document.description)),
              ("language", .string($0.language)),
              ("published", .text($0.published)),
              ("translation", .bool($0.isTranslation)),
              ("original", .text($0.original)),
            ])
          })
      ),
      ("conflicts", .array(conflicts.map(\.json))),
    ])
  }
}

extension Conflict {
  /// `{"field":…,"chosen":…,"values":[{"value":…,"by":[…]}],"settled":{"seq":…,"reason":…}|null}`.
  package var json: JSONValue {
    .object([
      ("field", .string(field)),
      ("chosen", .text(chosen)),
      (
        "values",
        .array(
          values.map { .object([("value", .text($0.value)), ("by", .array($0.by.map(JSONValue.string)))]) })
      ),
      (
        "settled",
        settled.map { .object([("seq", .int(Int($0.seq))), ("reason", .string($0.reason))]) } ?? .null
      ),
    ])
  }
}

extension MembershipPoint {
  /// `{"group":…,"date":…,"value":…,"qualifier":…,"counts":…,"document":…,"evidence":…}`.
  package var json: JSONValue {
    .object([
      ("group", .string(key.group)),
      ("date", .string(key.date.description)),
      ("value", .number(value)),
      ("qualifier", .string(qualifier.rawValue)),
      ("counts", .string(key.counts.rawValue)),
      ("document", .text(document)),
      ("evidence", .text(evidence)),
      ("conflicts", .array(conflicts.map(\.json))),
    ])
  }
}

extension ThemeStatistic {
  /// `{"theme":…,"kind":…,"meetings":…,"first":…,"last":…,"byYear":{…}}`.
  package var json: JSONValue {
    .object([
      ("theme", .string(theme)),
      ("kind", .string(kind)),
      ("meetings", .int(meetings)),
      ("first", .text(first)),
      ("last", .text(last)),
      ("byYear", .object(byYear.keys.sorted().map { (String($0), .int(byYear[$0] ?? 0)) })),
    ])
  }
}

extension ArchiveView {
  /// `{"meetings":[…]}`.
  package var timelineJSON: JSONValue { .object([("meetings", .array(meetings.map(\.json)))]) }
  /// `{"series":[…]}`.
  package var membersJSON: JSONValue { .object([("series", .array(membership.map(\.json)))]) }
  /// `{"themes":[…]}`.
  package var themesJSON: JSONValue { .object([("themes", .array(themes.map(\.json)))]) }
}
