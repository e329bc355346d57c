import Domain

extension CountedKind {
  /// What a count of this kind counts, in words (`members and observers`): the report's
  /// titles and tooltips say this, never the JSON name.
  package var words: String {
    switch self {
    case .members: "members"
    case .membersAndObservers: "members and observers"
    case .attendees: "attendees"
    case .countriesAndOrganizations: "countries and organizations"
    }
  }
}

extension Timestamp {
  /// `2023-11-14 22:13:20 UTC`: to the second, as people read a time; the log keeps microseconds.
  package var reportText: String {
    let iso = description
    return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(8)) UTC"
  }
}
