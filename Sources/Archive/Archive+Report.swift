import Domain
import EventLog
import Projections
import Report
import StoredForm

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

extension Archive {
  /// Writes the report of a state as a static site into `directory` (``ReportSite``): an
  /// overview, a page per meeting and per document, none growing with the archive. The
  /// site appears whole or not at all; a directory that is neither empty nor a site written
  /// before is refused (``ArchiveError/usage(_:)``). `progress` hears the documents written.
  public func writeReportSite(
    _ spec: StateSpec = StateSpec(), to directory: String,
    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
  ) throws(ArchiveError) -> ReportSiteSummary {
    let report = try self.report(spec)
    do throws(SiteWriteError<ArchiveError>) {
      return try ReportSite.write(
        report, to: directory,
        texts: { (records: [SourceRecord]) throws(ArchiveError) -> [DocumentID: String] in
          try documentTexts(of: records)
        }, progress: progress)
    } catch {
      switch error {
      case .site(let fault): throw fault.isUsage ? .usage(fault.description) : .storage(fault.description)
      case .reading(let fault): throw fault
      }
    }
  }

  /// The stored texts of `records`' documents, read in one transaction.
  func documentTexts(of records: [SourceRecord]) throws(ArchiveError) -> [DocumentID: String] {
    do {
      return try log.read { reader in
        var out: [DocumentID: String] = [:]
        for record in records {
          guard let envelope = try reader.envelope(at: record.seq) else {
            throw LogError.unreadable(seq: record.seq, "no such event")
          }
          let decoded = envelope.data.withUnsafeBytes { payload in
            Result { () throws(StoredFormError) in try Event(type: envelope.type, payload: payload) }
          }
          guard case .success(.documentIngested(let e)) = decoded else {
            throw LogError.unreadable(seq: record.seq, "not a readable document.ingested event")
          }
          out[record.id] = e.document.text
        }
        return out
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }
}
