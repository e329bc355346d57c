import Domain
import Foundation
import Projections
import Testing

@testable import Archive

@Suite("Corrections and retractions")
struct CorrectionTests {
  func correction(
    _ target: String, _ changes: [(String, String?)], reason: String = "checked",
    effective: CalendarDate? = nil
  ) -> FactCorrected {
    FactCorrected(
      target: target, changes: changes.map { FieldChange(field: $0.0, value: $0.1) }, reason: reason,
      effective: effective)
  }

  @Test("one correction sets several fields in one event, in canonical form")
  func severalFieldsOneEvent() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let before = try archive.logEntries().count
      let recorded = try archive.correct(
        correction("cifg-12", [("city", "Brussels"), ("country", "be"), ("chairs", "us, it")]))
      #expect(recorded.seq == UInt64(before + 1))
      guard case .factCorrected(let stored) = recorded.event else { throw Failure("not a correction") }
      #expect(stored.changes.map(\.value) == ["Brussels", "BE", "IT,US"])
      let meeting = try #require(try archive.view().meetings.first { $0.id == "cifg-12" })
      #expect(meeting.city == "Brussels")
      #expect(meeting.country == "BE")
      #expect(meeting.chairs == ["IT", "US"])
    }
  }

  @Test(
    "a correction naming nothing, an unknown field, or a bad value is refused and appends nothing",
    arguments: [
      ("cifg-99", "city", "Luxembourg", "no meeting"),
      ("cifg-12", "colour", "red", "has no field colour"),
      ("cifg-12", "start", "19 November", "not a date"),
      ("cifg-12", "start", "2019-02-30", "not a date"),
      ("cifg-12", "start", "2019-11-25", "would start on 2019-11-25 after it ends on 2019-11-20"),
      ("cifg-12", "end", "2019-11-01", "would start on 2019-11-19 after it ends on 2019-11-01"),
      ("cifg-12", "ordinal", "0", "not a positive whole number"),
      ("members/cifg/2019-11-20", "qualifier", "roughly", "not one of exact"),
      ("cifg-12", "country", "Luxembourg", "not an ISO 3166-1"),
      ("cifg-12", "chairs", "IT,XX", "XX is not an ISO"),
      ("cifg-12", "themes", "knitting", "not a theme"),
      ("members/cifg/2019-11-20", "value", "many", "not a whole number"),
      ("members/cifg/2001-01-01", "value", "5", "no meeting, count point"),
      ("sha256:00000000", "city", "Rome", "no meeting, count point or document"),
      ("cifg-12", "city", "Rome\u{1B}[2J", "holds the control character U+001B"),
      ("cifg-12", "city", "Ro\u{85}me", "holds the control character U+0085"),
      ("cifg-12", "city", "\u{202E}emoR", "holds the control character U+202E"),
      ("cifg-12", "city", "Rome\u{2066}", "holds the control character U+2066"),
    ])
  func refused(target: String, field: String, value: String, message: String) throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let before = try archive.logEntries().count
      #expect {
        _ = try archive.correct(correction(target, [(field, value)]))
      } throws: { error in
        (error as? ArchiveError)?.exitCode == 64 && "\(error)".contains(message)
      }
      #expect(try archive.logEntries().count == before)
    }
  }

  @Test("start and end corrected together may move a meeting past its old end")
  func rangeMovedTogether() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      _ = try archive.correct(correction("cifg-12", [("start", "2019-11-25"), ("end", "2019-11-26")]))
      let meeting = try #require(try archive.view().meetings.first { $0.id == "cifg-12" })
      #expect(meeting.start == CalendarDate(iso: "2019-11-25"))
    }
  }

  @Test("a correction without a reason is refused")
  func reasonRequired() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      #expect(throws: ArchiveError.self) {
        _ = try archive.correct(correction("cifg-12", [("city", "X")], reason: " "))
      }
    }
  }

  @Test("reverting a correction restores every value it changed; the log keeps both")
  func revertRestores() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let before = try #require(try archive.view().meetings.first).values
      let seq = try archive.correct(correction("cifg-12", [("city", "Brussels"), ("virtual", "true")])).seq
      #expect(try archive.view().meetings.first?.values != before)
      let revert = try archive.revert(seq, reason: "wrong")
      #expect(revert.seq == seq + 1)
      #expect(try archive.view().meetings.first?.values == before)
    }
  }

  @Test("a count point correction applies to its series and is blamed on its event")
  func countPoint() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let seq = try archive.correct(correction("members/cifg/2019-11-20", [("value", "57")])).seq
      #expect(try archive.view().membership.first?.value == 57)
      let blame = try archive.blame("members/cifg/2019-11-20")
      let value = try #require(blame.fields.first { $0.field == "value" })
      #expect(value.value == "57")
      #expect(value.events.filter(\.stands).map(\.seq) == [seq])
      #expect(value.events.first?.type == .documentIngested)
    }
  }

  @Test("a retracted document leaves the projections but stays known before its retraction")
  func retraction() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let id = try #require(try archive.state().sources.keys.first)
      let recorded = try archive.retract(String(id.description.prefix(20)), reason: "withdrawn")
      #expect(try archive.view().meetings.isEmpty)
      #expect(try archive.view(StateSpec(knownAt: .seq(recorded.seq - 1))).meetings.count == 1)
      #expect(throws: ArchiveError.self) { _ = try archive.retract(id.description, reason: "again") }
      #expect(throws: ArchiveError.self) {
        _ = try archive.retract("sha256:" + String(repeating: "0", count: 64), reason: "x")
      }
    }
  }

  @Test("a correction effective later does not change the state as of an earlier date")
  func effectiveDate() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let later = CalendarDate(iso: "2021-01-01")
      _ = try archive.correct(correction("cifg-12", [("city", "Brussels")], effective: later))
      let early = try archive.view(StateSpec(asOf: CalendarDate(iso: "2020-01-01")))
      let late = try archive.view(StateSpec(asOf: CalendarDate(iso: "2021-01-01")))
      #expect(early.meetings.first?.city == "Luxembourg")
      #expect(late.meetings.first?.city == "Brussels")
    }
  }

  @Test("the same correction made again appends nothing and names the earlier event")
  func repeatedCorrectionIsANoOp() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let brussels = correction("cifg-12", [("city", "Brussels"), ("country", "be")], reason: "the minutes")
      let first = try archive.applyCorrection(brussels)
      #expect(first.appended)
      let count = try archive.logEntries().count
      let again = try archive.applyCorrection(brussels)
      #expect(!again.appended)
      #expect(again.recorded.seq == first.recorded.seq)
      #expect(try archive.correct(brussels).seq == first.recorded.seq)
      #expect(try archive.logEntries().count == count)
      // Another reason, or values changed since, make it a correction again.
      #expect(
        try archive.applyCorrection(correction("cifg-12", [("city", "Brussels")], reason: "other")).appended)
      _ = try archive.correct(correction("cifg-12", [("city", "Paris")], reason: "the minutes"))
      #expect(try archive.applyCorrection(brussels).appended)
      #expect(try archive.logEntries().count == count + 3)
    }
  }
}

struct Failure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
