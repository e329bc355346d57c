import Testing

@testable import LMDB

@Suite struct CursorTests {
  func filled(_ path: String) throws -> (Environment, Database) {
    let env = try Environment(path: path)
    let db = try env.database(named: "t")
    try env.write { txn in
      for i in UInt64(1)...10 { try txn.put(db, key: i.bigEndianBytesForTest, value: [UInt8(i)]) }
    }
    return (env, db)
  }

  func values(_ env: Environment, _ db: Database, _ range: KeyRange) throws -> [UInt8] {
    try env.read { txn in
      var out: [UInt8] = []
      try txn.forEach(db, in: range) { _, value in
        out.append(value[0])
        return true
      }
      return out
    }
  }

  @Test func aRangeIncludesItsLowerBoundAndExcludesItsUpperByDefault() throws {
    try withTemporaryDirectory { path in
      let (env, db) = try filled(path)
      let range = KeyRange(lower: UInt64(3).bigEndianBytesForTest, upper: UInt64(6).bigEndianBytesForTest)
      #expect(try values(env, db, range) == [3, 4, 5])
    }
  }

  @Test func anInclusiveRangeIncludesItsUpperBound() throws {
    try withTemporaryDirectory { path in
      let (env, db) = try filled(path)
      let range = KeyRange(
        lower: UInt64(8).bigEndianBytesForTest, upper: UInt64(20).bigEndianBytesForTest, includesUpper: true)
      #expect(try values(env, db, range) == [8, 9, 10])
    }
  }

  @Test func theWholeRangeVisitsEveryKeyInOrderAndTheBodyCanStopEarly() throws {
    try withTemporaryDirectory { path in
      let (env, db) = try filled(path)
      #expect(try values(env, db, .all) == Array(1...10))
      let firstThree = try env.read { txn in
        var seen = 0
        try txn.forEach(db) { _, _ in
          seen += 1
          return seen < 3
        }
        return seen
      }
      #expect(firstThree == 3)
    }
  }

  @Test func cursorsMoveBothWaysAndSeek() throws {
    try withTemporaryDirectory { path in
      let (env, db) = try filled(path)
      try env.read { txn in
        try txn.withCursor(db) { (cursor: inout Cursor) throws in
          #expect(try cursor.last()?.value.first == 10)
          #expect(try cursor.previous()?.value.first == 9)
          #expect(try cursor.seek(atLeast: [0, 0, 0, 0, 0, 0, 0, 4, 0])?.value.first == 5)
          #expect(try cursor.seek(exactly: UInt64(2).bigEndianBytesForTest)?.value.first == 2)
          #expect(try cursor.seek(exactly: UInt64(99).bigEndianBytesForTest) == nil)
          #expect(try cursor.first()?.value.first == 1)
        }
      }
    }
  }

  @Test func deleteRemovesAKeyAndReportsWhetherItWasThere() throws {
    try withTemporaryDirectory { path in
      let (env, db) = try filled(path)
      let removed = try env.write { txn in
        try (txn.delete(db, key: UInt64(4).bigEndianBytesForTest), txn.delete(db, key: [9, 9]))
      }
      #expect(removed == (true, false))
      #expect(try values(env, db, .all) == [1, 2, 3, 5, 6, 7, 8, 9, 10])
    }
  }
}
