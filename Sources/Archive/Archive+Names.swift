import Domain
import EventLog
import Projections
import Stores

extension Archive {
  /// The seq of the event `target` names: a seq itself, or a document (its id, with or
  /// without `sha256:`, or a unique prefix of 8 hex digits or more) for its ingestion.
  func eventSeq(_ target: String, in reader: LogReader) throws -> UInt64 {
    switch NameForm(target) {
    case .seq(let n): return n
    case .document(let prefix, let orSeq):
      if let found = try document(prefix: prefix, named: target, through: .max, in: reader) {
        return found.seq
      }
      if let orSeq { return orSeq }
      throw ArchiveError.usage("no document \(target) in the archive")
    case .tooShort: throw Archive.tooShort(target)
    case .other:
      throw ArchiveError.usage(
        "\(target) is neither a seq nor a document id (sha256:…, or 8 or more of its hex digits)")
    }
  }

  /// The document whose id begins with `prefix` (`sha256:` and hex digits) that the archive
  /// held after event `bound`, with the seq of its ingestion; nil when there is none.
  /// - Throws: a usage error naming `name` when several documents begin so.
  func document(prefix: String, named name: String, through bound: UInt64, in reader: LogReader) throws
    -> (id: DocumentID, seq: UInt64)?
  {
    let found = try indexes.documents(named: prefix, through: bound, limit: 1_000, in: reader.transaction)
    guard found.count < 2 else {
      throw ArchiveError.usage(
        "\(name) is ambiguous (\(found.count == 1_000 ? "1000 or more" : String(found.count)) documents): "
          + "give more of its hex digits")
    }
    return found.first
  }

  /// The name corrections and blame use for what `target` names in the archive after event
  /// `bound`: a document's whole `sha256:` id for any name of it (or the seq of an event
  /// concerning it); else the name as it is (an unknown document's too) (meetings and count points are named against
  /// the state, see ``ArchiveState/canonicalTargetName(_:)``).
  func documentTargetName(_ target: String, through bound: UInt64, in reader: LogReader) throws -> String {
    switch NameForm(target) {
    case .seq: return try documentID(target, through: bound, in: reader).description
    case .document(let prefix, let orSeq):
      if let found = try document(prefix: prefix, named: target, through: bound, in: reader) {
        return found.id.description
      }
      if orSeq != nil { return try documentID(target, through: bound, in: reader).description }
      // Each command says that it names nothing, in its own words.
      return target
    case .tooShort: throw Archive.tooShort(target)
    case .other: return target
    }
  }

  /// The whole name of a correction or blame target (see ``documentTargetName(_:through:in:)``
  /// and ``ArchiveState/canonicalTargetName(_:)``), with the state that answers for it.
  func namedTarget(_ target: String, through bound: UInt64, in reader: LogReader) throws
    -> (name: String, state: ArchiveState)
  {
    let named = try documentTargetName(target, through: bound, in: reader)
    let state = try targetState(for: named, through: bound, in: reader)
    do {
      return (try state.canonicalTargetName(named), state)
    } catch {
      throw ArchiveError.usage(error.message)
    }
  }

  /// The refusal of a name with too few hex digits to name a document.
  static func tooShort(_ name: String) -> ArchiveError {
    .usage("\(name) is too short for a document id (at least \(NameForm.minimumDigits) hex digits)")
  }
}
