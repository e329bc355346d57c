import Domain
import EventLog
import Extraction
import Foundation
import Projections

extension Archive {
  /// Appends one correction of one or more fields of a meeting, a count point or a
  /// document, after checking target, fields and values against the head of the archive;
  /// anything wrong is refused with nothing appended. Values are stored in canonical form
  /// (`lu` → `LU`, chairs sorted); an empty value clears the field.
  public func correct(_ request: FactCorrected) throws(ArchiveError) -> RecordedEvent {
    let rules = try CorrectionRules(extractor: extractor())
    return try append(naming: request.target) { state throws(ArchiveError) in
      guard let target = state.correctionTarget(request.target) else {
        throw .usage("no meeting, count point or document \(request.target) in the archive")
      }
      return .factCorrected(try rules.validated(request, target: target))
    }
  }

  /// Appends the inverse of the correction at `seq`: every field it set goes back to the
  /// value it had just before that correction (the log keeps both).
  public func revert(_ seq: UInt64, reason: String, author: String? = nil) throws(ArchiveError)
    -> RecordedEvent
  {
    let original: FactCorrected
    let before: ArchiveState
    do {
      (original, before) = try log.read { reader in
        guard let envelope = try reader.envelope(at: seq),
          case .factCorrected(let c) = try Event(type: envelope.type, payload: envelope.data)
        else { throw ArchiveError.usage("event \(seq) is not a fact.corrected event") }
        return (c, try targetState(for: c.target, through: seq - 1, in: reader))
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    guard let target = before.correctionTarget(original.target) else {
      throw .usage("\(original.target) did not exist before event \(seq); retract its documents instead")
    }
    let inverse = FactCorrected(
      target: original.target,
      changes: original.changes.map { FieldChange(field: $0.field, value: target.values[$0.field]) },
      reason: reason, author: author, effective: original.effective)
    return try correct(inverse)
  }

  /// Withdraws a document from every projection; it stays in the log.
  public func retract(_ document: String, reason: String, author: String? = nil) throws(ArchiveError)
    -> RecordedEvent
  {
    guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .usage("--reason is required") }
    return try append(naming: document) { state throws(ArchiveError) in
      guard let target = state.correctionTarget(document), target.kind == .document,
        let id = DocumentID(target.id), let record = state.sources[id]
      else { throw .usage("no document \(document) in the archive") }
      if let retraction = record.retraction {
        throw .usage("document \(id.short) was already retracted at seq \(retraction.seq)")
      }
      return .documentRetracted(DocumentRetracted(document: id, reason: reason, author: author))
    }
  }

  /// Appends the event `make` builds from the head state (``targetState(for:through:in:)``
  /// of `target`), in one write transaction so no other writer can change the state it was
  /// checked against.
  private func append(naming target: String, _ make: (ArchiveState) throws(ArchiveError) -> Event)
    throws(ArchiveError) -> RecordedEvent
  {
    let recorded: RecordedEvent
    do {
      recorded = try log.write { writer in
        let head = writer.headSeq
        let (state, current) = try log.read { (reader: LogReader) throws -> (ArchiveState, UInt64) in
          (try self.targetState(for: target, through: head, in: reader), try reader.head()?.seq ?? 0)
        }
        guard current == head else {
          throw ArchiveError.storage("the archive changed while a correction was checked; try again")
        }
        let event = try make(state)
        let seq = try append(event, with: &writer)
        return RecordedEvent(
          seq: seq, recordedAt: Timestamp(microseconds: writer.headRecordedAt), event: event)
      }
    } catch {
      throw .wrap(error, "appending to \(path)")
    }
    try refreshSnapshot()
    return recorded
  }
}

/// What a correction may say: fields by kind of target, and the form of each value.
struct CorrectionRules {
  let themes: Set<String>
  let groups: Set<String>
  static let regions = Set(Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 })

  init(extractor: Extractor) {
    themes = Set(extractor.themes.ids)
    groups = Set(extractor.languageData.groupIDs)
  }

  func validated(_ request: FactCorrected, target: CorrectionTarget) throws(ArchiveError) -> FactCorrected {
    guard !request.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw .usage("--reason is required: say why the record is corrected")
    }
    guard !request.changes.isEmpty else {
      throw .usage("nothing to correct: give at least one --set FIELD=VALUE")
    }
    var changes = [FieldChange]()
    for change in request.changes {
      guard target.kind.fields.contains(change.field) else {
        throw .usage(
          "\(target.kind.rawValue) \(target.id) has no field \(change.field); fields: "
            + target.kind.fields.joined(separator: ", "))
      }
      if changes.contains(where: { $0.field == change.field }) {
        throw .usage("field \(change.field) is set twice")
      }
      let value = try change.value.flatMap { v throws(ArchiveError) in
        v.isEmpty ? nil : try canonical(v, field: change.field)
      }
      changes.append(FieldChange(field: change.field, value: value))
    }
    return FactCorrected(
      target: target.id, changes: changes, reason: request.reason, author: request.author,
      effective: request.effective)
  }

  /// The value in the archive's form, or a usage error saying what form it needs.
  func canonical(_ value: String, field: String) throws(ArchiveError) -> String {
    func bad(_ expected: String) -> ArchiveError { .usage("\(field)=\(value): \(expected)") }
    switch field {
    case "start", "end", "published":
      guard let date = CalendarDate(iso: value) else { throw bad("not a date (YYYY-MM-DD)") }
      return date.description
    case "ordinal":
      guard let n = Int(value), n > 0 else { throw bad("not a positive whole number") }
      return String(n)
    case "value":
      guard let n = Int(value), n >= 0 else { throw bad("not a whole number") }
      return String(n)
    case "qualifier":
      guard CountQualifier(rawValue: value) != nil else {
        throw bad("not one of " + CountQualifier.allCases.map(\.rawValue).joined(separator: ", "))
      }
      return value
    case "virtual", "translation":
      guard value == "true" || value == "false" else { throw bad("not true or false") }
      return value
    case "country":
      let code = value.uppercased()
      guard CorrectionRules.regions.contains(code) else {
        throw bad("not an ISO 3166-1 alpha-2 country code")
      }
      return code
    case "chairs":
      let codes = Set(
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
      for code in codes where !CorrectionRules.regions.contains(code) {
        throw bad("\(code) is not an ISO 3166-1 alpha-2 country code")
      }
      return codes.sorted().joined(separator: ",")
    case "themes":
      let ids = Set(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
      for id in ids where !themes.contains(id) { throw bad("\(id) is not a theme of the vocabulary") }
      return ids.sorted().joined(separator: ",")
    case "group":
      guard groups.contains(value) else {
        throw bad("not a group of the registry (\(groups.sorted().joined(separator: ", ")))")
      }
      return value
    case "language":
      let ok = value.split(separator: "-").first.map {
        $0.count >= 2 && $0.count <= 3 && $0.allSatisfy(\.isLetter)
      }
      guard ok == true else { throw bad("not a language tag (en, ar, fr…)") }
      return value
    default:
      let trimmed = value.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty else { throw bad("empty") }
      return trimmed
    }
  }
}
