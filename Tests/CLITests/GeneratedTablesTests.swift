import Foundation
import Testing

/// The generated Swift tables are exactly what their generators in tools/ write, so a table
/// can be regenerated (or audited) instead of edited by hand.
@Suite struct GeneratedTablesTests {
  @Test(arguments: [
    ("gen-entities.py", "Sources/Feeds/Entities/HTMLEntityData.swift"),
    ("gen-codepages.py", "Sources/Feeds/Encoding/SingleByteTables.swift"),
  ])
  func generatorReproducesTheCheckedInFile(script: String, file: String) throws {
    let run = try python(script, [])
    #expect(run.status == 0, "\(script): \(run.stderr)")
    let checkedIn = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    #expect(run.stdout == checkedIn, "\(script) no longer writes \(file) byte for byte")
  }
}
