import Domain
import Foundation
import Testing

@testable import Extraction

/// Field-level accuracy on the labeled documents of `Fixtures/labeled/` (own texts, English and
/// Arabic, each with `<name>.expected.json`), printed per language; fails below the floor.
@Suite struct LabeledAccuracyTests {
  /// The fields compared, as the expected files name them.
  static let fields = [
    "group", "ordinal", "start", "end", "city", "country", "virtual", "chairs", "counts", "themes",
  ]
  /// The lowest acceptable share of correct fields, per language.
  static let floor = 0.98

  /// The facts as the expected files write them: strings, sorted lists, counts as sorted strings.
  static func summary(_ facts: Facts) -> [String: String] {
    [
      "group": facts.group?.value ?? "null",
      "ordinal": facts.ordinal.map { String($0.value) } ?? "null",
      "start": facts.start.map { $0.value.description } ?? "null",
      "end": facts.end.map { $0.value.description } ?? "null",
      "city": facts.city?.value ?? "null",
      "country": facts.country?.value ?? "null",
      "virtual": facts.virtual.map { String($0.value) } ?? "null",
      "chairs": facts.chairs.map(\.value).sorted().joined(separator: ","),
      "counts": facts.counts.map {
        "\($0.value.map(String.init) ?? "null") \($0.qualifier.rawValue) \($0.counts.rawValue)"
      }
      .sorted().joined(separator: "; "),
      "themes": facts.themes.map(\.value).sorted().joined(separator: ","),
    ]
  }

  static func summary(expected json: [String: Any]) -> [String: String] {
    func scalar(_ key: String) -> String {
      if key == "virtual" { return (json[key] as? Bool).map { String($0) } ?? "null" }
      switch json[key] {
      case let value as String: return value
      case let value as Int: return String(value)
      default: return "null"
      }
    }
    let counts = (json["counts"] as? [[String: Any]] ?? []).map { count in
      "\((count["value"] as? Int).map(String.init) ?? "null") \(count["qualifier"] as? String ?? "?") \(count["counts"] as? String ?? "?")"
    }
    return [
      "group": scalar("group"), "ordinal": scalar("ordinal"), "start": scalar("start"), "end": scalar("end"),
      "city": scalar("city"), "country": scalar("country"), "virtual": scalar("virtual"),
      "chairs": (json["chairs"] as? [String] ?? []).sorted().joined(separator: ","),
      "counts": counts.sorted().joined(separator: "; "),
      "themes": (json["themes"] as? [String] ?? []).sorted().joined(separator: ","),
    ]
  }

  @Test func labeledDocumentsAreReadAboveTheFloorInEachLanguage() throws {
    let directory = try #require(TestSupport.fixturesDirectory()).appendingPathComponent("labeled")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".txt") }.sorted()
    #expect(files.count >= 24)
    var right: [String: Int] = [:]
    var total: [String: Int] = [:]
    var heldOutRight = 0
    var heldOutTotal = 0
    for file in files {
      let url = directory.appendingPathComponent(file)
      let expectedURL = url.deletingPathExtension().appendingPathExtension("expected.json")
      let data = try Data(contentsOf: expectedURL)
      let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let (document, facts) = try #require(try TestSupport.read(url))
      let expected = Self.summary(expected: json)
      let actual = Self.summary(facts)
      for field in Self.fields {
        let ok = expected[field] == actual[field]
        total[document.language, default: 0] += 1
        if ok { right[document.language, default: 0] += 1 }
        if file.contains("heldout") {
          heldOutTotal += 1
          if ok { heldOutRight += 1 }
        }
        if !ok {
          print("MISS \(file) \(field): expected \(expected[field] ?? "") got \(actual[field] ?? "")")
        }
      }
    }
    for language in total.keys.sorted() {
      let share = Double(right[language, default: 0]) / Double(total[language, default: 1])
      print(
        "ACCURACY \(language): \(right[language, default: 0])/\(total[language, default: 0]) fields = \(share)"
      )
      #expect(share >= Self.floor, "accuracy for \(language) is \(share)")
    }
    if heldOutTotal > 0 {
      print("ACCURACY held-out: \(heldOutRight)/\(heldOutTotal)")
    }
  }
}
