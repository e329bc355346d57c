import Testing

@testable import LMDB

/// The in-place paths: values written into reserved space, and the read-ahead scan.
@Suite struct InPlaceTests {
  /// A value of `count` bytes that differs from its neighbours' (so a misplaced one shows).
  func pattern(_ seed: Int, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) }
  }

  @Test func aReservedValueIsStoredExactlyAsFilled() throws {
    try withTemporaryDirectory { path in
      let env = try Environment(path: path)
      let db = try env.database(named: "t")
      // Empty, in-page, and larger than a page (LMDB puts those in overflow pages).
      let sizes = [0, 1, 7, 100, 1100, 2500, 4096, 20_000]
      let filled = try env.write { txn in
        try sizes.enumerated().map { index, size in
          let value = pattern(index, count: size)
          return try withUnsafeBytes(of: UInt64(index).bigEndian) { key in
            try txn.put(db, key: key, reservingCount: size, options: .append) { space in
              #expect(space.count == size)
              space.copyBytes(from: value)
              return space.count
            }
          }
        }
      }
      #expect(filled == sizes)
      for (index, size) in sizes.enumerated() {
        let stored = try env.read { txn in try txn.get(db, key: UInt64(index).bigEndianBytesForTest) }
        #expect(stored == pattern(index, count: size))
      }
    }
  }

  @Test func aReservingAppendOutOfOrderIsRefusedBeforeAnythingIsFilled() throws {
    try withTemporaryDirectory { path in
      let env = try Environment(path: path)
      let db = try env.database(named: "t")
      try env.write { txn in try txn.put(db, key: [5], value: [1]) }
      var filled = false
      #expect {
        try env.write { txn in
          try [UInt8(3)].withUnsafeBytes { key in
            try txn.put(db, key: key, reservingCount: 4, options: .append) { _ in filled = true }
          }
        }
      } throws: { error in
        (error as? LMDBError)?.is(.keyExists) == true
      }
      #expect(!filled)
    }
  }

  @Test func reservingPutsSurviveTheMapGrowing() throws {
    try withTemporaryDirectory { path in
      var options = Environment.Options()
      options.mapSize = 1 << 20  // 1 MiB: far too small; the writes are rolled back and rerun
      let env = try Environment(path: path, options: options)
      let db = try env.database(named: "t")
      for batch in 0..<4 {
        try env.write { txn in
          for i in 0..<256 {
            let seq = UInt64(batch * 256 + i)
            try withUnsafeBytes(of: seq.bigEndian) { key in
              try txn.put(db, key: key, reservingCount: 4096, options: .append) { space in
                space.copyBytes(from: pattern(Int(seq), count: 4096))
              }
            }
          }
        }
      }
      #expect(env.mapSize > 1 << 20)
      #expect(try env.statistics(of: db).entries == 1024)
      let last = try env.read { txn in try txn.get(db, key: UInt64(1023).bigEndianBytesForTest) }
      #expect(last == pattern(1023, count: 4096))
    }
  }

  /// Every entry of a scan, through the protocol's plain cursor walk.
  func plainScan(_ txn: some ReadableTransaction, _ db: Database, _ range: KeyRange, stopAfter: Int)
    throws -> [[UInt8]]
  {
    var out: [[UInt8]] = []
    try txn.forEach(db, in: range) { key, value in
      out.append(Array(key) + Array(value))
      return out.count < stopAfter
    }
    return out
  }

  @Test func theReadAheadScanOfAReadTransactionSeesWhatThePlainScanSees() throws {
    try withTemporaryDirectory { path in
      let env = try Environment(path: path)
      let db = try env.database(named: "t")
      try env.write { txn in
        for i in UInt64(1)...300 {
          try txn.put(db, key: i.bigEndianBytesForTest, value: pattern(Int(i), count: Int(i % 7) * 300))
        }
      }
      let ranges = [
        KeyRange.all,
        KeyRange(lower: UInt64(10).bigEndianBytesForTest, upper: UInt64(200).bigEndianBytesForTest),
        KeyRange(
          lower: UInt64(299).bigEndianBytesForTest, upper: UInt64(300).bigEndianBytesForTest,
          includesUpper: true),
        KeyRange(lower: UInt64(400).bigEndianBytesForTest, upper: nil),
      ]
      for range in ranges {
        for stopAfter in [1, 2, 150, Int.max] {
          try env.read { txn in
            var readAhead: [[UInt8]] = []
            try txn.forEach(db, in: range) { key, value in
              readAhead.append(Array(key) + Array(value))
              return readAhead.count < stopAfter
            }
            #expect(readAhead == (try plainScan(txn, db, range, stopAfter: stopAfter)))
          }
        }
      }
    }
  }
}
