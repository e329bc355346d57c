import Domain
import JSONForm

/// For each field of a target, the events that made it what it is.
///
/// Lists every event that states or sets the field, in the order the projection weighs
/// them (sources by precedence, then corrections in log order), and marks the one whose
/// value stands.
public struct Blame: Hashable, Sendable {
  /// The target blamed, as corrections name it.
  public var target: String
  /// What kind of target it is.
  public var kind: CorrectionTarget.Kind
  /// One entry per field.
  public var fields: [FieldBlame]

  /// One field's value and the events behind it.
  public struct FieldBlame: Hashable, Sendable {
    /// The field's name.
    public var field: String
    /// Its current value in text form, nil when not stated.
    public var value: String?
    /// The events that state or set it: sources by precedence, then corrections.
    public var events: [Contribution]
  }

  /// One event's part in a field.
  public struct Contribution: Hashable, Sendable {
    /// The event's seq.
    public var seq: UInt64
    /// The event's type.
    public var type: EventType
    /// The document it read or corrected, for extractions and document corrections.
    public var document: DocumentID?
    /// The value it gives the field.
    public var value: String?
    /// A correction's or retraction's reason.
    public var reason: String?
    /// A correction's author.
    public var author: String?
    /// Whether the field's value is this event's.
    public var stands: Bool
  }
}

extension ArchiveState {
  /// The blame of a meeting, a count point or a document at a valid time (nil for now);
  /// nil when the target names nothing.
  public func blame(_ name: String, asOf: CalendarDate? = nil) -> Blame? {
    guard let target = correctionTarget(name) else { return nil }
    let corrections = ArchiveView.corrections(of: self, asOf: asOf)
    var standing = ArchiveView.standingSources(state: self, asOf: asOf, corrections: corrections)
    let ranked: [SourceFacts]
    // The names a correction of the target may have used: a count point's without its kind too.
    var names: Set<String> = [target.id]
    var read: (SourceFacts) -> (String) -> String? = { s in
      let values = standing.values(of: s)
      return { values[$0] }
    }
    switch target.kind {
    case .document:
      guard let id = DocumentID(target.id), let position = sources.position(of: id) else { return nil }
      let own = corrections.filter { $0.correction.target == target.id }
      ranked = [standing.corrected(SourceFacts(row: position, of: sources), by: own)]
    case .meeting:
      ranked = ArchiveView.sourcesByMeeting(standing)[target.id] ?? []
    case .countPoint:
      let points = ArchiveView.membership(standing, corrections: corrections, asOf: asOf)
      let point = points.first {
        target.id == $0.key.target || target.id == $0.key.target + "/" + $0.key.counts.rawValue
      }
      guard let key = point?.key else { return nil }
      names.insert(key.target)
      let days = Int32(truncatingIfNeeded: key.date.daysSinceEpoch)
      func counted(_ count: CountRow, by s: SourceFacts) -> Bool {
        count.counts == key.counts && count.value != nil
          && standing.text(standing.group(of: count, in: s), field: 0) == key.group
      }
      ranked = standing.facts.filter { s in
        s.countDays == days && standing.counts(of: s).contains { counted($0, by: s) }
      }
      .sorted { $0.rank < $1.rank }
      read = { s in
        let count = standing.counts(of: s).first { counted($0, by: s) }
        return { field in
          guard let count else { return nil }
          return field == "value" ? count.value.map(String.init) : count.qualifier.rawValue
        }
      }
    }
    let own = target.kind == .document ? [] : corrections.filter { names.contains($0.correction.target) }
    let fields = target.kind.fields.map { field -> Blame.FieldBlame in
      var events: [Blame.Contribution] = []
      for s in ranked {
        guard let value = read(s)(field) else { continue }
        if let seq = standing.correctedBy[s.record.position]?[field],
          let c = corrections.first(where: { $0.seq == seq })
        {
          events.append(.init(correction: c, document: s.record.id, value: value))
        } else {
          let type: EventType = s.record.factsSeq == s.record.seq ? .documentIngested : .documentReextracted
          events.append(
            .init(
              seq: s.record.factsSeq, type: type, document: s.record.id, value: value, reason: nil,
              author: nil,
              stands: false))
        }
      }
      for c in own {
        for change in c.correction.changes where change.field == field {
          events.append(.init(correction: c, document: nil, value: change.value))
        }
      }
      // The standing value is the latest correction's, else the first source's.
      if let i = events.lastIndex(where: { $0.type == .factCorrected && $0.document == nil })
        ?? events.indices.first
      {
        events[i].stands = true
      }
      return Blame.FieldBlame(field: field, value: target.values[field], events: events)
    }
    return Blame(target: target.id, kind: target.kind, fields: fields)
  }
}

extension Blame.Contribution {
  init(correction c: CorrectionRecord, document: DocumentID?, value: String?) {
    self.init(
      seq: c.seq, type: .factCorrected, document: document, value: value, reason: c.correction.reason,
      author: c.correction.author, stands: false)
  }
}

extension Blame {
  /// `{"target":…,"kind":…,"fields":[{"field":…,"value":…,"events":[{"seq":…,"type":…,…}]}]}`.
  public var json: JSONValue {
    .object([
      ("target", .string(target)),
      ("kind", .string(kind.rawValue)),
      (
        "fields",
        .array(
          fields.map { f in
            .object([
              ("field", .string(f.field)),
              ("value", .text(f.value)),
              (
                "events",
                .array(
                  f.events.map { e in
                    .object([
                      ("seq", .int(Int(e.seq))), ("type", .string(e.type.name)),
                      ("document", .text(e.document)),
                      ("value", .text(e.value)), ("reason", .text(e.reason)), ("author", .text(e.author)),
                      ("stands", .bool(e.stands)),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }
}
