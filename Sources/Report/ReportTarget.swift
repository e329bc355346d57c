import Domain
import Projections

/// Where `report --out` writes: standard output, one page, or a site.
package enum ReportTarget: Equatable, Sendable {
  /// `-`: the single page on standard output.
  case standardOutput
  /// A file: the single self-contained page.
  case page(String)
  /// A directory: the static site (``ReportSite``).
  case site(String)

  /// Documents above which the single page is refused: at about 4 KB of markup a document,
  /// a thousand make a 4 MB page that a browser still draws in a second or two; past that
  /// the site, whose pages do not grow with the archive, is the form to use.
  package static let pageDocumentLimit = 1000

  /// The target `out` names: a path ending in `/`, or an existing directory, is a site.
  package init(_ out: String, isDirectory: Bool) {
    if out == "-" {
      self = .standardOutput
    } else if out.hasSuffix("/") || isDirectory {
      self = .site(out)
    } else {
      self = .page(out)
    }
  }

  /// Why the single page is refused for an archive of `documents`, or nil when it is not.
  package func refusal(documents: Int) -> String? {
    guard documents > ReportTarget.pageDocumentLimit else { return nil }
    let name: String
    switch self {
    case .site: return nil
    case .standardOutput: name = "report.html"
    case .page(let path): name = path
    }
    var directory = name.hasSuffix(".html") ? String(name.dropLast(5)) : name
    if directory.isEmpty { directory = "report" }
    return
      "\(documents) documents are too many for one page (the limit is \(ReportTarget.pageDocumentLimit)); "
      + "write a site instead: --out \(directory)/"
  }
}

/// What writing a report site did.
public struct ReportSiteSummary: Hashable, Sendable {
  /// The site's directory.
  public var directory: String
  /// The pages written (HTML and the style sheet).
  public var pages: Int
  /// Their bytes in all.
  public var bytes: Int
  /// The largest page, relative to the directory.
  public var largestPage: String
  /// Its bytes.
  public var largestBytes: Int
  /// The meetings and the documents the site shows.
  public var meetings: Int
  /// The documents the site shows.
  public var documents: Int
}

extension ReportSite {
  /// Writes the whole site of `report` into `directory`: the style sheet, the meetings'
  /// pages, the document list, the documents' pages (their texts from `texts`, asked for a
  /// batch at a time so they are never all in memory), and the overview last; then puts the
  /// site in place (``SiteWriter``). `progress` hears the documents written, of all.
  package static func write<Failure: Error>(
    _ report: Report, to directory: String, batch: Int = 256,
    texts: ([SourceRecord]) throws(Failure) -> [DocumentID: String],
    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
  ) throws(SiteWriteError<Failure>) -> ReportSiteSummary {
    var writer: SiteWriter
    do throws(SiteError) { writer = try SiteWriter(directory: directory) } catch { throw .site(error) }
    let site = ReportSite(report)
    var failure: Failure?
    do throws(SiteError) {
      try writer.write("style.css", site.stylesheet)
      for e in report.meetings {
        try writer.write(ReportSite.path(meetingAnchor: e.anchor), site.meetingPage(e))
      }
      for n in 1...site.listPages { try writer.write(ReportSite.path(listPage: n), site.listPage(n)) }
      var start = 0
      while start < report.documents.count {
        let slice = report.documents[start..<min(start + batch, report.documents.count)]
        let read: [DocumentID: String]
        do throws(Failure) { read = try texts(slice.map(\.record)) } catch {
          failure = error
          break
        }
        for d in slice {
          try writer.write(
            ReportSite.path(document: d.record.id), site.documentPage(d, text: read[d.record.id]))
        }
        start += slice.count
        progress(start, report.documents.count)
      }
      // The overview last: a site without its index is plainly unfinished.
      if failure == nil {
        try writer.write("index.html", site.overview)
        try writer.commit()
      }
    } catch {
      writer.abandon()
      throw .site(error)
    }
    if let failure {
      writer.abandon()
      throw .reading(failure)
    }
    return ReportSiteSummary(
      directory: writer.directory, pages: writer.pages, bytes: writer.bytes, largestPage: writer.largest.path,
      largestBytes: writer.largest.bytes, meetings: report.meetings.count, documents: report.documents.count)
  }
}

/// Why a site was not written: a page could not be written, or a text could not be read.
package enum SiteWriteError<Failure: Error>: Error {
  /// Writing failed, or the directory was refused.
  case site(SiteError)
  /// The texts' reader failed.
  case reading(Failure)
}
