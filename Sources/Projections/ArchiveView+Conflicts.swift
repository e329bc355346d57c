import Domain
import JSONForm

/// One conflict of the view, with what it is about: a meeting or a count point.
public struct ConflictListing: Hashable, Sendable {
  /// The meeting id, or the count point as corrections name it (`members/GROUP/DATE/KIND`).
  public var target: String
  /// The field, the value that stands, the values held and who holds them, and whether a
  /// correction settles it.
  public var conflict: Conflict
}

extension ArchiveView {
  /// Every conflict, meetings' (in timeline order) then count points'; with `open`, only
  /// those no correction settles.
  public func conflictListings(open: Bool = false) -> [ConflictListing] {
    var out: [ConflictListing] = []
    for m in meetings {
      for c in m.conflicts { out.append(ConflictListing(target: m.id, conflict: c)) }
    }
    for p in membership {
      for c in p.conflicts {
        out.append(ConflictListing(target: p.key.target + "/" + p.key.counts.rawValue, conflict: c))
      }
    }
    return open ? out.filter { $0.conflict.settled == nil } : out
  }
}

extension ConflictListing {
  /// `{"target":…,"field":…,"chosen":…,"values":[…],"settled":…}`.
  package var json: JSONValue {
    guard case .object(let fields) = conflict.json else { return conflict.json }
    return .object([("target", .string(target))] + fields)
  }
}
