import Domain

/// How a name typed for an event, a document or a correction target reads, before the
/// archive is asked: what the tables print (`4c6ff659c7e4`, `sha256:…`, a seq) pastes back.
public enum NameForm: Hashable, Sendable {
  /// A seq: decimal digits, fewer than 8 of them.
  case seq(UInt64)
  /// A document: `sha256:` and at least 8 hex digits, or such digits alone (then `orSeq`
  /// holds their value when they are decimal digits too, for a seq of 8 digits or more).
  case document(prefix: String, orSeq: UInt64?)
  /// Hex digits too few to name a document (fewer than 8).
  case tooShort
  /// Anything else: a meeting id, a count point, or nothing.
  case other

  /// The fewest hex digits that name a document.
  public static let minimumDigits = 8

  /// Reads `text`: case is ignored in hex digits and in the `sha256:` tag.
  public init(_ text: String) {
    let lower = text.lowercased()
    let tagged = lower.hasPrefix("sha256:")
    let digits = tagged ? lower.dropFirst("sha256:".count) : Substring(lower)
    let decimal = !digits.isEmpty && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
    let hex =
      !digits.isEmpty && digits.count <= 64
      && digits.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    if !tagged, decimal, digits.count < NameForm.minimumDigits, let n = UInt64(digits) {
      self = .seq(n)
    } else if hex, digits.count >= NameForm.minimumDigits {
      self = .document(prefix: "sha256:" + digits, orSeq: tagged || !decimal ? nil : UInt64(digits))
    } else if hex || tagged {
      self = tagged && !hex && !digits.isEmpty ? .other : .tooShort
    } else {
      self = .other
    }
  }
}

/// Why a meeting or count-point name does not name one thing.
public struct TargetNameError: Error, Hashable, Sendable {
  /// One line naming the input and the problem.
  public var message: String
}

extension ArchiveState {
  /// The name corrections use for what `name` denotes at the head of valid time: a meeting's
  /// id for an id it had before a numbered source merged it (`cifg-2019-11-19` → `cifg-12`);
  /// a count point with its kind (`members/GROUP/DATE/KIND`) for `count/GROUP/DATE[/KIND]`
  /// or `members/GROUP/DATE`, which names the `members` series, else the date's one series.
  /// Any other name is returned as it is (and names nothing if it names nothing).
  /// - Throws: ``TargetNameError`` when a count point without a kind names several series.
  public func canonicalTargetName(_ name: String) throws(TargetNameError) -> String {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if (parts.first == "members" || parts.first == "count") && (parts.count == 3 || parts.count == 4) {
      return try countTargetName(name, parts)
    }
    guard !name.hasPrefix("sha256:"), !name.contains("/") else { return name }
    let corrections = ArchiveView.corrections(of: self, asOf: nil)
    let standing = ArchiveView.standingSources(state: self, asOf: nil, corrections: corrections)
    let groups = ArchiveView.meetingGroups(standing)
    if groups.contains(where: { $0.id == name }) { return name }
    // A former id is a dated id one of the meeting's sources gives.
    for (id, members) in groups {
      for i in members {
        let s = standing.facts[i]
        if let start = s.start, "\(standing.text(s.group, field: 0) ?? "")-\(start)" == name { return id }
      }
    }
    return name
  }

  private func countTargetName(_ name: String, _ parts: [String]) throws(TargetNameError) -> String {
    guard let date = CalendarDate(iso: parts[2]) else { return name }
    let kind = parts.count == 4 ? CountedKind(rawValue: parts[3]) : nil
    if parts.count == 4 && kind == nil { return name }
    let corrections = ArchiveView.corrections(of: self, asOf: nil)
    let standing = ArchiveView.standingSources(state: self, asOf: nil, corrections: corrections)
    let kinds = ArchiveView.membership(standing, corrections: corrections, asOf: nil)
      .filter { $0.key.group == parts[1] && $0.key.date == date }.map(\.key.counts)
    let base = "members/\(parts[1])/\(date)"
    if let kind { return kinds.contains(kind) ? base + "/" + kind.rawValue : name }
    if parts[0] == "members", kinds.contains(.members) { return base + "/members" }
    if kinds.count == 1, let only = kinds.first { return base + "/" + only.rawValue }
    guard kinds.isEmpty else {
      let names = kinds.map(\.rawValue).sorted()
      throw TargetNameError(
        message: "\(name) names \(kinds.count) series (\(names.joined(separator: ", "))): "
          + "add the kind, e.g. count/\(parts[1])/\(date)/\(names[0])")
    }
    return name
  }
}
