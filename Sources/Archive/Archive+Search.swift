import Domain
import EventLog
import Foundation
import JSONForm
import Projections
import Report
import Search

/// What `search` looks for, and in which state of the archive.
public struct SearchRequest: Sendable {
  /// The query: words, `"phrases"` and `prefix*` words, all of which must match.
  public var query: String
  /// The state: only documents the views see then (standing revisions, not retracted,
  /// published by `asOf`, held at `knownAt`).
  public var state = StateSpec()
  /// Only documents about this group (slug), when set.
  public var group: String?
  /// Only documents in this language (`en`, `ar`), when set.
  public var language: String?
  /// At most this many hits.
  public var limit = 20

  /// A request for `query` at the head of the log.
  public init(query: String) { self.query = query }
}

/// What a search found: the hits, best first, and how many documents matched in all.
public struct SearchResults: Sendable {
  /// The request.
  public var request: SearchRequest
  /// The best hits, at most the request's limit.
  public var hits: [SearchHit]
  /// How many documents matched (before the limit).
  public var total: Int
  /// Whether the index could not be kept in the archive's directory (read-only) and was
  /// built in memory for this search.
  public var builtInMemory: Bool

  /// `{"query","asOf","knownAt","total","hits":[…]}`.
  public var json: JSONValue {
    .object([
      ("query", .string(request.query)),
      ("asOf", .text(request.state.asOf)),
      ("knownAt", request.state.knownAt.map { .string($0.description) } ?? .null),
      ("total", .int(total)),
      ("hits", .array(hits.map(\.json))),
    ])
  }

  /// RFC 4180 CSV with a header line: rank, document, published, language, group, meeting,
  /// title, snippet; every field's control and bidi characters made visible, as a terminal
  /// may show it.
  public var csv: String {
    var lines = ["rank,document,published,language,group,meeting,title,snippet"]
    for hit in hits {
      let fields = [
        String(hit.rank), hit.document.description, hit.published?.description ?? "", hit.language,
        hit.group ?? "", hit.meeting ?? "", hit.title ?? "", hit.snippet,
      ]
      lines.append(
        fields.map { SearchResults.csvField(TerminalText.visible($0, .line)) }.joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// A field quoted when it holds a comma, quote or line break; one a spreadsheet would run
  /// as a formula (`=`, `+`, `-`, `@`) starts with a quote mark.
  static func csvField(_ text: String) -> String {
    var text = text
    if let first = text.first, "=+-@".contains(first) { text = "'" + text }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// One document a search found.
public struct SearchHit: Sendable {
  /// The document.
  public var document: DocumentID
  /// The seq of its `document.ingested` event.
  public var seq: UInt64
  /// Its publication day.
  public var published: CalendarDate?
  /// Its language.
  public var language: String
  /// Its headline.
  public var title: String?
  /// The group its facts name.
  public var group: String?
  /// The meeting its facts name (`cifg-12`).
  public var meeting: String?
  /// Its place among the hits, from 1.
  public var rank: Int
  /// The bm25 score: lower is better.
  public var score: Double
  /// Words of the text around the match.
  public var snippet: String
  /// The matched words in ``snippet``, as ranges of its Unicode scalars.
  public var highlights: [Range<Int>]

  /// The snippet cut at its highlights: each piece and whether it matched.
  public var pieces: [(text: String, marked: Bool)] {
    Snippet(text: snippet, marks: highlights).pieces
  }

  /// The snippet for a terminal: every piece's control and bidi characters made visible
  /// (untrusted text never acts on the terminal), the matches passed through `highlight`
  /// (which alone may add escape sequences), the whole isolated when it is right-to-left.
  public func displaySnippet(highlight: (String) -> String) -> String {
    let text = pieces.map { piece in
      let visible = TerminalText.visible(piece.text, .line)
      return piece.marked ? highlight(visible) : visible
    }.joined()
    guard TerminalText.hasRightToLeft(text) else { return text }
    return String(TerminalText.firstStrongIsolate) + text + String(TerminalText.popIsolate)
  }

  /// The hit as `search --json` prints it; `highlights` are `[start, end)` offsets in
  /// Unicode code points of `snippet`.
  public var json: JSONValue {
    .object([
      ("document", .string(document.description)),
      ("short", .string(document.short)),
      ("seq", .int(Int(seq))),
      ("published", .text(published)),
      ("language", .string(language)),
      ("title", .text(title)),
      ("group", .text(group)),
      ("meeting", .text(meeting)),
      ("rank", .int(rank)),
      ("snippet", .string(snippet)),
      ("highlights", .array(highlights.map { .array([.int($0.lowerBound), .int($0.upperBound)]) })),
    ])
  }
}

extension Archive {
  /// The search index's file in the archive's directory: derived, deleted at will.
  public var searchIndexPath: String { path + "/search.sqlite" }

  /// Finds the documents matching `request.query` among those the views see in
  /// `request.state`, best first, after bringing the index up to date with the log.
  /// - Throws: ``ArchiveError/usage(_:)`` for a query with no word in it.
  public func search(_ request: SearchRequest) throws(ArchiveError) -> SearchResults {
    guard let query = SearchQuery(request.query) else {
      throw .usage("the query \"\(request.query)\" holds no word to search for")
    }
    do {
      let (index, inMemory) = try upToDateSearchIndex()
      let matches: [(seq: UInt64, score: Double)]
      do {
        matches = try index.matches(query)
      } catch {
        // Damage the metadata did not show: build it again once.
        matches = try rebuiltSearchIndex(at: searchIndexPath).matches(query)
      }
      return try results(of: matches, for: query, request, builtInMemory: inMemory)
    } catch let error as ArchiveError {
      throw error
    } catch {
      throw .wrap(error, "searching \(path)")
    }
  }

  /// The hits among `matches` that the state of `request` sees and its filters keep.
  private func results(
    of matches: [(seq: UInt64, score: Double)], for query: SearchQuery, _ request: SearchRequest,
    builtInMemory: Bool
  ) throws -> SearchResults {
    let state = try self.state(knownAt: request.state.knownAt)
    let standing = Set(ArchiveView.standingRevisions(state: state, asOf: request.state.asOf).values)
    var standingBySeq: [UInt64: DocumentID] = [:]
    for row in state.sources.rows where standing.contains(row.id) { standingBySeq[row.seq] = row.id }
    var kept: [(record: SourceRecord, score: Double)] = []
    var total = 0
    for match in matches {
      guard let id = standingBySeq[match.seq], let record = state.sources[id] else { continue }
      if let group = request.group, record.facts.group != group { continue }
      if let language = request.language, record.language != language,
        !record.language.hasPrefix(language + "-")
      {
        continue
      }
      total += 1
      if kept.count < request.limit { kept.append((record, match.score)) }
    }
    let documents = try ingestedDocuments(at: kept.map(\.record.seq).sorted())
    let bySeq = Dictionary(zip(kept.map(\.record.seq).sorted(), documents), uniquingKeysWith: { a, _ in a })
    let hits = kept.enumerated().compactMap { rank, hit -> SearchHit? in
      let (record, score) = hit
      guard let document = bySeq[record.seq] else { return nil }
      let snippet = Snippet(of: document.text, for: query)
      let facts = record.facts
      let meeting = facts.group.flatMap { group in
        facts.ordinal.map { "\(group)-\($0)" } ?? facts.start.map { "\(group)-\($0)" }
      }
      return SearchHit(
        document: record.id, seq: record.seq, published: record.published, language: record.language,
        title: document.title, group: facts.group, meeting: meeting, rank: rank + 1, score: score,
        snippet: snippet.text,
        highlights: snippet.marks)
    }
    return SearchResults(request: request, hits: hits, total: total, builtInMemory: builtInMemory)
  }

  /// The index, holding every document of the log: the file's, brought up to date with the
  /// events appended since it was last, or built again when it is missing, unreadable, of
  /// another format or of another log (the hash at its seq is not the log's); an index in
  /// memory when the archive's directory cannot hold the file.
  func upToDateSearchIndex() throws -> (index: SearchIndex, inMemory: Bool) {
    let file = searchIndexPath
    do {
      let index = try SearchIndex(path: file)
      if try bringUpToDate(index) { return (index, false) }
      return (try rebuiltSearchIndex(at: file), false)
    } catch {
      do {
        return (try rebuiltSearchIndex(at: file), false)
      } catch {
        let index = try SearchIndex(path: ":memory:")
        try index.create()
        guard try bringUpToDate(index) else { throw ArchiveError.storage("could not build the search index") }
        return (index, true)
      }
    }
  }

  /// Builds the index whole into a new file, then puts it in place of the one at `file`.
  @discardableResult
  func rebuiltSearchIndex(at file: String) throws -> SearchIndex {
    let building = file + ".\(ProcessInfo.processInfo.processIdentifier).new"
    try? FileManager.default.removeItem(atPath: building)
    do {
      let index = try SearchIndex(path: building)
      try index.create()
      guard try bringUpToDate(index) else { throw ArchiveError.storage("could not build the search index") }
    }
    // The old file's journal must not be applied to the new one.
    try? FileManager.default.removeItem(atPath: file + "-journal")
    if rename(building, file) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: building)
      throw ArchiveError.storage("could not put the search index in place at \(file): \(reason)")
    }
    return try SearchIndex(path: file)
  }

  /// Adds to `index` the documents of the events after the last it holds; false when it must
  /// be built again instead (no index of this format, or of another log than this one).
  private func bringUpToDate(_ index: SearchIndex) throws -> Bool {
    guard let built = try index.builtThrough() else { return false }
    return try log.read { reader in
      let head = try reader.head()
      let headSeq = head?.seq ?? 0
      if built.seq > headSeq { return false }
      if built.seq > 0, try reader.hash(at: built.seq) != built.hash { return false }
      guard let head, built.seq < head.seq else { return true }
      try index.add(
        through: head.seq, hash: head.hash, isCurrent: { try index.builtThrough()?.seq == built.seq }
      ) {
        insert in
        try reader.forEach(from: built.seq + 1, through: head.seq) { raw in
          guard raw.type == EventType.documentIngested.rawValue else { return true }
          guard case .documentIngested(let e) = try Archive.decode(raw).event else { return true }
          try insert(IndexedDocument(seq: raw.seq, title: e.document.title, text: e.document.text))
          return true
        }
      }
      return true
    }
  }
}
