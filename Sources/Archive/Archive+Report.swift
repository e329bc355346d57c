import Domain
import Projections
import Report

extension Archive {
  /// The HTML report's model of a state: the view at its valid time, with the evidence and
  /// corrections the state at its transaction time holds.
  public func report(_ spec: StateSpec = StateSpec()) throws(ArchiveError) -> Report {
    let state = try state(knownAt: spec.knownAt)
    let kinds = themeKinds
    let view = ArchiveView(state: state, asOf: spec.asOf, themeKinds: kinds)
    let shown = Report.documentsShown(state: state, asOf: spec.asOf)
    let facts = try self.facts(at: shown.map(\.factsSeq))
    return Report(state: state, view: view, knownAt: spec.knownAt?.description) { facts[$0.factsSeq] }
  }
}
