import Codecs
import Domain
import PropertyBased
import Testing

@testable import Fetch

@Suite("Schedule: next due after success, Retry-After, backoff with jitter, never giving up")
struct FetchScheduleTests {
  let now = Timestamp(microseconds: 1_800_000_000_000_000)
  let schedule = FetchSchedule(
    interval: .seconds(3600), backoffBase: .seconds(600), maxBackoff: .seconds(86_400), jitter: 0.2)

  func seconds(_ due: Timestamp) -> Int64 { (due.microseconds - now.microseconds) / 1_000_000 }

  @Test("a success is due again one interval later, whatever the draw")
  func successIsDueAfterTheInterval() async {
    await propertyCheck(count: 100, input: Gen.int(in: 0...1000)) { draw in
      let due = schedule.nextDue(after: .success, failures: 0, now: now, random: Double(draw) / 1001)
      #expect(seconds(due) == 3600)
    }
  }

  @Test("failures back off as base × 2^(n−1), capped, jitter only shortening by up to 20%")
  func backoffDoublesUpToTheCap() async {
    await propertyCheck(count: 300, input: Gen.int(in: 1...200), Gen.int(in: 0...1000), Gen.int(in: 0...599))
    {
      failures, draw, status in
      let attempt = FetchSchedule.Attempt.failure(status: status == 410 ? 411 : status, retryAfter: nil)
      let due = schedule.nextDue(after: attempt, failures: failures, now: now, random: Double(draw) / 1001)
      let full = min(86_400, 600 * (failures > 20 ? 1 << 20 : 1 << (failures - 1)))
      #expect(seconds(due) <= Int64(full))
      #expect(Double(seconds(due)) >= Double(full) * 0.8 - 1)
      #expect(due > now)
    }
  }

  @Test("with no jitter drawn, each failure waits at least as long as the one before")
  func backoffIsMonotone() {
    var previous: Int64 = 0
    for failures in 1...80 {
      let due = schedule.nextDue(
        after: .failure(status: 500, retryAfter: nil), failures: failures, now: now, random: 0)
      #expect(seconds(due) >= previous)
      previous = seconds(due)
    }
    #expect(previous == 86_400)
    let first = schedule.nextDue(
      after: .failure(status: nil, retryAfter: nil), failures: 1, now: now, random: 0)
    #expect(seconds(first) == 600)
  }

  @Test("429 and 503 with Retry-After are due exactly then; other statuses ignore it")
  func retryAfterIsHonouredFor429And503() async {
    await propertyCheck(count: 100, input: Gen.int(in: 0...2_000_000), Gen.int(in: 1...30)) {
      delay, failures in
      let retryAt = now.adding(microseconds: Int64(delay) * 1_000_000)
      for status in [429, 503] {
        let due = schedule.nextDue(
          after: .failure(status: status, retryAfter: retryAt), failures: failures, now: now, random: 0.5)
        #expect(due == retryAt)
      }
      let other = schedule.nextDue(
        after: .failure(status: 500, retryAfter: retryAt), failures: 1, now: now, random: 0)
      #expect(seconds(other) == 600)
    }
    let past = schedule.nextDue(
      after: .failure(status: 429, retryAfter: now.adding(microseconds: -5_000_000)), failures: 1, now: now,
      random: 0)
    #expect(past == now)
  }

  @Test("a 410 is retried at the cap, never dropped")
  func goneIsRetriedAtTheCap() {
    let due = schedule.nextDue(
      after: .failure(status: 410, retryAfter: nil), failures: 1, now: now, random: 0)
    #expect(seconds(due) == 86_400)
  }
}

@Suite("HTTP dates and Retry-After")
struct HTTPDateTests {
  @Test("the three HTTP-date forms name the same instant")
  func parsesAllThreeForms() throws {
    let expected = try #require(Timestamp(iso: "1994-11-06T08:49:37Z"))
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == expected)
    #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == expected)
    #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == expected)
    #expect(HTTPDate.parse("yesterday") == nil)
    #expect(HTTPDate.parse("Sun, 31 Feb 1994 08:49:37 GMT") == nil)
  }

  @Test("formatting then parsing gives the instant back, to the second")
  func formatRoundTrips() async {
    await propertyCheck(count: 200, input: Gen.int(in: 0...4_102_444_800)) { second in
      let instant = Timestamp(microseconds: Int64(second) * 1_000_000)
      #expect(HTTPDate.parse(HTTPDate.format(instant)) == instant)
    }
    #expect(HTTPDate.format(Timestamp(microseconds: 784_111_777_000_000)) == "Sun, 06 Nov 1994 08:49:37 GMT")
  }

  @Test("Retry-After is delta-seconds from now, or an HTTP-date")
  func retryAfterReadsBothForms() throws {
    let now = try #require(Timestamp(iso: "2026-12-07T12:00:00Z"))
    #expect(HTTPDate.retryAfter("120", now: now) == Timestamp(iso: "2026-12-07T12:02:00Z"))
    #expect(
      HTTPDate.retryAfter("Mon, 07 Dec 2026 13:00:00 GMT", now: now) == Timestamp(iso: "2026-12-07T13:00:00Z")
    )
    #expect(HTTPDate.retryAfter("soon", now: now) == nil)
    #expect(HTTPDate.retryAfter("-5", now: now) == nil)
  }
}
