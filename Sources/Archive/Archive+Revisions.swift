import Domain
import EventLog
import JSONForm
import Projections
import StoredForm
import Stores

/// The revision chain of one release: every text published under its guid or link, and
/// what changed between each and the one it revises.
public struct RevisionHistory: Hashable, Sendable {
  /// The document asked about (any member of the chain).
  public var document: DocumentID
  /// The chain in log order, the first ingestion first.
  public var revisions: [DocumentRevision]
  /// For each revision after the first, what changed from the one it revises.
  public var changes: [RevisionChange]

  /// The revision that stands in the projections, if one does (none when all are retracted
  /// or, with `--as-of`, none was published yet).
  public var standing: DocumentRevision? { revisions.first { $0.standing } }

  /// `{"document":…,"revisions":[…],"changes":[…]}`, as `show --revisions --json` prints it.
  public var json: JSONValue {
    .object([
      ("document", .string(document.description)),
      ("revisions", .array(revisions.map(\.json))),
      ("changes", .array(changes.map(\.json))),
    ])
  }
}

/// One document of a revision chain.
public struct DocumentRevision: Hashable, Sendable {
  /// The document.
  public var document: DocumentID
  /// The seq of its `document.ingested` event.
  public var seq: UInt64
  /// Its publication day, as stated.
  public var published: CalendarDate?
  /// Its headline.
  public var title: String?
  /// The earlier revision it replaced when it was ingested; nil for the first.
  public var revises: DocumentID?
  /// Whether it is the revision the projections read.
  public var standing: Bool
  /// Whether it was retracted (a retracted revision never stands).
  public var retracted: Bool

  /// `{"document","seq","published","title","revises","standing","retracted"}`.
  public var json: JSONValue {
    .object([
      ("document", .string(document.description)),
      ("seq", .int(Int(seq))),
      ("published", .text(published)),
      ("title", .text(title)),
      ("revises", .text(revises)),
      ("standing", .bool(standing)),
      ("retracted", .bool(retracted)),
    ])
  }
}

/// What changed in the text from one revision to the next.
public struct RevisionChange: Hashable, Sendable {
  /// The earlier revision.
  public var from: DocumentID
  /// The later revision, which revises `from`.
  public var to: DocumentID
  /// The line diff between their texts.
  public var diff: TextDiff

  /// `{"from","to","removed":[lines],"added":[lines],"unified":[lines]}`.
  public var json: JSONValue {
    .object([
      ("from", .string(from.description)),
      ("to", .string(to.description)),
      ("removed", .array(diff.removed.map(JSONValue.string))),
      ("added", .array(diff.added.map(JSONValue.string))),
      ("unified", .array(diff.unified.map(JSONValue.string))),
    ])
  }
}

extension Archive {
  /// The revision chain of a document (by `sha256:` id, or by the seq of an event that
  /// concerns a document), with a line diff of the text between each revision and the one
  /// it revises.
  ///
  /// `knownAt` limits the chain to what the archive held then; `asOf` decides, like the
  /// projections, which revision stands.
  /// - Throws: ``ArchiveError/usage(_:)`` naming `target` when it is no document of the archive.
  public func revisions(
    of target: String, asOf: CalendarDate? = nil, knownAt: KnownAt? = nil
  ) throws(ArchiveError) -> RevisionHistory {
    let (state, document): (ArchiveState, DocumentID)
    do {
      (state, document) = try log.read { reader in
        let bound = try bound(knownAt, in: reader)
        let document = try documentID(target, through: bound, in: reader)
        // Every revision of a chain longer than one is a view event; a release alone is read
        // from its one event.
        return (try targetState(for: document.description, through: bound, in: reader), document)
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    let chain = state.revisionChain(of: document)
    let standing = ArchiveView.standingRevisions(state: state, asOf: asOf)
    // The state keeps neither titles nor texts: both are in the chain's ingestion events.
    let documents = try ingestedDocuments(at: chain.map(\.seq))
    let titles = documents.reduce(into: [:]) { $0[$1.id] = $1.title }
    let texts = documents.reduce(into: [:]) { $0[$1.id] = $1.text }
    let revisions = chain.map { record in
      DocumentRevision(
        document: record.id, seq: record.seq, published: record.published, title: titles[record.id] ?? nil,
        revises: record.revises, standing: standing[record.revisionRoot] == record.id,
        retracted: record.retraction != nil)
    }
    var changes: [RevisionChange] = []
    for record in chain {
      guard let earlier = record.revises, let old = texts[earlier], let new = texts[record.id] else {
        continue
      }
      changes.append(RevisionChange(from: earlier, to: record.id, diff: TextDiff(from: old, to: new)))
    }
    return RevisionHistory(document: document, revisions: revisions, changes: changes)
  }

  /// Resolves a document's name (see ``NameForm``) or the seq of an event concerning a
  /// document to a document the archive held after event `bound`, or throws a usage error
  /// naming the input.
  func documentID(_ target: String, through bound: UInt64, in reader: LogReader) throws -> DocumentID {
    func held(_ id: DocumentID) throws -> Bool {
      try indexes.seq(of: id, in: reader.transaction).map { $0 <= bound } ?? false
    }
    let form = NameForm(target)
    if case .document(let prefix, _) = form,
      let found = try document(prefix: prefix, named: target, through: bound, in: reader)
    {
      return found.id
    }
    if case .tooShort = form { throw Archive.tooShort(target) }
    let number: UInt64? =
      switch form {
      case .seq(let n): n
      case .document(_, let orSeq): orSeq
      default: nil
      }
    guard let seq = number else {
      if case .document = form { throw ArchiveError.usage("no document \(target) in the archive") }
      throw ArchiveError.usage(
        "\(target) is neither a seq nor a document id (sha256:…, or 8 or more of its hex digits)")
    }
    guard seq >= 1, seq <= bound, let envelope = try reader.envelope(at: seq) else {
      throw ArchiveError.usage("no event \(target) in the archive")
    }
    switch try Event(type: envelope.type, payload: envelope.data) {
    case .documentIngested(let e): return e.document.id
    case .documentReextracted(let e): return e.document
    case .documentRetracted(let e): return e.document
    case .factCorrected(let e):
      guard let id = DocumentID(e.target), try held(id) else {
        throw ArchiveError.usage("event \(target) concerns no document (it corrects \(e.target))")
      }
      return id
    case let other:
      throw ArchiveError.usage("event \(target) concerns no document (it is a \(other.type.name))")
    }
  }

  /// The documents of the `document.ingested` events at `seqs`, in that order, read in one
  /// snapshot; a seq holding another kind of event is a storage error naming it.
  func ingestedDocuments(at seqs: [UInt64]) throws(ArchiveError) -> [Document] {
    do {
      return try log.read { reader in
        try seqs.map { seq in
          guard let envelope = try reader.envelope(at: seq) else {
            throw LogError.unreadable(seq: seq, "no such event")
          }
          guard case .documentIngested(let e) = try Event(type: envelope.type, payload: envelope.data) else {
            throw LogError.unreadable(seq: seq, "not a document.ingested event")
          }
          return e.document
        }
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }
}
