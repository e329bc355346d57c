import Codecs
import Domain
import EventLog
import LMDB
import Projections
import Stores
import Testing

@testable import Archive

/// The CRC-32 that guards snapshots and view-events blocks, and the archives written before
/// it (an 8-byte checksum of our own, snapshot layout 6).
@Suite struct ChecksumTests {
  @Test("CRC-32 is zlib's: the standard check value of \"123456789\", continued in pieces")
  func crc32IsTheStandardOne() {
    let digits = Array("123456789".utf8)
    #expect(digits.withUnsafeBytes { CRC32.checksum($0) } == 0xCBF4_3926)
    let first = digits.prefix(4).withUnsafeBytes { CRC32.checksum($0) }
    #expect(digits.dropFirst(4).withUnsafeBytes { CRC32.checksum($0, continuing: first) } == 0xCBF4_3926)
    #expect([UInt8]().withUnsafeBytes { CRC32.checksum($0, continuing: 7) } == 7)
  }

  @Test("a view-events block is its bits then the CRC-32 of its key and bits; one byte off is damage")
  func viewBlockChecksum() {
    var bitmap = [UInt8](repeating: 0, count: ViewEvents.blockBytes)
    bitmap[3] = 0x10
    let sealed = ViewEvents.sealed(bitmap, number: 5)
    #expect(sealed.count == ViewEvents.blockBytes + 4)
    let expected = (5 as UInt64).bigEndianBytes.withUnsafeBytes { key in
      bitmap.withUnsafeBytes { CRC32.checksum($0, continuing: CRC32.checksum(key)) }
    }
    #expect(Array(sealed.suffix(4)) == CRC32.bytes(expected))
    #expect(sealed.withUnsafeBytes { ViewEvents.isIntact($0, number: 5) })
    #expect(!sealed.withUnsafeBytes { ViewEvents.isIntact($0, number: 6) })
    var damaged = sealed
    damaged[100] ^= 1
    #expect(!damaged.withUnsafeBytes { ViewEvents.isIntact($0, number: 5) })
  }

  @Test("an archive written before CRC-32 (old view blocks, layout-6 snapshots) opens, reads and verifies")
  func archiveWrittenBeforeCRC32() throws {
    try withArchive(snapshotInterval: 10) { archive, path in
      _ = try archive.ingest([fixture("labeled")])
      let truth = try archive.rebuild()
      let views = try #require(archive.viewEvents.database)
      let snapshots = try #require(archive.snapshots.database)
      // Rewrite every block and snapshot as the build before stored them.
      try archive.log.write { writer in
        let txn = writer.transaction
        var blocks: [([UInt8], [UInt8])] = []
        try txn.forEach(views) { key, value in
          if key.count == 8 { blocks.append((Array(key), Array(value))) }
          return true
        }
        #expect(!blocks.isEmpty)
        for (key, value) in blocks {
          let number = try #require(UInt64(bigEndianBytes: key))
          let bitmap = Array(value.prefix(ViewEvents.blockBytes))
          let sum = bitmap.withUnsafeBytes { ViewEvents.legacyChecksum(of: $0, number: number) }
          try txn.put(views, key: key, value: bitmap + withUnsafeBytes(of: sum.littleEndian) { Array($0) })
        }
        let seqs = try archive.snapshots.seqs(in: txn)
        #expect(!seqs.isEmpty)
        for seq in seqs {
          let stored = try #require(try archive.snapshots.stored(at: seq, in: txn))
          var old = Array(stored.dropLast(4))
          old[32] = 6
          let sum = old.withUnsafeBytes { legacySnapshotChecksum($0) }
          old += withUnsafeBytes(of: sum.littleEndian) { Array($0) }
          var part: UInt32 = 0
          while try txn.delete(snapshots, key: Snapshots.key(seq, part: part)) { part += 1 }
          try txn.put(snapshots, key: Snapshots.key(seq, part: 0), value: old)
        }
      }
      // Reads take none of the old snapshots and trust the old blocks; verify passes.
      #expect(try archive.state() == truth)
      let report = try archive.verify()
      #expect(report.passed)
      let reopened = try readOnlyArchive(at: path)
      #expect(try reopened.state() == truth)
      #expect(try reopened.verify().passed)
      // A damaged old block is still noticed.
      try archive.log.write { writer in
        let key = try #require(
          try writer.transaction.withCursor(views) { try $0.first().map { Array($0.key) } })
        var value = try #require(try writer.transaction.get(views, key: key))
        value[0] ^= 0x80
        try writer.transaction.put(views, key: key, value: value)
      }
      #expect(try !archive.verify().passed)
    }
  }
}

/// The snapshot checksum of layout 6 and before, as docs/FORMAT.md defined it.
private func legacySnapshotChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
  let k: UInt64 = 0x9E37_79B9_7F4A_7C15
  var lanes: [UInt64] = [1, 2, 3, 4]
  var at = 0
  while at + 32 <= bytes.count {
    for i in 0..<4 {
      lanes[i] =
        (lanes[i] ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 8 * i, as: UInt64.self)))
        &* k
      lanes[i] ^= lanes[i] >> 29
    }
    at += 32
  }
  var h = UInt64(bytes.count) &* k
  for lane in lanes { h = (h ^ lane) &* 0xBF58_476D_1CE4_E5B9 }
  while at < bytes.count {
    h = (h ^ UInt64(bytes[at])) &* 0x94D0_49BB_1331_11EB
    at += 1
  }
  return h ^ (h >> 31)
}
