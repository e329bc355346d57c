import Domain

/// Appends the primitives of the stored form: LEB128 varints, length-prefixed UTF-8, flags.
///
/// The layout is documented in docs/FORMAT.md; it is deterministic, so equal values always
/// give equal bytes, which the hash chain relies on.
package struct ByteWriter: Sendable {
  /// The bytes written so far.
  package private(set) var bytes: [UInt8]
  /// While a version-2 `document.ingested` payload's facts are written: its text, so that a
  /// quote that is exactly the text at its range is left out (``evidence(_:elidable:)``).
  var quotes: QuoteSource?

  /// An empty writer, with room reserved for a typical event.
  package init(capacity: Int = 1024) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// One byte.
  package mutating func byte(_ value: UInt8) { bytes.append(value) }

  /// Raw bytes with no length prefix (fixed-size fields such as digests).
  package mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

  /// An unsigned LEB128 varint.
  package mutating func varint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// A signed integer, zigzag-mapped then varint-encoded.
  package mutating func int(_ value: Int) {
    let v = Int64(value)
    varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
  }

  /// A bool as one byte, 0 or 1.
  package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  /// A string: varint byte length, then its UTF-8.
  package mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { buffer in
      varint(UInt64(buffer.count))
      bytes.append(contentsOf: buffer)
    }
  }

  /// An optional: byte 0 when absent, byte 1 then the value when present.
  package mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
    guard let value else { return byte(0) }
    byte(1)
    write(&self, value)
  }

  /// An array: varint count, then each element.
  package mutating func array<C: Collection>(_ values: C, _ write: (inout ByteWriter, C.Element) -> Void) {
    varint(UInt64(values.count))
    for value in values { write(&self, value) }
  }
}
