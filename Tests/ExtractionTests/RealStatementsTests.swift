import Domain
import Feeds
import Foundation
import Testing

@testable import Extraction

/// The real-world statements of `Fixtures/statements/` (facts of real releases, wording that
/// keeps their constructions), read as `ingest` reads them and scored as the held-out
/// statements are (`tools/extract-eval` prints the same figures per field). Each development
/// set is held at its measured level, so a change that loses a fact or invents one fails here.
/// The `holdout.json` sets are never read by tests: they are scored only when a change is done.
@Suite struct RealStatementsTests {
  /// A labeled set and the level it is held at: the least share of labeled fields read right,
  /// per language, and the most share of stated values that may be wrong.
  struct Level: CustomTestStringConvertible, Sendable {
    var index: String
    /// How many statements the set holds: a set that lost some would score on fewer.
    var statements: Int
    var recall: Double
    var wrong: Double
    var testDescription: String { index }
  }

  static let levels = [
    Level(index: "dev-statements/index.json", statements: 25, recall: 1.0, wrong: 0.0),
    Level(index: "cifg/dev.json", statements: 23, recall: 0.96, wrong: 0.0),
    Level(index: "groups/dev.json", statements: 31, recall: 0.9, wrong: 0.025),
    Level(index: "wires/dev.json", statements: 17, recall: 0.74, wrong: 0.08),
    Level(index: "fresh/dev.json", statements: 17, recall: 0.77, wrong: 0.06),
    Level(index: "arabic/dev.json", statements: 16, recall: 0.83, wrong: 0.02),
    Level(index: "fresh2/dev.json", statements: 8, recall: 0.5, wrong: 0.08),
  ]

  @Test(arguments: levels)
  func developmentSetHoldsItsLevel(_ level: Level) throws {
    let directory = try #require(TestSupport.fixturesDirectory()).appendingPathComponent("statements")
    let index = directory.appendingPathComponent(level.index)
    let labels = try StatementLabel.load(index)
    #expect(labels.count == level.statements)
    let extractor = try #require(TestSupport.extractor)
    var score = StatementScore()
    for label in labels {
      let url = index.deletingLastPathComponent().appendingPathComponent(label.file)
      let reading = InputReader.read(Array(try Data(contentsOf: url)), source: label.file)
      let items = reading.items.filter { label.guid == nil || $0.guid == label.guid }
      let facts = items.first.map { extractor.facts(in: extractor.document(from: $0)) }
      score.add(label, facts ?? Facts(extractor: Extractor.version))
    }
    for line in score.lines { print("\(level.index) \(line)") }
    for language in ["en", "ar"] {
      #expect(score.recall(language) >= level.recall, "\(level.index) \(language)")
    }
    #expect(score.wrongShare <= level.wrong, "\(level.index)")
  }
}

/// One labeled statement of an index file (the schema `Fixtures/statements/*/README.md` gives).
struct StatementLabel: Decodable {
  struct Count: Decodable {
    var value: Int?
    var qualifier: String
    var counts: String
    var group: String?
  }
  var file: String
  var guid: String?
  var language: String
  var group: String
  var ordinal: Int?
  var start: String?
  var end: String?
  var city: String?
  var country: String?
  var virtual: Bool?
  var chairs: [String]?
  var counts: [Count]?

  static func load(_ url: URL) throws -> [StatementLabel] {
    try JSONDecoder().decode([StatementLabel].self, from: Data(contentsOf: url))
  }
}

/// Fields right, missed and wrong, per language, as `statements-eval.py` counts them: a field
/// left empty is missed, one stated with another value is wrong.
struct StatementScore {
  private var right: [String: [String: Int]] = [:]
  private var total: [String: [String: Int]] = [:]
  private var stated = 0
  private var wrong = 0

  mutating func add(_ label: StatementLabel, _ facts: Facts) {
    var fields: [(String, Bool, Bool)] = []
    func field(_ name: String, _ ok: Bool, _ said: Bool) { fields.append((name, ok, said)) }
    let meetingGroup = facts.group?.value
    if label.start != nil || label.ordinal != nil || label.city != nil {
      field("group", meetingGroup == label.group, meetingGroup != nil)
    }
    if let ordinal = label.ordinal { field("ordinal", facts.ordinal?.value == ordinal, facts.ordinal != nil) }
    for (name, want, got) in [("start", label.start, facts.start), ("end", label.end, facts.end)] {
      if let want, want.count == 10 { field(name, got?.value.description == want, got != nil) }
    }
    if let city = label.city {
      let got = facts.city?.value.lowercased() ?? ""
      let want = city.lowercased()
      field(
        "city",
        got == want || (!got.isEmpty && want.hasPrefix(got + ","))
          || (want == "kuwait city" && got == "kuwait"), !got.isEmpty)
    }
    if let country = label.country { field("country", facts.country?.value == country, facts.country != nil) }
    if let virtual = label.virtual { field("virtual", facts.virtual?.value == virtual, facts.virtual != nil) }
    if let chairs = label.chairs, !chairs.isEmpty {
      field(
        "chairs", Set(facts.chairs.map(\.value)) == Set(chairs) && facts.chairs.count == chairs.count,
        !facts.chairs.isEmpty)
    }
    let wanted = (label.counts ?? []).filter { $0.value != nil }
    if !wanted.isEmpty {
      // A count is the statement's group's unless its label names another (the Coalition's size).
      // A stated count is its own group's when it names one, else the meeting's.
      let groups = Set(wanted.map { $0.group ?? label.group })
      let mine = facts.counts.filter { groups.contains($0.group ?? meetingGroup ?? "") }
      let values = Set(
        mine.map { "\($0.group ?? meetingGroup ?? "") \($0.value ?? -1) \($0.qualifier.rawValue)" })
      let kinds = Set(
        mine.map { "\($0.group ?? meetingGroup ?? "") \($0.value ?? -1) \($0.counts.rawValue)" })
      let wantValues = Set(wanted.map { "\($0.group ?? label.group) \($0.value ?? -1) \($0.qualifier)" })
      let wantKinds = Set(wanted.map { "\($0.group ?? label.group) \($0.value ?? -1) \($0.counts)" })
      field("counts", wantValues.isSubset(of: values), !mine.isEmpty)
      field("count-kind", wantKinds.isSubset(of: kinds), !mine.isEmpty)
    }
    for (name, ok, said) in fields {
      total[label.language, default: [:]][name, default: 0] += 1
      if ok { right[label.language, default: [:]][name, default: 0] += 1 }
      if said {
        stated += 1
        if !ok { wrong += 1 }
      }
    }
  }

  /// The share of labeled fields read right in `language` (1 when it has none).
  func recall(_ language: String) -> Double {
    let all = total[language, default: [:]].values.reduce(0, +)
    return all == 0 ? 1 : Double(right[language, default: [:]].values.reduce(0, +)) / Double(all)
  }

  /// The share of stated values that are wrong.
  var wrongShare: Double { stated == 0 ? 0 : Double(wrong) / Double(stated) }

  /// Per language and field, right/labeled; then the wrong share.
  var lines: [String] {
    ["en", "ar"].map { language in
      let fields = total[language, default: [:]].keys.sorted().map {
        "\($0)=\(right[language, default: [:]][$0, default: 0])/\(total[language, default: [:]][$0, default: 0])"
      }
      return "\(language) \(String(format: "%.1f", recall(language) * 100))% " + fields.joined(separator: " ")
    } + ["wrong \(wrong)/\(stated)"]
  }
}
