import Domain

extension ArchiveState {
  /// Every document of the revision chain `document` belongs to, in log order; empty when
  /// the state holds no such document.
  package func revisionChain(of document: DocumentID) -> [SourceRecord] {
    guard let position = sources.position(of: document) else { return [] }
    // Rows are compared first; records are built only for the chain's own.
    let root = sources.rows[position].revisionRoot
    return sources.rows.indices.filter { sources.rows[$0].revisionRoot == root }.map(sources.record(at:))
      .sorted { $0.seq < $1.seq }
  }
}

extension ArchiveView {
  /// The document that stands for each revision chain at `asOf`, by the chain's root.
  ///
  /// The same rule the projections use (not retracted, published by `asOf`, the latest by
  /// publication then seq, document corrections applied), so `show --revisions` agrees with them.
  package static func standingRevisions(
    state: ArchiveState, asOf: CalendarDate? = nil
  ) -> [DocumentID: DocumentID] {
    let corrections = corrections(of: state, asOf: asOf)
    var out: [DocumentID: DocumentID] = [:]
    let standing = standingSources(state: state, asOf: asOf, corrections: corrections)
    for facts in standing.facts {
      out[state.sources.rows[Int(standing.row(of: facts).revisionRoot)].id] = facts.record.id
    }
    return out
  }
}
