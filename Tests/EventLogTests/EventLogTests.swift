import Foundation
import LMDB
import Testing

@testable import EventLog

func withLog<T>(_ body: (EventLog, String) throws -> T) throws -> T {
  let path = NSTemporaryDirectory() + "communique-log-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: path) }
  let clock = ManualClock()
  return try body(try EventLog(path: path, clock: { clock.tick() }), path)
}

/// A clock that advances one millisecond per reading, so tests are deterministic.
final class ManualClock: @unchecked Sendable {
  private var now: Int64 = 1_574_208_000_000_000
  private let lock = NSLock()
  func tick() -> Int64 {
    lock.withLock {
      now += 1000; return now
    }
  }
}

@Suite struct EventLogTests {
  @Test func appendsAreNumberedFromOneAndChainedByHash() throws {
    try withLog { log, _ in
      let envelopes = try log.write { w in
        [try w.append(type: 1, data: [1, 2, 3]), try w.append(type: 3, data: [])]
      }
      #expect(envelopes.map(\.seq) == [1, 2])
      #expect(envelopes[0].prev == Envelope.genesis)
      #expect(envelopes[1].prev == envelopes[0].hash)
      let stored = try log.read { r in try r.envelope(at: 2) }
      #expect(stored == envelopes[1])
      #expect(try log.read { r in try r.head()?.seq } == 2)
    }
  }

  @Test func recordedAtNeverDecreasesEvenWhenTheClockGoesBack() throws {
    let path = NSTemporaryDirectory() + "communique-log-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: path) }
    let readings = Readings([5_000, 3_000, 9_000])
    let log = try EventLog(path: path, clock: { readings.next() })
    let times = try log.write { w in try (0..<3).map { _ in try w.append(type: 1, data: []).recordedAt } }
    #expect(times == [5_000, 5_000, 9_000])
  }

  @Test func aThrowingWriteAppendsNothing() throws {
    struct Stop: Error {}
    try withLog { log, _ in
      #expect(throws: Stop.self) {
        try log.write { w in
          try w.append(type: 1, data: [9])
          throw Stop()
        }
      }
      let head = try log.read { r in try r.head()?.seq }
      #expect(head == nil)
    }
  }

  @Test func anIntactLogVerifies() throws {
    try withLog { log, _ in
      try log.write { w in for i in 0..<50 { try w.append(type: 1, data: [UInt8(i)]) } }
      let report = try log.read { r in try r.verifyChain() }
      #expect(report.failure == nil)
      #expect(report.events == 50)
    }
  }

  @Test func aFlippedByteInAnyStoredEventIsCaughtAtItsSeq() throws {
    try withLog { log, _ in
      try log.write { w in
        for i in 0..<6 { try w.append(type: 1, data: Array(repeating: UInt8(i), count: 10)) }
      }
      let original = try log.read { r in try (1...6).map { try r.envelope(at: $0)?.storedValue ?? [] } }
      for seq in UInt64(1)...6 {
        let value = original[Int(seq) - 1]
        for position in stride(from: 0, to: value.count, by: 7) {
          var tampered = value
          tampered[position] ^= 0x40
          try log.environment.write { txn in try txn.put(log.events, key: seq.bigEndianBytes, value: tampered)
          }
          let failure = try log.read { r in try r.verifyChain() }.failure
          #expect(failure?.seq == seq, "flipping byte \(position) of seq \(seq)")
          try log.environment.write { txn in try txn.put(log.events, key: seq.bigEndianBytes, value: value) }
        }
      }
      #expect(try log.read { r in try r.verifyChain() }.failure == nil)
    }
  }

  @Test func aRemovedEventIsCaughtAtItsSeq() throws {
    try withLog { log, _ in
      try log.write { w in for i in 0..<5 { try w.append(type: 1, data: [UInt8(i)]) } }
      try log.environment.write { txn in try txn.delete(log.events, key: UInt64(3).bigEndianBytes) }
      #expect(try log.read { r in try r.verifyChain() }.failure?.seq == 3)
    }
  }

  @Test func aRemovedLastEventIsCaughtByTheRecordedHead() throws {
    try withLog { log, _ in
      try log.write { w in for i in 0..<5 { try w.append(type: 1, data: [UInt8(i)]) } }
      try log.environment.write { txn in try txn.delete(log.events, key: UInt64(5).bigEndianBytes) }
      #expect(try log.read { r in try r.verifyChain() }.failure?.seq == 5)
    }
  }

  @Test func swappedEventsAreCaughtAtTheFirst() throws {
    try withLog { log, _ in
      try log.write { w in for i in 0..<5 { try w.append(type: 1, data: [UInt8(i)]) } }
      let (a, b) = try log.read { r in
        try (r.envelope(at: 2)?.storedValue ?? [], r.envelope(at: 4)?.storedValue ?? [])
      }
      try log.environment.write { txn in
        try txn.put(log.events, key: UInt64(2).bigEndianBytes, value: b)
        try txn.put(log.events, key: UInt64(4).bigEndianBytes, value: a)
      }
      #expect(try log.read { r in try r.verifyChain() }.failure?.seq == 2)
    }
  }

  @Test func scanningARangeVisitsExactlyThoseEvents() throws {
    try withLog { log, _ in
      try log.write { w in for i in 0..<20 { try w.append(type: 1, data: [UInt8(i)]) } }
      var seen: [UInt64] = []
      try log.read { r in
        try r.forEach(from: 5, through: 9) { e in
          seen.append(e.seq)
          return true
        }
      }
      #expect(seen == [5, 6, 7, 8, 9])
    }
  }
}

final class Readings: @unchecked Sendable {
  private var values: [Int64]
  private let lock = NSLock()
  init(_ values: [Int64]) { self.values = values }
  func next() -> Int64 { lock.withLock { values.isEmpty ? 0 : values.removeFirst() } }
}
