import Crypto

/// An event as the log stores it: its place in the chain around the payload bytes.
///
/// Stored value layout (docs/FORMAT.md): `hash[32] prev[32] version[1] type[1]
/// recordedAt[8, big-endian µs] data[…]`, under the key `seq` (8 bytes, big-endian).
package struct Envelope: Hashable, Sendable {
  /// The position in the log, from 1.
  package var seq: UInt64
  /// The event type byte (the domain maps it to `document.ingested` and so on).
  package var type: UInt8
  /// Transaction time: microseconds since 1970-01-01T00:00:00Z, never decreasing.
  package var recordedAt: Int64
  /// The payload bytes.
  package var data: [UInt8]
  /// The hash of the previous event (32 zero bytes before the first).
  package var prev: [UInt8]
  /// SHA-256 over `prev` and the canonical bytes.
  package var hash: [UInt8]

  /// Creates an envelope with every field given (import uses this to re-check a hash).
  package init(seq: UInt64, type: UInt8, recordedAt: Int64, data: [UInt8], prev: [UInt8], hash: [UInt8]) {
    self.seq = seq
    self.type = type
    self.recordedAt = recordedAt
    self.data = data
    self.prev = prev
    self.hash = hash
  }

  /// The envelope layout version this build writes.
  package static let formatVersion: UInt8 = 1
  /// The bytes before `data` in a stored value.
  package static let headerSize = 32 + 32 + 1 + 1 + 8
  /// The `prev` of the first event.
  package static let genesis = [UInt8](repeating: 0, count: 32)

  /// The canonical bytes that are hashed (and that a Merkle leaf covers):
  /// `seq[8 BE] version[1] type[1] recordedAt[8 BE] data`.
  package var canonicalBytes: [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(18 + data.count)
    out.append(contentsOf: seq.bigEndianBytes)
    out.append(Envelope.formatVersion)
    out.append(type)
    out.append(contentsOf: UInt64(bitPattern: recordedAt).bigEndianBytes)
    out.append(contentsOf: data)
    return out
  }

  /// The stored value: `hash prev version type recordedAt data`.
  package var storedValue: [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(Envelope.headerSize + data.count)
    out.append(contentsOf: hash)
    out.append(contentsOf: prev)
    out.append(Envelope.formatVersion)
    out.append(type)
    out.append(contentsOf: UInt64(bitPattern: recordedAt).bigEndianBytes)
    out.append(contentsOf: data)
    return out
  }
}

extension Envelope {
  /// Lays out a stored value in `value` (exactly ``headerSize`` + `data.count` bytes, e.g.
  /// space reserved in the database page) and returns its hash.
  ///
  /// Everything past the two digests is written first and hashed where it lies, since the
  /// canonical bytes are `key` followed by exactly those bytes; then the digests go in front.
  /// The result is byte for byte ``storedValue``, without building either array.
  static func layOut(
    into value: UnsafeMutableRawBufferPointer, key: UnsafeRawBufferPointer, type: UInt8, recordedAt: Int64,
    data: UnsafeRawBufferPointer, prev: UnsafeRawBufferPointer
  ) -> [UInt8] {
    precondition(value.count == headerSize + data.count && prev.count == ChainHasher.hashSize)
    let hashSize = ChainHasher.hashSize
    value[2 * hashSize] = formatVersion
    value[2 * hashSize + 1] = type
    value.storeBytes(
      of: UInt64(bitPattern: recordedAt).bigEndian, toByteOffset: 2 * hashSize + 2, as: UInt64.self)
    UnsafeMutableRawBufferPointer(rebasing: value[headerSize...]).copyMemory(from: data)
    UnsafeMutableRawBufferPointer(rebasing: value[hashSize..<2 * hashSize]).copyMemory(from: prev)
    let tail = UnsafeRawBufferPointer(rebasing: value[(2 * hashSize)...])
    let digest = ChainHasher.digest(prev: prev, key: key, tail: tail)
    return digest.withUnsafeBytes { hash in
      UnsafeMutableRawBufferPointer(rebasing: value[0..<hashSize]).copyMemory(from: hash)
      return Array(hash)
    }
  }
}

extension UInt64 {
  /// The 8 big-endian bytes that key the `events` database.
  package var bigEndianBytes: [UInt8] {
    withUnsafeBytes(of: self.bigEndian) { Array($0) }
  }

  /// Reads 8 big-endian bytes; nil unless there are exactly 8.
  package init?(bigEndianBytes bytes: some Collection<UInt8>) {
    guard bytes.count == 8 else { return nil }
    self = bytes.reduce(0) { $0 << 8 | UInt64($1) }
  }
}
