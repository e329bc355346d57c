import Domain
import JSONForm

/// What `reextract` found: which stored documents the current extractor reads differently.
public struct ReextractReport: Hashable, Sendable {
  /// Whether this was a dry run (nothing appended).
  public var dryRun: Bool
  /// The version of the extractor that read the documents again.
  public var extractor: String
  /// The documents read again.
  public var examined = 0
  /// The documents whose facts changed, in log order, each with its new event.
  public var changed: [ReextractedDocument] = []
  /// The documents whose facts the current extractor reads the same (the version aside).
  public var unchanged = 0
  /// Retracted documents, not read again: no projection at any time can show their facts.
  public var retracted = 0

  /// An empty report for a run.
  package init(dryRun: Bool, extractor: String) {
    self.dryRun = dryRun
    self.extractor = extractor
  }

  /// `{"dryRun","extractor","examined","changed":[…],"unchanged","retracted"}`.
  public var json: JSONValue {
    .object([
      ("dryRun", .bool(dryRun)),
      ("extractor", .string(extractor)),
      ("examined", .int(examined)),
      ("changed", .array(changed.map(\.json))),
      ("unchanged", .int(unchanged)),
      ("retracted", .int(retracted)),
    ])
  }
}

/// One document whose facts changed on re-extraction.
public struct ReextractedDocument: Hashable, Sendable {
  /// The document.
  public var document: DocumentID
  /// The seq of its `document.reextracted` event; nil in a dry run.
  public var seq: UInt64?
  /// Each field that changed, in the timeline's order, with its old and new value.
  public var fields: [ChangedFact]

  /// `{"document","seq","fields":[names],"values":[{"field","from","to"}]}`.
  public var json: JSONValue {
    .object([
      ("document", .string(document.description)),
      ("seq", seq.map { .int(Int($0)) } ?? .null),
      ("fields", .array(fields.map { .string($0.field) })),
      ("values", .array(fields.map(\.json))),
    ])
  }
}

/// A field of a document's facts as it was and as the current extractor reads it.
///
/// Values are in the archive's text form (`Luxembourg`, `IT,SA,US`, `56 exact members`);
/// equal values mean only the evidence (or the stated order) changed.
public struct ChangedFact: Hashable, Sendable {
  /// The field: `group`, `ordinal`, `start`, `end`, `city`, `country`, `virtual`, `chairs`,
  /// `counts` or `themes`.
  public var field: String
  /// The value before, nil when not stated.
  public var from: String?
  /// The value now, nil when not stated.
  public var to: String?

  /// `{"field","from","to"}`.
  public var json: JSONValue {
    .object([("field", .string(field)), ("from", .text(from)), ("to", .text(to))])
  }

  /// The fields of `old` and `new` that differ, value or evidence, ignoring the extractor
  /// version: a new version that reads the same facts changes nothing.
  package static func changes(from old: Facts, to new: Facts) -> [ChangedFact] {
    func change<T: Equatable>(_ field: String, _ path: KeyPath<Facts, T>, _ text: (T) -> String?)
      -> ChangedFact?
    {
      let (a, b) = (old[keyPath: path], new[keyPath: path])
      return a == b ? nil : ChangedFact(field: field, from: text(a), to: text(b))
    }
    func list(_ values: [Stated<String>]) -> String? {
      values.isEmpty ? nil : values.map(\.value).joined(separator: ",")
    }
    return [
      change("group", \.group) { $0?.value },
      change("ordinal", \.ordinal) { $0.map { String($0.value) } },
      change("start", \.start) { $0?.value.description },
      change("end", \.end) { $0?.value.description },
      change("city", \.city) { $0?.value },
      change("country", \.country) { $0?.value },
      change("virtual", \.virtual) { $0.map { String($0.value) } },
      change("chairs", \.chairs, list),
      change("counts", \.counts) { counts in
        counts.isEmpty
          ? nil
          : counts.map {
            "\($0.value.map(String.init) ?? "?") \($0.qualifier.rawValue) \($0.counts.rawValue)"
          }
          .joined(separator: "; ")
      },
      change("themes", \.themes, list),
    ].compactMap { $0 }
  }
}
