import Domain
import EventLog
import LMDB

/// The secondary indexes kept beside the log, written in the transaction of each append.
///
/// - `documents`: document digest (32 bytes) → seq of its `document.ingested` (8 bytes BE).
///   Re-ingesting a known text is a no-op because of it.
/// - `releases`: `guid:` + guid or `link:` + link (UTF-8) → digest of the latest revision
///   ingested under it. A known guid or link with another text is a revision.
struct Indexes {
  let documents: Database
  let releases: Database

  init(environment: Environment) throws {
    documents = try environment.database(named: "documents")
    releases = try environment.database(named: "releases")
  }

  static func releaseKeys(guid: String?, link: String?) -> [[UInt8]] {
    var keys: [[UInt8]] = []
    if let guid, !guid.isEmpty { keys.append(Array("guid:\(guid)".utf8)) }
    if let link, !link.isEmpty { keys.append(Array("link:\(link)".utf8)) }
    return keys
  }

  /// The seq at which a document was ingested, if it was.
  func seq(of document: DocumentID, in txn: some ReadableTransaction) throws -> UInt64? {
    try txn.get(documents, key: document.digest).flatMap { UInt64(bigEndianBytes: $0) }
  }

  /// The latest document ingested under the same guid or link, if any.
  func previousRelease(guid: String?, link: String?, in txn: some ReadableTransaction) throws -> DocumentID? {
    for key in Indexes.releaseKeys(guid: guid, link: link) {
      if let digest = try txn.get(releases, key: key), let id = DocumentID(digest: digest) { return id }
    }
    return nil
  }

  /// Records what an appended event adds to the indexes.
  func record(_ event: Event, seq: UInt64, in txn: WriteTransaction) throws {
    guard case .documentIngested(let e) = event else { return }
    try txn.put(documents, key: e.document.id.digest, value: seq.bigEndianBytes)
    for key in Indexes.releaseKeys(guid: e.document.guid, link: e.document.link) {
      try txn.put(releases, key: key, value: e.document.id.digest)
    }
  }
}
