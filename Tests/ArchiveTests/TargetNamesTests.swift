import Domain
import Foundation
import Projections
import Testing

@testable import Archive

@Suite("Every id a command prints names the same thing to every command")
struct TargetNamesTests {
  @Test("a document answers to its short id, its prefix with or without sha256:, and its seq")
  func documentNames() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let id = try #require(try archive.state().sources.keys.first)
      let hex = String(id.description.dropFirst("sha256:".count))
      for name in [id.short, String(hex.prefix(8)), "sha256:" + hex.prefix(8).uppercased(), "1"] {
        #expect(try archive.show(name)["seq"] == .int(1), "\(name)")
        #expect(try archive.blame(name).target == id.description, "\(name)")
      }
      let recorded = try archive.retract(id.short, reason: "withdrawn")
      guard case .documentRetracted(let e) = recorded.event else { throw Failure("not a retraction") }
      #expect(e.document == id)
    }
  }

  @Test("too few hex digits and a prefix of several documents are refused as such")
  func tooShortAndAmbiguous() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed"), fixture("feeds")])
      #expect { try archive.show("4c6ff6") } throws: {
        "\($0)".contains("too short") && "\($0)".contains("8 hex")
      }
      #expect { try archive.blame("sha256:4c") } throws: { "\($0)".contains("too short") }
      let message = try archive.log.read { reader in
        do {
          _ = try archive.document(prefix: "sha256:", named: "sha256:", through: .max, in: reader)
          return ""
        } catch {
          return "\(error)"
        }
      }
      #expect(message.contains("ambiguous ("), "\(message)")
      #expect(message.contains(" documents)"), "\(message)")
    }
  }

  @Test("a count point correction named without its kind corrects the members series only")
  func countPointWithoutKind() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed"), fixture("statements")])
      let recorded = try archive.correct(
        FactCorrected(
          target: "members/cifg/2019-11-20", changes: [FieldChange(field: "value", value: "57")], reason: "r")
      )
      guard case .factCorrected(let c) = recorded.event else { throw Failure("not a correction") }
      #expect(c.target == "members/cifg/2019-11-20/members")
      let points = try archive.view().membership.filter { $0.key.target == "members/cifg/2019-11-20" }
      #expect(points.first { $0.key.counts == .members }?.value == 57)
      #expect(points.first { $0.key.counts == .membersAndObservers }?.value == 56)
      #expect(try archive.blame("members/cifg/2019-11-20").target == "members/cifg/2019-11-20/members")
      #expect(try archive.blame("cifg-2019-11-19").target == "cifg-12")
    }
  }
}
