import Foundation
import Testing

@testable import LMDB

struct Boom: Error {}

@Suite struct EnvironmentTests {
  @Test func writeCommitsWhenTheBodyReturns() throws {
    try withTemporaryDirectory { path in
      let env = try Environment(path: path)
      let db = try env.database(named: "t")
      try env.write { txn in try txn.put(db, key: [1], value: [42]) }
      #expect(try env.read { txn in try txn.get(db, key: [1]) } == [42])
    }
  }

  @Test func writeAbortsWhenTheBodyThrowsAndRethrowsItsError() throws {
    try withTemporaryDirectory { path in
      let env = try Environment(path: path)
      let db = try env.database(named: "t")
      #expect(throws: Boom.self) {
        try env.write { txn in
          try txn.put(db, key: [1], value: [42])
          throw Boom()
        }
      }
      #expect(try env.read { txn in try txn.get(db, key: [1]) } == nil)
      // The writer lock was released: another write goes through.
      try env.write { txn in try txn.put(db, key: [2], value: [7]) }
      #expect(try env.read { txn in try txn.get(db, key: [2]) } == [7])
    }
  }

  @Test func theMapGrowsUnderLoadAndNothingIsLost() throws {
    try withTemporaryDirectory { path in
      var options = Environment.Options()
      options.mapSize = 1 << 20  // 1 MiB: far too small for what follows
      let env = try Environment(path: path, options: options)
      let db = try env.database(named: "t")
      let value = [UInt8](repeating: 0xab, count: 4096)
      for batch in 0..<8 {
        try env.write { txn in
          for i in 0..<256 {
            try txn.put(
              db, key: UInt64(batch * 256 + i).bigEndianBytesForTest, value: value, options: .append)
          }
        }
      }
      #expect(env.mapSize > 1 << 20)
      #expect(try env.statistics(of: db).entries == 2048)
    }
  }

  @Test func aPathThatIsARegularFileIsRefusedWithTheOperationNamed() throws {
    try withTemporaryDirectory { dir in
      let file = dir + "/plain"
      _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
      do {
        _ = try Environment(path: file)
        Issue.record("opened a regular file as an environment")
      } catch let error as LMDBError {
        #expect(error.is(.notADirectory))
        #expect(error.description.contains(file))
      }
    }
  }

  @Test func aWriteToAReadOnlyEnvironmentFailsWithPermissionDenied() throws {
    try withTemporaryDirectory { path in
      do {
        let env = try Environment(path: path)
        _ = try env.database(named: "t")
      }
      var options = Environment.Options()
      options.readOnly = true
      let env = try Environment(path: path, options: options)
      let db = try env.database(named: "t")
      #expect(throws: LMDBError.self) {
        try env.write { txn in try txn.put(db, key: [1], value: [1]) }
      }
    }
  }

  @Test func errorsCarryTheCodeTheOperationAndTheDatabase() throws {
    try withTemporaryDirectory { path in
      let env = try Environment(path: path)
      let db = try env.database(named: "events")
      try env.write { txn in try txn.put(db, key: [5], value: [1], options: .append) }
      do {
        try env.write { txn in try txn.put(db, key: [3], value: [1], options: .append) }
        Issue.record("an out-of-order append was accepted")
      } catch let error as LMDBError {
        #expect(error.is(.keyExists))
        #expect(error.operation == "mdb_put")
        #expect(error.database == "events")
        #expect(error.description.hasPrefix("mdb_put on events: "))
      }
    }
  }

  @Test func aMissingDatabaseInAReadOnlyEnvironmentIsNotFound() throws {
    try withTemporaryDirectory { path in
      _ = try Environment(path: path)
      var options = Environment.Options()
      options.readOnly = true
      let env = try Environment(path: path, options: options)
      #expect {
        _ = try env.database(named: "absent")
      } throws: { error in
        (error as? LMDBError)?.is(.notFound) == true
      }
    }
  }
}

extension UInt64 {
  var bigEndianBytesForTest: [UInt8] { withUnsafeBytes(of: bigEndian) { Array($0) } }
}
