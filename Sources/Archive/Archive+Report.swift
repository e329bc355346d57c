import Domain
import EventLog
import Projections
import Report

extension Archive {
  /// The HTML report's model of a state: the view at its valid time, with the evidence and
  /// corrections the state at its transaction time holds.
  public func report(_ spec: StateSpec = StateSpec()) throws(ArchiveError) -> Report {
    // The views' state: every document the report lists is in it (``Report/documentsShown``).
    let (state, last): (ArchiveState, Envelope?)
    do {
      (state, last) = try log.read { reader in
        let bound = try bound(spec.knownAt, in: reader)
        return (try viewState(through: bound, in: reader), try reader.envelope(at: bound))
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    let kinds = themeKinds
    let view = ArchiveView(state: state, asOf: spec.asOf, themeKinds: kinds)
    let shown = Report.documentsShown(state: state, asOf: spec.asOf)
    // The state keeps neither titles nor evidence: both are read from the events.
    let events = try eventsWithoutTexts(at: shown.flatMap { [$0.seq, $0.factsSeq] })
    var report = Report(state: state, view: view, knownAt: spec.knownAt?.description, shown: shown) {
      record in
      var details = DocumentDetails(title: nil, facts: nil)
      if case .documentIngested(let e) = events[record.seq] {
        details.title = e.document.title
        details.link = e.document.link
      }
      switch events[record.factsSeq] {
      case .documentIngested(let e): details.facts = e.facts
      case .documentReextracted(let e): details.facts = e.facts
      default: break
      }
      return details
    }
    // The views' state ends at the last event it folded; the report is of the whole log's.
    report.lastSeq = last?.seq ?? 0
    report.lastRecordedAt = last.map { Timestamp(microseconds: $0.recordedAt) }
    return report
  }
}
