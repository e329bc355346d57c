import Domain
import Foundation
import JSONForm
import Testing

@testable import Feeds

/// Every file of Fixtures/hostile read as its manifest (expected.json) says: the items kept and
/// the one-line error; none leaks what an external entity names.
@Suite struct HostileCorpusTests {
  static func manifest() throws -> [String: JSONValue] {
    let text = String(decoding: try TestFiles.fixture("hostile/expected.json"), as: UTF8.self)
    guard case .object(let pairs) = try JSONParser.parse(text)["files"] ?? .null else { return [:] }
    return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
  }

  static let files: [String] = {
    let names = try? FileManager.default.contentsOfDirectory(
      atPath: TestFiles.fixtures.appendingPathComponent("hostile").path)
    return (names ?? []).filter { $0 != "expected.json" && $0 != "README.md" && !$0.hasPrefix(".") }.sorted()
  }()

  @Test func everyHostileFixtureHasAnExpectedOutcome() throws {
    let manifest = try Self.manifest()
    #expect(Self.files.count >= 15)
    for file in Self.files { #expect(manifest[file] != nil, "\(file) has no entry in expected.json") }
    for file in manifest.keys { #expect(Self.files.contains(file), "expected.json names a missing \(file)") }
  }

  @Test(arguments: files)
  func eachHostileFixtureGivesItsExpectedItemsAndError(file: String) throws {
    let expected = try #require(try Self.manifest()[file])
    let reading = InputReader.read(try TestFiles.fixture("hostile/" + file), source: file)
    let items = reading.items.map { JSONValue.string($0.guid ?? $0.title ?? "") }
    #expect(JSONValue.array(items) == expected["items"])
    #expect(reading.error.map { JSONValue.string($0.description) } ?? .null == expected["error"])
    for item in reading.items {
      #expect(!item.body.contains("LEAKED") && item.title?.contains("LEAKED") != true)
    }
  }
}
