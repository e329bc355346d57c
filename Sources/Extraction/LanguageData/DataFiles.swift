import Foundation

/// The shapes of the JSON data files in `Resources/`, decoded as written.
enum DataFiles {
  struct Groups: Decodable {
    struct Group: Decodable {
      var id: String
      var name: String
      var parent: String?
      var aliases: [String]
    }
    var groups: [Group]
    var genericWorkingGroup: [String]
  }

  struct Ordinals: Decodable {
    struct English: Decodable {
      var words: [String: Int]
      var tens: [String: Int]
      var suffixes: [String]
    }
    struct Arabic: Decodable {
      var units: [String: Int]
      var teens: [String]
      var tens: [String: Int]
      var digitMarkers: [String]
    }
    var english: English
    var arabic: Arabic
  }

  struct Months: Decodable {
    struct Month: Decodable {
      var month: Int
      var names: [String]
    }
    var months: [Month]
    var hijriMonths: [String]
    var hijriYearMarkers: [String]
    var gregorianYearMarkers: [String]
    var contextOnlyMonthNames: [String]
    var rangeConnectors: [String]
    var relativeDays: [String: Int]
    var weekdays: [String: Int]
    var currentMonth: [String]
    var durations: [String: Int]
    var gregorianMarkers: [String]
  }

  struct Numbers: Decodable {
    struct Words: Decodable {
      var units: [String: Int]
      var tens: [String: Int]
      var hundreds: [String: Int]
    }
    var english: Words
    var arabic: Words
  }

  struct Cues: Decodable {
    var meeting: [String]
    var ordinalNouns: [String]
    var notMeeting: [String]
    var chairs: [String]
    var hosts: [String]
    var virtual: [String]
    var placePrepositions: [String]
    var placeNouns: [String]
    var nameCompounds: [String]
    var topicWords: [String]
    var listJoiners: [String]
    var listOpeners: [String]
    var otherMeeting: [String]
    var upcomingMeeting: [String]
    var earlierMeetings: [String]
    var hybrid: [String]
    var remoteParticipants: [String]
    var meetingHeld: [String]
    var venueVerbs: [String]
    var venueOpeners: [String]
    var delegations: [String]
    var datelineBlockers: [String]
    var meetingEnd: [String]
    var speech: [String]
    var occasion: [String]
    var otherEvents: [String]
    var complementizers: [String]
    var publicationLabels: [String]
    var officialTitles: [String]
    var honorifics: [String]
    var relativePronouns: [String]
    var relatedHeadings: [String]
    var venueNames: [String: [String]]
  }

  struct Counts: Decodable {
    struct Kind: Decodable {
      var after: [String]
      var before: [String]
    }
    var qualifiers: [String: [String]]
    var kinds: [String: Kind]
    var links: [String]
    var dozens: [String]
    var fillers: [String]
    var attendance: Kind
    var membershipTotals: [String]
    var representatives: [String]
    var subjectPronouns: [String]
    var sizeAdjectives: [String]
    var countriesOnly: [String]
    var organizationTails: [String]
    var memberOrdinals: Kind
    var possessives: [String]
    var others: [String]
    var regions: [String]
    var perCountry: [String]
    var owners: [String: [String]]
  }

  struct Boilerplate: Decodable {
    var dropLineEquals: [String]
    var dropLineStartsWith: [String]
    var translationNotices: [String]
    var originalLinkPrefixes: [String]
    var languageNames: [String]
  }

  struct Themes: Decodable {
    struct Theme: Decodable {
      var id: String
      var kind: String
      var en: [String]
      var ar: [String]
    }
    var themes: [Theme]
  }

  struct Places: Decodable {
    struct City: Decodable {
      var name: String
      var country: String
      var aliases: [String]
    }
    var cities: [City]
    var countryVariants: [String: [String]]
    var demonyms: [String: [String]]
    /// The city a country's capital is (`FR`: `Paris`), for `the French capital`.
    var capitals: [String: String]
    /// How a capital is named by its country's adjective (`العاصمة {}`).
    var capitalPhrases: [String]
    var statePrefixes: [String]
    var excludedRegions: [String]
  }

  /// Decodes one file, naming it in the error.
  static func decode<T: Decodable>(_ type: T.Type, from url: URL, name: String) throws(ExtractionError) -> T {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadableFile(file: name, reason: error.localizedDescription)
    }
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch let DecodingError.dataCorrupted(context) {
      throw .unreadableFile(file: name, reason: "not valid JSON: \(context.debugDescription)")
    } catch let DecodingError.keyNotFound(key, context) {
      throw .unreadableFile(
        file: name, reason: "missing field \"\(key.stringValue)\" at \(path(context.codingPath))")
    } catch let DecodingError.typeMismatch(_, context) {
      throw .unreadableFile(file: name, reason: "wrong type at \(path(context.codingPath))")
    } catch {
      throw .unreadableFile(file: name, reason: "\(error)")
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
  }
}
