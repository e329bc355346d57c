/// The full-text index of every document the log ever ingested: an SQLite FTS5 table of
/// their folded titles and texts, keyed by the seq of their `document.ingested` event.
///
/// A projection, never the source of truth: it records the seq and chain hash of the last
/// event it holds, so the archive can bring it up to date from the log, or build it again
/// when the file is missing, damaged, of another format or of another log. Which documents
/// a search may return (revised, retracted, not yet published) is decided at query time from
/// the archive's state: the index only ever grows with the log.
package final class SearchIndex {
  /// The layout of the file; another value means "build it again".
  package static let format: Int64 = 1

  private let database: SQLiteDatabase

  /// Opens the index file at `path` (creating it when absent), or an index in memory for
  /// `":memory:"`. A file that is not an index of this format reads as ``builtThrough()`` nil.
  package init(path: String) throws(SQLiteError) {
    database = try SQLiteDatabase(path: path)
    // Derived data: a commit cut short by a crash leaves the file as before it (the rollback
    // journal), and anything worse is found by the next read and rebuilt.
    try database.execute("PRAGMA synchronous=NORMAL")
  }

  /// Creates the tables of an empty index (in a file that holds none).
  package func create() throws(SQLiteError) {
    try database.execute(
      """
      CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
      CREATE VIRTUAL TABLE IF NOT EXISTS documents USING fts5(
        title, body, content='', tokenize='unicode61 remove_diacritics 0');
      INSERT OR REPLACE INTO meta VALUES ('format', \(SearchIndex.format));
      """)
  }

  /// The seq and chain hash of the last event the index holds (seq 0 and no hash when it
  /// holds none); nil when the file is no index of this format.
  package func builtThrough() throws(SQLiteError) -> (seq: UInt64, hash: [UInt8])? {
    let tables = try database.prepare(
      "SELECT count(*) FROM sqlite_master WHERE name IN ('meta', 'documents')")
    try tables.bind([])
    guard try tables.step(), tables.integer(0) == 2 else { return nil }
    let statement = try database.prepare("SELECT key, value FROM meta")
    try statement.bind([])
    var format: Int64?
    var seq: Int64?
    var hash: [UInt8] = []
    while try statement.step() {
      switch statement.text(0) {
      case "format": format = statement.integer(1)
      case "seq": seq = statement.integer(1)
      case "hash": hash = statement.blob(1)
      default: continue
      }
    }
    guard format == SearchIndex.format else { return nil }
    guard let seq, seq > 0 else { return (0, []) }
    return (UInt64(seq), hash)
  }

  /// Adds the documents `documents` hands to its argument and records the event they bring
  /// the index through, in one transaction. `isCurrent` is asked first, under the write lock:
  /// false means another process brought the index this far already, and nothing is added.
  package func add(
    through seq: UInt64, hash: [UInt8], isCurrent: () throws -> Bool = { true },
    _ documents: (_ insert: (IndexedDocument) throws -> Void) throws -> Void
  ) throws {
    try database.transaction {
      guard try isCurrent() else { return }
      let insert = try database.prepare("INSERT INTO documents(rowid, title, body) VALUES (?, ?, ?)")
      try documents { document in
        try insert.run([.integer(Int64(document.seq)), .text(document.title), .text(document.body)])
      }
      let meta = try database.prepare("INSERT OR REPLACE INTO meta VALUES (?, ?)")
      try meta.run([.text("seq"), .integer(Int64(seq))])
      try meta.run([.text("hash"), .blob(hash)])
    }
  }

  /// Every document matching `query`, best first (bm25, a title word weighing twice a body
  /// word): the seqs of their ingestion events and their scores (lower is better).
  package func matches(_ query: SearchQuery) throws(SQLiteError) -> [(seq: UInt64, score: Double)] {
    let statement = try database.prepare(
      "SELECT rowid, bm25(documents, 2.0, 1.0) AS score FROM documents WHERE documents MATCH ? ORDER BY score"
    )
    try statement.bind([.text(query.fts5)])
    var out: [(seq: UInt64, score: Double)] = []
    while try statement.step() {
      out.append((UInt64(statement.integer(0)), statement.double(1)))
    }
    return out
  }
}

/// A document as the index holds it: its ingestion seq and its folded title and text.
package struct IndexedDocument: Sendable {
  /// The seq of its `document.ingested` event.
  package var seq: UInt64
  /// The folded title (empty when it has none).
  package var title: String
  /// The folded text.
  package var body: String

  /// Folds a document's title and text for the index.
  package init(seq: UInt64, title: String?, text: String) {
    self.seq = seq
    self.title = SearchText(title ?? "").string
    self.body = SearchText(text).string
  }
}
