import Domain
import Feeds
import Foundation
import JSONForm

/// What `follow --import-opml` did with each outline.
public struct OPMLImportReport: Sendable {
  /// Feeds now followed that were not.
  public var added: [String] = []
  /// Feeds followed already with these options.
  public var unchanged: [String] = []
  /// Feeds followed already whose options the file changed.
  public var changed: [String] = []
  /// Outlines not followed, and why (the outline's URL or text, then the reason).
  public var skipped: [(outline: String, reason: String)] = []
}

extension Archive {
  /// Follows every feed an OPML 2.0 file lists (`<outline type="rss" xmlUrl=…>`, at any
  /// depth). An outline's `category` may name a group and a language (`cifg,ar`), as
  /// ``exportOPML()`` writes them. Outlines without an http(s) `xmlUrl` are skipped with the
  /// reason; a file that is not OPML is refused whole (bad input, naming it), following nothing.
  public func importOPML(_ bytes: [UInt8], source: String) throws(ArchiveError) -> OPMLImportReport {
    let outlines: [OPML.Outline]
    switch OPML.outlines(in: bytes, source: source) {
    case .success(let read): outlines = read
    case .failure(let error): throw .badInput(source: source, problem: error.description)
    }
    let groups = Set(try extractor().languageData.groupIDs)
    var report = OPMLImportReport()
    for outline in outlines {
      guard let url = outline.xmlURL?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
        report.skipped.append((outline.text ?? "an outline", "no xmlUrl"))
        continue
      }
      if let type = outline.type?.lowercased(), !["rss", "atom", "rdf"].contains(type) {
        report.skipped.append((url, "type \(type) is not a feed"))
        continue
      }
      if let problem = FollowRules.problem(url: url) {
        report.skipped.append((url, problem))
        continue
      }
      let tokens = (outline.category ?? "").split(whereSeparator: { $0 == "," || $0 == "/" || $0 == " " })
        .map { $0.lowercased() }
      let group = tokens.first { groups.contains($0) }
      let language = tokens.first { FollowRules.languages.contains($0) }
      switch try follow(url, group: group, language: language) {
      case .added: report.added.append(url)
      case .changed: report.changed.append(url)
      case .unchanged: report.unchanged.append(url)
      }
    }
    return report
  }

  /// The feeds followed as an OPML 2.0 document, each outline's `category` naming its group
  /// and language when set.
  public func exportOPML() throws(ArchiveError) -> String {
    let outlines = try subscriptions().map { feed in
      let s = feed.subscription
      let category = [s.group, s.language].compactMap { $0 }.joined(separator: ",")
      return OPML.Outline(
        xmlURL: s.url, text: s.url, type: "rss", category: category.isEmpty ? nil : category)
    }
    return OPML.document(outlines, title: "Feeds followed by Communique")
  }
}

extension Archive {
  /// ``importOPML(_:source:)`` of the file at `path` (missing: exit 66; unreadable: 65).
  public func importOPML(fromFile path: String) throws(ArchiveError) -> OPMLImportReport {
    guard FileManager.default.fileExists(atPath: path) else { throw .missingInput(path) }
    let bytes: [UInt8]
    do {
      bytes = try Archive.readFile(path)
    } catch let error as ArchiveError {
      throw error
    } catch {
      throw .badInput(source: path, problem: "cannot be read: \(error)")
    }
    return try importOPML(bytes, source: path)
  }

  /// Writes a whole output file (OPML, WARC) so that a reader never sees half of it.
  public static func writeFile(_ bytes: [UInt8], to path: String) throws(ArchiveError) {
    do {
      try OutputFile.write(bytes, to: path)
    } catch {
      throw .storage("cannot write \(error)")
    }
  }
}

extension FollowedFeed {
  /// `{"url","group","language","since","etag","lastModified","lastAttempt","lastSuccess",
  /// "lastStatus","lastError","consecutiveFailures","nextDue"}`, absent values null.
  public var json: JSONValue {
    let s = state
    return .object([
      ("url", .string(subscription.url)), ("group", .text(subscription.group)),
      ("language", .text(subscription.language)), ("since", .int(Int(subscription.seq))),
      ("etag", .text(s.etag)), ("lastModified", .text(s.lastModified)), ("lastAttempt", .text(s.lastAttempt)),
      ("lastSuccess", .text(s.lastSuccess)), ("lastStatus", s.lastStatus.map { .int($0) } ?? .null),
      ("lastError", .text(s.lastError)), ("consecutiveFailures", .int(s.consecutiveFailures)),
      ("nextDue", .text(s.nextDue)),
    ])
  }
}
