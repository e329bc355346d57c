import CLMDB
import Foundation
import Testing

@testable import LMDB

/// Keys and values are checked against the data file's end before they are lent: a damaged
/// node can point past it, and touching the map there raises SIGBUS.
@Suite struct MapBoundsTests {
  // A map of 64 KiB at a made-up address, the file holding its first 16 KiB.
  let bounds = MapBounds(mapStart: 0x10_0000, mapEnd: 0x11_0000, fileEnd: 0x10_4000)

  func value(at address: UInt, count: Int) -> MDB_val {
    MDB_val(mv_size: count, mv_data: UnsafeMutableRawPointer(bitPattern: address))
  }

  @Test func anEntryInsideTheFileIsLent() throws {
    let lent = try bounds.buffer(value(at: 0x10_1000, count: 0x3000), "get", database: "events")
    #expect(lent.count == 0x3000)
    #expect(try bounds.buffer(value(at: 0x10_4000, count: 0), "get", database: "events").isEmpty)
  }

  @Test func anEntryReachingPastTheFilesEndIsRefusedAsCorruption() {
    for (address, count) in [(UInt(0x10_3FFF), 2), (0x10_5000, 1), (0x10_0010, Int.max / 2)] {
      #expect {
        _ = try bounds.buffer(value(at: address, count: count), "get", database: "events")
      } throws: { error in
        let lmdb = error as? LMDBError
        return lmdb?.code == LMDBError.Code.corrupted.rawValue
          && "\(error)".contains("past the end of the data file")
      }
    }
  }

  @Test func anEntryOutsideTheMapIsAWriteTransactionsOwnPageAndIsLent() throws {
    // Pages a write transaction changed are in memory of its own, not in the map.
    #expect(
      try bounds.buffer(value(at: 0x20_0000, count: 1 << 20), "get", database: "events").count == 1 << 20)
  }

  @Test func aValueWhoseStoredSizeWasDamagedPastTheFileIsAnErrorNotACrash() throws {
    try withTemporaryDirectory { path in
      do {
        let environment = try Environment(path: path)
        let database = try environment.database(named: "d")
        try environment.write { txn in
          try txn.put(database, key: [1], value: Array(repeating: 7, count: 20_000))
        }
      }
      // The value's node: size 20,000 (0x4E20, low half then high half), F_BIGDATA, a key
      // of one byte, 1. Setting the high half makes it 16 MiB, far past the file's end.
      let file = path + "/data.mdb"
      var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
      let node: [UInt8] = [0x20, 0x4E, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01]
      let at = try #require(
        (0...(bytes.count - node.count)).first { Array(bytes[$0..<$0 + node.count]) == node })
      bytes[at + 2] = 0x00
      bytes[at + 3] = 0x01
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      let environment = try Environment(path: path)
      let database = try environment.database(named: "d")
      #expect {
        _ = try environment.read { txn in try txn.get(database, key: [1]) }
      } throws: { error in
        (error as? LMDBError)?.code == LMDBError.Code.corrupted.rawValue
      }
      #expect {
        try environment.read { txn in try txn.forEach(database) { _, value in value.count > 0 } }
      } throws: { error in
        (error as? LMDBError)?.code == LMDBError.Code.corrupted.rawValue
      }
    }
  }

  @Test func transactionsReadWithinTheirFile() throws {
    try withTemporaryDirectory { path in
      let environment = try Environment(path: path)
      let database = try environment.database(named: "d")
      try environment.write { txn in
        try txn.put(database, key: [1], value: Array(repeating: 7, count: 20_000))
      }
      let count = try environment.read { txn in
        #expect(txn.mapBounds.fileEnd > txn.mapBounds.mapStart)
        return try txn.get(database, key: [1])?.count
      }
      #expect(count == 20_000)
    }
  }
}
