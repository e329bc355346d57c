import Domain
import EventLog
import Extraction
import Feeds
import Foundation
import Projections
import StoredForm

extension Archive {
  /// Appends one correction of one or more fields of a meeting, a count point or a
  /// document, after checking target, fields and values against the head of the archive;
  /// anything wrong is refused with nothing appended. Values are stored in canonical form
  /// (`lu` → `LU`, chairs sorted); an empty value clears the field.
  /// The same correction made again (target, fields, values, reason and effective date, and
  /// the fields still hold those values) appends nothing, as ingesting a known text again
  /// does not: the earlier event is returned (see ``applyCorrection(_:)``).
  public func correct(_ request: FactCorrected) throws(ArchiveError) -> RecordedEvent {
    try applyCorrection(request).recorded
  }

  /// What a correction did: the event appended, or the earlier one that made the same
  /// correction when nothing was appended.
  public struct CorrectionOutcome: Sendable {
    /// The correction's event.
    public var recorded: RecordedEvent
    /// Whether it was appended now (false: the same correction was already in force).
    public var appended: Bool
  }

  /// ``correct(_:)``, saying whether anything was appended.
  public func applyCorrection(_ request: FactCorrected) throws(ArchiveError) -> CorrectionOutcome {
    try applyCorrection(request, resolvingName: true)
  }

  /// ``applyCorrection(_:)``; with `resolvingName`, the target may be any name of it (a
  /// document's prefix, a merged meeting's former id, a count point without its kind) and
  /// the event names it whole; without, it is taken as stored (a revert's).
  private func applyCorrection(_ request: FactCorrected, resolvingName: Bool) throws(ArchiveError)
    -> CorrectionOutcome
  {
    let rules = try EventRules(extractor: extractor())
    return try appendUnlessDone(naming: request.target, resolvingName: resolvingName, rules: rules) {
      state, name throws(ArchiveError) in
      guard let target = state.correctionTarget(name) else {
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
    try revertCorrection(seq, reason: reason, author: author).recorded
  }

  /// ``revert(_:reason:author:)``, saying whether anything was appended.
  public func revertCorrection(_ seq: UInt64, reason: String, author: String? = nil) throws(ArchiveError)
    -> CorrectionOutcome
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
    return try applyCorrection(inverse, resolvingName: false)
  }

  /// Withdraws a document from every projection; it stays in the log.
  public func retract(_ document: String, reason: String, author: String? = nil) throws(ArchiveError)
    -> RecordedEvent
  {
    guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .usage("--reason is required") }
    let rules = try EventRules(extractor: extractor())
    return try appendUnlessDone(naming: document, resolvingName: true, rules: rules) {
      state, name throws(ArchiveError) in
      guard let target = state.correctionTarget(name), target.kind == .document,
        let id = DocumentID(target.id)
      else { throw .usage("no document \(document) in the archive") }
      return .documentRetracted(DocumentRetracted(document: id, reason: reason, author: author))
    }.recorded
  }

  /// Appends the event `make` builds from the head state (``targetState(for:through:in:)``
  /// of `target`) and the target's whole name (see ``namedTarget(_:through:in:)``) once `rules` find it means something there, in one write transaction so no
  /// other writer can change the state it was checked against.
  /// A correction that is already in force, made the same way, is not appended again.
  private func appendUnlessDone(
    naming target: String, resolvingName: Bool, rules: EventRules,
    _ make: (ArchiveState, String) throws(ArchiveError) -> Event
  ) throws(ArchiveError) -> CorrectionOutcome {
    let outcome: CorrectionOutcome
    do {
      outcome = try log.write { writer in
        let head = writer.headSeq
        let (named, current) = try log.read {
          (reader: LogReader) throws -> ((name: String, state: ArchiveState), UInt64) in
          let named =
            resolvingName
            ? try self.namedTarget(target, through: head, in: reader)
            : (target, try self.targetState(for: target, through: head, in: reader))
          return (named, try reader.head()?.seq ?? 0)
        }
        let state = named.state
        guard current == head else {
          throw ArchiveError.storage("the archive changed while a correction was checked; try again")
        }
        let event = try make(state, named.name)
        try rules.check(event, in: state)
        if case .factCorrected(let correction) = event, let earlier = state.sameCorrection(as: correction) {
          return CorrectionOutcome(recorded: earlier, appended: false)
        }
        let seq = try append(event, with: &writer)
        return CorrectionOutcome(
          recorded: RecordedEvent(
            seq: seq, recordedAt: Timestamp(microseconds: writer.headRecordedAt), event: event),
          appended: true)
      }
    } catch {
      throw .wrap(error, "appending to \(path)")
    }
    if outcome.appended { try refreshSnapshot() }
    return outcome
  }
}

extension ArchiveState {
  /// The latest correction that made `correction` already (same target, changes, reason and
  /// effective date; the author aside), when its fields still hold the values it sets: making
  /// it again would change nothing.
  func sameCorrection(as correction: FactCorrected) -> RecordedEvent? {
    guard
      let earlier = corrections.last(where: { record in
        let c = record.correction
        return c.target == correction.target && c.changes == correction.changes
          && c.reason == correction.reason
          && c.effective == correction.effective
      }),
      let target = correctionTarget(correction.target),
      correction.changes.allSatisfy({ target.values[$0.field] == $0.value })
    else { return nil }
    return RecordedEvent(
      seq: earlier.seq, recordedAt: earlier.recordedAt, event: .factCorrected(earlier.correction))
  }
}

/// What an event may say, against the state it is appended to: the one check of meaning, made
/// by every write of the command line (`correct`, `retract`) and by `import` for each event.
///
/// A correction names an existing target by its whole id, fields of that kind of target, each
/// value in a valid form (or null, to clear it), and a reason; a retraction an existing
/// document not yet retracted, and a reason; an ingestion a new document, revising one the
/// archive holds; a re-extraction a document the archive holds.
struct EventRules {
  let themes: Set<String>
  let groups: Set<String>
  static let regions = Set(Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 })

  /// C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates (U+202A–202E,
  /// U+2066–2069): a stored value holding one would reorder or rewrite what shows it.
  static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  init(extractor: Extractor) {
    themes = Set(extractor.themes.ids)
    groups = Set(extractor.languageData.groupIDs)
  }

  /// Refuses, with a usage error saying why, an event that means nothing in `state`.
  func check(_ event: Event, in state: ArchiveState) throws(ArchiveError) {
    func held(_ id: DocumentID, _ what: String) throws(ArchiveError) -> SourceRecord {
      guard let record = state.sources[id] else {
        throw .usage("\(what) document \(id.short), which the archive does not hold")
      }
      return record
    }
    switch event {
    case .documentIngested(let e):
      if let earlier = state.sources[e.document.id] {
        throw .usage("document \(e.document.id.short) was already ingested at seq \(earlier.seq)")
      }
      if let revises = e.revises { _ = try held(revises, "revises") }
      if let decision = e.document.encoding {
        // A decision names an encoding the readers decode, and says more than "UTF-8 as declared".
        guard EncodingDecision.decodedEncodings.contains(decision.encoding), decision.isRecorded else {
          throw .usage("document \(e.document.id.short): an encoding decision no reading makes")
        }
        if let declared = decision.declared,
          declared.unicodeScalars.contains(where: EventRules.isRefusedControl)
        {
          throw .usage("document \(e.document.id.short): a declared encoding with control characters")
        }
      }
    case .documentReextracted(let e):
      _ = try held(e.document, "re-extracts")
    case .documentRetracted(let e):
      guard !e.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw .usage("a retraction needs a reason (--reason)")
      }
      if let retraction = try held(e.document, "retracts").retraction {
        throw .usage("document \(e.document.short) was already retracted at seq \(retraction.seq)")
      }
    case .factCorrected(let c):
      guard let target = state.correctionTarget(c.target), target.id == c.target else {
        throw .usage("no meeting, count point or document \(c.target) in the archive")
      }
      for change in c.changes where change.value?.isEmpty == true {
        throw .usage("\(change.field): an empty value (a field is cleared with null)")
      }
      _ = try validated(c, target: target)
    case .subscriptionAdded(let e):
      try FollowRules.check(url: e.url, group: e.group, language: e.language, groups: groups)
    case .subscriptionChanged(let e):
      try FollowRules.check(url: e.url, group: e.group, language: e.language, groups: groups)
      if let moved = e.movedTo, let problem = FollowRules.problem(url: moved) {
        throw .usage("\(moved): \(problem)")
      }
    case .subscriptionRemoved(let e):
      if let problem = FollowRules.problem(url: e.url) { throw .usage("\(e.url): \(problem)") }
    case .captureRecorded(let e):
      for url in [e.requestedURL, e.finalURL] + e.redirects.flatMap({ [$0.from, $0.to] }) {
        if let problem = FollowRules.problem(url: url) { throw .usage("\(url): \(problem)") }
      }
      guard (100...599).contains(e.status) else { throw .usage("HTTP status \(e.status) out of range") }
      // A line break in a header would forge headers where a WARC or the terminal shows them.
      for field in e.requestHeaders + e.responseHeaders
      where (field.name + field.value).unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
        throw .usage("header \(field.name): a line break in a header field")
      }
    }
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
    // The meeting the correction leaves must still start before it ends.
    func after(_ field: String) -> CalendarDate? {
      let value = changes.first { $0.field == field }.map(\.value) ?? target.values[field]
      return value.flatMap { CalendarDate(iso: $0) }
    }
    if let start = after("start"), let end = after("end"), start > end {
      throw .usage(
        "\(target.kind.rawValue) \(target.id) would start on \(start) after it ends on \(end): "
          + "correct start and end together (--set start=… --set end=…)")
    }
    return FactCorrected(
      target: target.id, changes: changes, reason: request.reason, author: request.author,
      effective: request.effective)
  }

  /// The value in the archive's form, or a usage error saying what form it needs.
  func canonical(_ value: String, field: String) throws(ArchiveError) -> String {
    func bad(_ expected: String) -> ArchiveError { .usage("\(field)=\(value): \(expected)") }
    if let control = value.unicodeScalars.first(where: EventRules.isRefusedControl) {
      let code = String(control.value, radix: 16, uppercase: true)
      throw bad(
        "holds the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code); "
          + "values hold no C0 or C1 controls and no bidi overrides")
    }
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
      guard EventRules.regions.contains(code) else {
        throw bad("not an ISO 3166-1 alpha-2 country code")
      }
      return code
    case "chairs":
      let codes = Set(
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
      for code in codes where !EventRules.regions.contains(code) {
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
