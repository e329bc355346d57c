import Domain
import Foundation

/// All the language data the extractor reads with, loaded once from `Resources/` and compiled
/// to folded phrase tables: groups, ordinals, months, numbers, cues, counts, boilerplate,
/// themes and places. A class: readers share one immutable instance instead of copying tables.
package final class LanguageData: Sendable {
  /// The data files every bundle must hold, in load order.
  package static let fileNames = [
    "groups", "ordinals", "months", "numbers", "cues", "counts", "boilerplate", "themes", "places",
  ]

  /// The theme vocabulary, with each theme's kind.
  package let themes: ThemeVocabulary
  /// The group slugs of the registry (`coalition`, `cifg`, `ftf`…).
  package let groupIDs: [String]
  /// Each group's parent group, when it is a working group of another.
  package let groupParents: [String: String]
  /// The city names of the gazetteer (English exonyms) with their countries.
  package let cities: [(name: String, country: String)]

  /// How many phrase tables got no bit of ``PhraseStarts`` (each is then tried at every token):
  /// 0 while the bits suffice.
  let tablesWithoutBit: Int

  /// Every folded word the tables and word sets below use, numbered.
  let lexicon: Lexicon
  let groupAliases: PhraseTable<String>
  /// Words that speak of a working group without naming it (`the group`, `المجموعة`).
  let genericWorkingGroup: PhraseTable<Int>
  let ordinals: OrdinalWords
  let months: PhraseTable<Int>
  let hijriMonths: PhraseTable<Int>
  let contextOnlyMonths: WordSet
  let hijriYearMarkers: WordSet
  let gregorianYearMarkers: WordSet
  let rangeConnectors: WordSet
  let relativeDays: PhraseTable<Int>
  /// Weekday names, Monday 1 to Sunday 7 (`This Monday`, `يوم الاثنين`).
  let weekdays: PhraseTable<Int>
  /// Words saying a month is the publication's (`الجاري`, `this month`).
  let currentMonth: PhraseTable<Int>
  /// Words that introduce the Gregorian date after a Hijri one (`الموافق`).
  let gregorianMarkers: PhraseTable<Int>
  /// How many days a meeting lasted (`two-day`, `يومين`).
  let durations: PhraseTable<Int>
  let numbers: NumberWords
  let meetingCues: PhraseTable<Int>
  let ordinalNouns: PhraseTable<Int>
  let notMeetingCues: PhraseTable<Int>
  let chairCues: PhraseTable<Int>
  let hostCues: PhraseTable<Int>
  let virtualCues: PhraseTable<Int>
  /// Words of a person's part right before an online cue (`يعمل عن بعد`, `شارك في رئاسته عن
  /// بعد`): that person was remote, not the meeting.
  let remoteParticipants: WordSet
  /// Verbs of holding a meeting: an online cue after one (`عقد عن بعد`) is the meeting's.
  let meetingHeld: WordSet
  /// Verbs whose subject or object is where a meeting was held: `شهدت مدينة مراكش`, `الذي
  /// تستضيفه روما`.
  let venueVerbs: WordSet
  /// A preposition that, opening a sentence before a place noun, names where it happened
  /// (`من مدينة مراكش، انطلقت`).
  let venueOpeners: WordSet
  /// A delegation a chairing verb heads (`ترأس وفد الدولة`, `بوفد برئاسة`, `led the U.S.
  /// delegation`): its head, not the meeting's chair.
  let delegations: WordSet
  let placePrepositions: WordSet
  /// Words that call a place a city or capital between a preposition and its name
  /// (`in the city of Marrakech`, `بمدينة مراكش`).
  let placeNouns: WordSet
  /// Words a name is hyphened to as an adjective, not a place (`United States-led`).
  let nameCompounds: WordSet
  let topicWords: WordSet
  /// Words that join a second list of chairs to the first (`co-chairs the CIFG with Italy`).
  let listJoiners: PhraseTable<Int>
  /// Words that open a list of chairs after a gap (`تتولى رئاستها منذ تأسيسها كل من`).
  let listOpeners: PhraseTable<Int>
  /// Phrases that make a sentence speak of another meeting (`next meeting`, `last plenary`).
  let otherMeetingCues: PhraseTable<Int>
  /// Phrases that put a meeting ahead (`will be held`, `is scheduled`, `سيعقد`): another
  /// meeting in a release about one that met, the meeting itself in a preview.
  let upcomingMeetingCues: PhraseTable<Int>
  /// Phrases after which the rest of a sentence names earlier meetings (`and it built on the
  /// December 3 Coalition Ministerial in Brussels`, `التي تبني على الاجتماع الوزاري`).
  let earlierMeetingCues: PhraseTable<Int>
  /// Phrases that say a meeting was held both in person and online.
  let hybridCues: PhraseTable<Int>
  /// Words that, before a date opening a paragraph, make it the meeting's, not a dateline's.
  let datelineBlockers: WordSet
  /// Verbs of saying (`said`, `أعلنت`): a day right after one is when it was said.
  let speechCues: PhraseTable<Int>
  /// Phrases opening a sentence that names where the previous sentence's words were said
  /// (`… was speaking at the meeting`, `جاء ذلك في كلمة … خلال الاجتماع`).
  let occasionCues: PhraseTable<Int>
  /// Other events than a group's meeting (`conference`, `مؤتمر`): a date next to one is its.
  let otherEventCues: PhraseTable<Int>
  /// Titles of officials (`Foreign Minister`, `وزير`), whose state may say who chaired.
  let officialTitles: PhraseTable<Int>
  /// Words of address before an official's name (`His Excellency`, `السيد`).
  let honorifics: PhraseTable<Int>
  /// Words that open a relative clause (`which`, `who`): where a clause's subject starts.
  let relativePronouns: WordSet
  /// Headings of the links a page lists after its article (`Related Articles`, `مواضيع ذات صلة`).
  let relatedHeadings: PhraseTable<Int>
  /// Words that open what was said (`أن`, `that`): a day right before one is when it was said
  /// (`وذكر الموقع اليوم أن`).
  let complementizers: WordSet
  /// Words that label a page's publication date (`Published`, `تاريخ النشر`).
  let publicationLabels: PhraseTable<Int>
  /// Phrases that say a meeting ended (`wrapped up`, `اختتمت`).
  let meetingEndCues: PhraseTable<Int>
  /// Places named by an institution there (`the Treasury Department`), as city indexes.
  let venueNames: PhraseTable<Int>
  let countQualifiers: PhraseTable<CountQualifier>
  let kindsAfterNumber: PhraseTable<CountedKind>
  let kindsBeforeNumber: PhraseTable<CountedKind>
  let countLinks: PhraseTable<Int>
  let dozens: PhraseTable<Int>
  let countFillers: WordSet
  /// Phrases before a count (`delegations from`, `بمشاركة`) or after it (`attending`) that make
  /// it a count of who attended, whatever it names.
  let attendanceBefore: PhraseTable<Int>
  let attendanceAfter: PhraseTable<Int>
  /// Words that make a count the group's own (`its 56 member states`), never attendance.
  let countPossessives: WordSet
  /// Group names a count of members may be stated for (`the 82 members of the Coalition`),
  /// with the registry's aliases: short names that would be too loose for a document's group.
  let countOwners: PhraseTable<String>
  /// Words between two counts of who attended that make the second the first's countries
  /// (`150 ممثلا عن أكثر من 50 دولة`, `200 planners from 33 nations`).
  let perCountry: WordSet
  /// Words after a count that make it part of a whole (`89 other countries`).
  let countOthers: WordSet
  /// Regions after counted countries (`15 دولة إفريقية`, `سبع دول أفريقية`): a part of who came
  /// or of the members, unless several are joined as the whole (`دولة أوروبية وأفريقية وعربية`).
  let countRegions: WordSet
  /// Nouns counted only where the count is of attendance (`26 countries`).
  /// A group's size said as its adjective (`the 37-member group`, `the 60-nation coalition`):
  /// membership, whatever verb follows.
  let sizeAdjectives: PhraseTable<Int>
  /// A sentence opening with one (`It is composed of 85 member states`) speaks of what the
  /// sentence before named.
  let subjectPronouns: WordSet
  /// People who came for their states, right before the membership they came from
  /// (`ممثلي الشركاء الـ31`): attendance, though the number is the whole membership.
  let representatives: PhraseTable<Int>
  /// A new total of members before the number (`bringing the total number of members to 86`,
  /// `ليرتفع عدد شركائه إلى 80`): membership, whatever verb follows.
  let membershipTotals: PhraseTable<Int>
  let countriesOnly: PhraseTable<Int>
  /// Words that, after `and`, add organizations to counted countries.
  let organizationTails: WordSet
  /// Nouns an ordinal numbers members by (`its 75th member`, `العضو الخامس والسبعين`).
  let memberNounsBeforeOrdinal: PhraseTable<Int>
  let memberNounsAfterOrdinal: PhraseTable<Int>
  let boilerplate: BoilerplateRules
  let themePatterns: PhraseTable<Int>
  let cityNames: PhraseTable<Int>
  let countryNames: PhraseTable<String>
  /// A state's adjective (`Italian`, `السعودي`), as its code.
  let demonyms: PhraseTable<String>
  /// Words a state's formal name puts before its name (`the Kingdom of`, `مملكة`).
  let statePrefixes: PhraseTable<Int>

  nonisolated(unsafe) private static var cache: Result<LanguageData, ExtractionError>?
  private static let lock = NSLock()

  /// The bundled data, loaded and checked on first use and shared afterwards.
  package static func bundled() throws(ExtractionError) -> LanguageData {
    lock.lock()
    defer { lock.unlock() }
    if let cache { return try cache.get() }
    let result = Result { () throws(ExtractionError) -> LanguageData in
      try LanguageData(directory: nil, extraThemes: nil)
    }
    cache = result
    return try result.get()
  }

  /// Loads the data files from `directory` (the bundle's `Resources/` when nil), with an optional
  /// user theme file extending the bundled vocabulary.
  package init(directory: URL? = nil, extraThemes: URL? = nil) throws(ExtractionError) {
    func url(_ name: String) throws(ExtractionError) -> URL {
      if let directory { return directory.appendingPathComponent(name + ".json") }
      guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Resources")
      else { throw .missingResource(file: name + ".json") }
      return url
    }
    func load<T: Decodable>(_ type: T.Type, _ name: String) throws(ExtractionError) -> T {
      try DataFiles.decode(type, from: url(name), name: name + ".json")
    }
    var lexicon = Lexicon()
    // Each table gets one bit of the words' phrase starts, while there are bits left.
    var nextBit: PhraseStarts = 1
    var unmarked = 0
    func register<V>(_ table: inout PhraseTable<V>) {
      if nextBit == 0 { unmarked += 1 }
      table.register(bit: nextBit, in: &lexicon)
      nextBit <<= 1
    }
    func table<V>(_ patterns: [(String, V)], file: String) throws(ExtractionError) -> PhraseTable<V> {
      var table = PhraseTable<V>()
      for (pattern, value) in patterns where !table.add(pattern, value, lexicon: &lexicon) {
        throw .badEntry(file: file, entry: pattern, reason: "the pattern holds no word")
      }
      register(&table)
      return table
    }
    func set(_ words: [String], file: String) throws(ExtractionError) -> WordSet {
      var result = WordSet()
      for word in words {
        guard let phrase = Phrase(word), phrase.words.count == 1, let folded = phrase.words.first else {
          throw .badEntry(file: file, entry: word, reason: "expected exactly one word")
        }
        result.insert(lexicon.intern(folded))
      }
      return result
    }
    func indexed(_ patterns: [String], file: String) throws(ExtractionError) -> PhraseTable<Int> {
      try table(patterns.enumerated().map { ($0.element, $0.offset) }, file: file)
    }

    let groups = try load(DataFiles.Groups.self, "groups")
    var groupAliases: [(String, String)] = []
    var parents: [String: String] = [:]
    let ids = groups.groups.map(\.id)
    for group in groups.groups {
      if let parent = group.parent {
        guard ids.contains(parent) else {
          throw .badEntry(file: "groups.json", entry: group.id, reason: "unknown parent \(parent)")
        }
        parents[group.id] = parent
      }
      guard !group.aliases.isEmpty else {
        throw .badEntry(file: "groups.json", entry: group.id, reason: "no alias")
      }
      groupAliases += ([group.name] + group.aliases).map { ($0, group.id) }
    }
    self.groupIDs = ids
    self.groupParents = parents
    self.groupAliases = try table(groupAliases, file: "groups.json")
    self.genericWorkingGroup = try indexed(groups.genericWorkingGroup, file: "groups.json")

    self.ordinals = try OrdinalWords(load(DataFiles.Ordinals.self, "ordinals"), lexicon: &lexicon)

    let months = try load(DataFiles.Months.self, "months")
    var monthNames: [(String, Int)] = []
    for month in months.months {
      guard (1...12).contains(month.month) else {
        throw .badEntry(file: "months.json", entry: "\(month.month)", reason: "a month is 1 to 12")
      }
      monthNames += month.names.map { ($0, month.month) }
    }
    self.months = try table(monthNames, file: "months.json")
    self.hijriMonths = try indexed(months.hijriMonths, file: "months.json")
    self.contextOnlyMonths = try set(months.contextOnlyMonthNames, file: "months.json")
    self.hijriYearMarkers = try set(months.hijriYearMarkers, file: "months.json")
    self.gregorianYearMarkers = try set(months.gregorianYearMarkers, file: "months.json")
    var connectors = WordSet()
    for connector in months.rangeConnectors {
      connectors.insert(lexicon.intern(Phrase(connector)?.words.first ?? connector))
    }
    self.rangeConnectors = connectors
    self.relativeDays = try table(months.relativeDays.map { ($0.key, $0.value) }, file: "months.json")
    self.weekdays = try table(months.weekdays.map { ($0.key, $0.value) }, file: "months.json")
    self.currentMonth = try indexed(months.currentMonth, file: "months.json")
    self.durations = try table(months.durations.map { ($0.key, $0.value) }, file: "months.json")
    self.gregorianMarkers = try indexed(months.gregorianMarkers, file: "months.json")

    var numbers = try NumberWords(load(DataFiles.Numbers.self, "numbers"), lexicon: &lexicon)
    numbers.register(bit: nextBit, in: &lexicon)
    nextBit <<= 1
    self.numbers = numbers

    let cues = try load(DataFiles.Cues.self, "cues")
    self.meetingCues = try indexed(cues.meeting, file: "cues.json")
    self.ordinalNouns = try indexed(cues.ordinalNouns, file: "cues.json")
    self.notMeetingCues = try indexed(cues.notMeeting, file: "cues.json")
    self.chairCues = try indexed(cues.chairs, file: "cues.json")
    self.hostCues = try indexed(cues.hosts, file: "cues.json")
    self.virtualCues = try indexed(cues.virtual, file: "cues.json")
    self.remoteParticipants = try set(cues.remoteParticipants, file: "cues.json")
    self.meetingHeld = try set(cues.meetingHeld, file: "cues.json")
    self.venueVerbs = try set(cues.venueVerbs, file: "cues.json")
    self.venueOpeners = try set(cues.venueOpeners, file: "cues.json")
    self.delegations = try set(cues.delegations, file: "cues.json")
    self.placePrepositions = try set(cues.placePrepositions, file: "cues.json")
    self.placeNouns = try set(cues.placeNouns, file: "cues.json")
    self.nameCompounds = try set(cues.nameCompounds, file: "cues.json")
    self.topicWords = try set(cues.topicWords, file: "cues.json")
    self.listJoiners = try indexed(cues.listJoiners, file: "cues.json")
    self.listOpeners = try indexed(cues.listOpeners, file: "cues.json")
    self.otherMeetingCues = try indexed(cues.otherMeeting, file: "cues.json")
    self.upcomingMeetingCues = try indexed(cues.upcomingMeeting, file: "cues.json")
    self.earlierMeetingCues = try indexed(cues.earlierMeetings, file: "cues.json")
    self.hybridCues = try indexed(cues.hybrid, file: "cues.json")
    self.datelineBlockers = try set(cues.datelineBlockers, file: "cues.json")
    self.meetingEndCues = try indexed(cues.meetingEnd, file: "cues.json")
    self.speechCues = try indexed(cues.speech, file: "cues.json")
    self.occasionCues = try indexed(cues.occasion, file: "cues.json")
    self.otherEventCues = try indexed(cues.otherEvents, file: "cues.json")
    self.complementizers = try set(cues.complementizers, file: "cues.json")
    self.publicationLabels = try indexed(cues.publicationLabels, file: "cues.json")
    self.officialTitles = try indexed(cues.officialTitles, file: "cues.json")
    self.honorifics = try indexed(cues.honorifics, file: "cues.json")
    self.relativePronouns = try set(cues.relativePronouns, file: "cues.json")
    self.relatedHeadings = try indexed(cues.relatedHeadings, file: "cues.json")

    let counts = try load(DataFiles.Counts.self, "counts")
    var qualifiers: [(String, CountQualifier)] = []
    for (name, patterns) in counts.qualifiers {
      guard let qualifier = CountQualifier(rawValue: name) else {
        throw .badEntry(file: "counts.json", entry: name, reason: "not a qualifier")
      }
      qualifiers += patterns.map { ($0, qualifier) }
    }
    self.countQualifiers = try table(qualifiers, file: "counts.json")
    var after: [(String, CountedKind)] = []
    var before: [(String, CountedKind)] = []
    for (name, kind) in counts.kinds {
      guard let counted = CountedKind(rawValue: name) else {
        throw .badEntry(file: "counts.json", entry: name, reason: "not a counted kind")
      }
      after += kind.after.map { ($0, counted) }
      before += kind.before.map { ($0, counted) }
    }
    self.kindsAfterNumber = try table(after, file: "counts.json")
    self.kindsBeforeNumber = try table(before, file: "counts.json")
    self.countLinks = try indexed(counts.links, file: "counts.json")
    self.dozens = try indexed(counts.dozens, file: "counts.json")
    self.countFillers = try set(counts.fillers, file: "counts.json")
    self.attendanceBefore = try indexed(counts.attendance.before, file: "counts.json")
    self.attendanceAfter = try indexed(counts.attendance.after, file: "counts.json")
    self.countPossessives = try set(counts.possessives, file: "counts.json")
    self.countOthers = try set(counts.others, file: "counts.json")
    self.countRegions = try set(counts.regions, file: "counts.json")
    self.perCountry = try set(counts.perCountry, file: "counts.json")
    var owners = groupAliases
    for (group, names) in counts.owners.sorted(by: { $0.key < $1.key }) {
      guard ids.contains(group) else {
        throw .badEntry(file: "counts.json", entry: group, reason: "not a group of groups.json")
      }
      owners += names.map { ($0, group) }
    }
    self.countOwners = try table(owners, file: "counts.json")
    self.sizeAdjectives = try indexed(counts.sizeAdjectives, file: "counts.json")
    self.subjectPronouns = try set(counts.subjectPronouns, file: "counts.json")
    self.representatives = try indexed(counts.representatives, file: "counts.json")
    self.membershipTotals = try indexed(counts.membershipTotals, file: "counts.json")
    self.countriesOnly = try indexed(counts.countriesOnly, file: "counts.json")
    self.organizationTails = try set(counts.organizationTails, file: "counts.json")
    self.memberNounsBeforeOrdinal = try indexed(counts.memberOrdinals.after, file: "counts.json")
    self.memberNounsAfterOrdinal = try indexed(counts.memberOrdinals.before, file: "counts.json")

    self.boilerplate = try BoilerplateRules(load(DataFiles.Boilerplate.self, "boilerplate"))

    var vocabulary = try ThemeVocabulary(file: load(DataFiles.Themes.self, "themes"), name: "themes.json")
    if let extraThemes {
      vocabulary = try vocabulary.extended(by: ThemeVocabulary(contentsOf: extraThemes))
    }
    self.themes = vocabulary
    var themePatterns: [(String, Int)] = []
    for (index, theme) in vocabulary.themes.enumerated() {
      themePatterns += (theme.english + theme.arabic).map { ($0, index) }
    }
    self.themePatterns = try table(themePatterns, file: "themes.json")

    let places = try load(DataFiles.Places.self, "places")
    var gazetteer = try Gazetteer(places, lexicon: &lexicon)
    register(&gazetteer.cityNames)
    register(&gazetteer.countryNames)
    register(&gazetteer.demonyms)
    self.cities = gazetteer.cities
    var venues: [(String, Int)] = []
    for (city, names) in cues.venueNames.sorted(by: { $0.key < $1.key }) {
      guard let index = gazetteer.cities.firstIndex(where: { $0.name == city }) else {
        throw .badEntry(file: "cues.json", entry: city, reason: "a venue's city is not in places.json")
      }
      venues += names.map { ($0, index) }
    }
    self.venueNames = try table(venues, file: "cues.json")
    self.cityNames = gazetteer.cityNames
    self.countryNames = gazetteer.countryNames
    self.demonyms = gazetteer.demonyms
    self.statePrefixes = try indexed(places.statePrefixes, file: "places.json")
    self.lexicon = lexicon
    self.tablesWithoutBit = unmarked
  }
}
