import Domain
import Testing

@testable import Projections

@Suite("Names typed for events, documents and correction targets")
struct TargetNameTests {
  @Test(
    "seqs, short and whole document ids with or without sha256:, and too-short prefixes read apart",
    arguments: [
      ("12", NameForm.seq(12)),
      ("4c6ff659c7e4", .document(prefix: "sha256:4c6ff659c7e4", orSeq: nil)),
      ("sha256:4C6FF659", .document(prefix: "sha256:4c6ff659", orSeq: nil)),
      ("12345678", .document(prefix: "sha256:12345678", orSeq: 12_345_678)),
      ("sha256:12345678", .document(prefix: "sha256:12345678", orSeq: nil)),
      ("4c6ff6", .tooShort),
      ("sha256:4c", .tooShort),
      ("sha256:", .tooShort),
      ("cifg-12", .other),
      ("sha256:xyz", .other),
    ])
  func forms(text: String, form: NameForm) {
    #expect(NameForm(text) == form)
  }

  @Test("a merged meeting answers to the dated id it had before a numbered source merged it")
  func formerMeetingID() throws {
    var log = LogBuilder()
    log.ingest("dated", published: "2019-11-20", start: "2019-11-19")
    #expect(try log.state.canonicalTargetName("cifg-2019-11-19") == "cifg-2019-11-19")
    log.ingest("numbered", published: "2019-11-20", ordinal: 12, start: "2019-11-19")
    #expect(try log.state.canonicalTargetName("cifg-2019-11-19") == "cifg-12")
    #expect(try log.state.canonicalTargetName("cifg-12") == "cifg-12")
    #expect(try log.state.canonicalTargetName("cifg-2019-11-20") == "cifg-2019-11-20")
  }

  @Test("members/GROUP/DATE names the members series, not the first kind; count/ needs the kind when several")
  func countKinds() throws {
    var log = LogBuilder()
    log.ingest(
      "a", published: "2019-11-20", ordinal: 12, start: "2019-11-20",
      counts: [(80, .attendees), (56, .members)])
    let state = log.state
    #expect(try state.canonicalTargetName("members/cifg/2019-11-20") == "members/cifg/2019-11-20/members")
    #expect(
      try state.canonicalTargetName("count/cifg/2019-11-20/attendees") == "members/cifg/2019-11-20/attendees")
    #expect(
      try state.canonicalTargetName("members/cifg/2019-11-20/attendees")
        == "members/cifg/2019-11-20/attendees")
    #expect(throws: TargetNameError.self) { try state.canonicalTargetName("count/cifg/2019-11-20") }
    let blame = try #require(state.blame("members/cifg/2019-11-20/members"))
    #expect(blame.fields.first?.value == "56")
    // A date with one series: the kindless forms name it.
    var one = LogBuilder()
    one.ingest("b", published: "2015-03-20", ordinal: 1, start: "2015-03-20", counts: [(26, .attendees)])
    #expect(
      try one.state.canonicalTargetName("members/cifg/2015-03-20") == "members/cifg/2015-03-20/attendees")
    #expect(try one.state.canonicalTargetName("count/cifg/2015-03-20") == "members/cifg/2015-03-20/attendees")
  }
}
