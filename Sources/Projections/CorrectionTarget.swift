import Domain

/// Something a correction can name — a meeting, a count point or a document — with the
/// fields it has and their current values.
///
/// `correct` checks a request against this before appending, and reverting a correction
/// reads the values to restore from it.
public struct CorrectionTarget: Hashable, Sendable {
  /// What kind of thing a target names.
  public enum Kind: String, Hashable, Sendable {
    /// A meeting of the timeline (`cifg-12`).
    case meeting
    /// A point of the membership history (`members/cifg/2019-11-20[/attendees]`).
    case countPoint = "count"
    /// A stored document (`sha256:…`): corrects what was read from it.
    case document

    /// The fields a correction may set on this kind of target.
    public var fields: [String] {
      switch self {
      case .meeting: SourceFacts.meetingFields
      case .countPoint: ["value", "qualifier"]
      case .document: SourceFacts.documentFields + SourceFacts.meetingFields
      }
    }
  }

  /// The kind.
  public var kind: Kind
  /// The target as corrections store it (a document's full id even when a prefix was given).
  public var id: String
  /// Each field's current value in text form; a field not stated is absent.
  public var values: [String: String]
}

extension ArchiveState {
  /// The correction target `name` denotes at the head of valid time, or nil when the
  /// archive holds no such meeting, count point or document. A document may be named by
  /// a unique prefix of its id of at least 8 hex digits.
  public func correctionTarget(_ name: String) -> CorrectionTarget? {
    if name.hasPrefix("sha256:") {
      let matches = sources.keys.filter { $0.description.hasPrefix(name) }
      guard matches.count == 1, let id = matches.first, name.count >= 15 || name == id.description,
        let position = sources.position(of: id)
      else { return nil }
      var standing = StandingSources(table: sources)
      let own = corrections.filter { $0.correction.target == id.description }
      let facts = standing.corrected(SourceFacts(row: position, of: sources), by: own)
      return CorrectionTarget(kind: .document, id: id.description, values: standing.values(of: facts))
    }
    // Only what the target needs: its count series, or its one meeting resolved.
    let corrections = ArchiveView.corrections(of: self, asOf: nil)
    let standing = ArchiveView.standingSources(state: self, asOf: nil, corrections: corrections)
    if name.hasPrefix("members/") {
      let points = ArchiveView.membership(standing, corrections: corrections, asOf: nil).filter {
        name == $0.key.target || name == $0.key.target + "/" + $0.key.counts.rawValue
      }
      // A target without a kind names every series at that date; its values are the
      // members series' when there is one.
      guard let point = points.first(where: { $0.key.counts == .members }) ?? points.first else { return nil }
      var values = ["qualifier": point.qualifier.rawValue]
      values["value"] = point.value.map(String.init)
      return CorrectionTarget(kind: .countPoint, id: name, values: values)
    }
    guard let (id, ranked) = ArchiveView.meetingGroups(standing).first(where: { $0.id == name }) else {
      return nil
    }
    let meeting = Meeting.resolve(
      id: id, sources: ranked, in: standing, corrections: corrections.filter { $0.correction.target == id })
    return CorrectionTarget(kind: .meeting, id: name, values: meeting.values)
  }
}

extension Meeting {
  /// Each field's value in the text form corrections use (`IT,SA,US` for chairs).
  public var values: [String: String] {
    var out: [String: String] = ["group": group]
    out["ordinal"] = ordinal.map(String.init)
    out["start"] = start?.description
    out["end"] = end?.description
    out["city"] = city
    out["country"] = country
    out["virtual"] = virtual.map(String.init)
    if !chairs.isEmpty { out["chairs"] = chairs.joined(separator: ",") }
    if !themes.isEmpty { out["themes"] = themes.joined(separator: ",") }
    return out
  }
}
