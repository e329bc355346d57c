import Domain
import Feeds
import JSONForm

extension IngestReport {
  /// The contract's `ingest --json` shape: `{"documents":[…],"rejected":[…]}`, and
  /// `inputs`: how each input's encoding was decided (`{"source","encoding","basis",
  /// "declared","note"}`; the stored document has no place for it).
  public var json: JSONValue {
    .object([
      ("documents", .array(documents.map(\.json))),
      (
        "inputs",
        .array(
          encodings.map { source, decision in
            .object([
              ("source", .string(source)), ("encoding", .string(decision.encoding)),
              ("basis", .string(decision.basis.rawValue)), ("declared", .text(decision.declared)),
              ("note", .text(decision.note)),
            ])
          })
      ),
      (
        "rejected",
        .array(
          rejected.map { .object([("source", .string($0.source)), ("error", .string($0.description))]) }
            + missing.map {
              .object([("source", .string($0)), ("error", .string("no such file or directory"))])
            })
      ),
      (
        "summary",
        .object([
          ("new", .int(newCount)), ("duplicate", .int(duplicateCount)), ("revision", .int(revisionCount)),
          ("rejected", .int(rejected.count + missing.count)), ("withoutMeeting", .int(withoutMeetingCount)),
        ])
      ),
    ])
  }
}

extension IngestedItem {
  /// One document of `ingest --json`: metadata, status, and the facts read, with evidence.
  public var json: JSONValue {
    let d = document
    let f = facts
    let meeting: JSONValue =
      f.statesMeeting
      ? .object([
        ("id", .text(f.meetingID)),
        ("group", .text(f.group?.value)),
        ("ordinal", .number(f.ordinal?.value)),
        ("start", .text(f.start?.value)),
        ("end", .text((f.end ?? f.start)?.value)),
        ("city", .text(f.city?.value)),
        ("country", .text(f.country?.value)),
        ("virtual", f.virtual.map { .bool($0.value) } ?? .null),
        ("chairs", .array(Set(f.chairs.map(\.value)).sorted().map(JSONValue.string))),
        ("themes", .array(Set(f.themes.map(\.value)).sorted().map(JSONValue.string))),
      ]) : .null
    return .object([
      ("id", .string(d.id.description)),
      ("source", .string(d.source)),
      ("format", .string(d.format)),
      ("feed", d.feed?.json ?? .null),
      ("guid", .text(d.guid)),
      ("link", .text(d.link)),
      ("title", .text(d.title)),
      ("published", .text(d.published)),
      ("language", .string(d.language)),
      ("translation", .bool(d.isTranslation)),
      ("originalLink", .text(d.originalLink)),
      ("status", .string(status.rawValue)),
      ("revises", .text(revises)),
      ("seq", seq.map { .int(Int($0)) } ?? .null),
      ("group", .text(f.group?.value)),
      ("meeting", meeting),
      ("counts", .array(f.counts.map(\.json))),
      ("themes", .array(f.themes.map(\.value).map(JSONValue.string))),
      ("facts", f.json),
      ("unstated", .object(unstated.map { ($0.field, .string($0.reason)) })),
    ])
  }
}
