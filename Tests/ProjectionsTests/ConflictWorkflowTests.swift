import Domain
import Testing

@testable import Projections

@Suite("Conflicts as a workflow")
struct ConflictWorkflowTests {
  @Test("a correction settles the conflict on its field, with its seq and reason")
  func correctionSettles() throws {
    var log = LogBuilder()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    log.ingest("b", published: "2019-11-21", ordinal: 12, start: "2019-11-19", city: "Brussels")
    let open = try #require(log.view().meetings.first?.conflicts.first)
    #expect(open.settled == nil)
    #expect(log.view().conflictListings(open: true).map(\.target) == ["cifg-12"])
    log.correct("cifg-12", [("city", "Luxembourg")])
    let seq = log.state.lastSeq
    let settled = try #require(log.view().meetings.first?.conflicts.first)
    #expect(settled.settled?.seq == seq)
    #expect(settled.settled?.reason.isEmpty == false)
    #expect(log.view().conflictListings(open: true).isEmpty)
    #expect(log.view().conflictListings().map(\.conflict.field) == ["city"])
  }

  @Test("a reverted correction stops being one of the conflict's values")
  func revertedCorrectionLeaves() throws {
    var log = LogBuilder()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    log.correct("cifg-12", [("city", "Brussels")])
    #expect(log.view().meetings.first?.conflicts.map(\.field) == ["city"])
    log.correct("cifg-12", [("city", "Luxembourg")])
    #expect(log.view().meetings.first?.conflicts.isEmpty == true)
    #expect(log.view().meetings.first?.city == "Luxembourg")
  }

  @Test("a reverted count correction stops being one of the point's values")
  func revertedCountCorrectionLeaves() throws {
    var log = LogBuilder()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-20", counts: [(56, .members)])
    log.correct("members/cifg/2019-11-20/members", [("value", "57")])
    #expect(log.view().membership.first?.conflicts.first?.settled != nil)
    log.correct("members/cifg/2019-11-20/members", [("value", "56")])
    #expect(log.view().membership.first?.conflicts.isEmpty == true)
  }
}
