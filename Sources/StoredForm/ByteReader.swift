import Domain

/// Reads the primitives ``ByteWriter`` writes, refusing truncated or malformed input.
///
/// It reads in place from a buffer it borrows (``withReader(over:offset:_:)``, e.g. a value
/// still in LMDB's memory map) or from a copy it owns (``init(_:offset:)``); being
/// non-copyable, it frees that copy exactly once.
package struct ByteReader: ~Copyable {
  // Inlinable (with the reads below): the folds in Projections call these for every field of
  // every event, and a call across the module boundary cost more than most of the reads. The
  // optimizer still left the string reads as calls in the fold, so those are always inlined
  // (6% of a rebuild's instructions, under callgrind).
  @usableFromInline let bytes: UnsafeRawBufferPointer
  private let ownsBytes: Bool
  @usableFromInline var position: Int
  /// The offset of the next byte to read.
  package var offset: Int { position }

  /// A reader over a copy of `bytes`, from the given offset.
  ///
  /// An array's storage cannot be borrowed beyond a closure, so the reader keeps its own
  /// copy; to read without copying, use ``withReader(over:offset:_:)``.
  package init(_ bytes: [UInt8], offset: Int = 0) {
    // Past the end is allowed (every read then throws `truncated`); before the start is not.
    precondition(offset >= 0, "negative offset \(offset)")
    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
    copy.copyBytes(from: bytes)
    self.bytes = UnsafeRawBufferPointer(copy)
    self.ownsBytes = true
    self.position = offset
  }

  /// A reader over `bytes` in place; the caller keeps them valid while the reader lives
  /// (prefer ``withReader(over:offset:_:)``, which makes that hard to get wrong).
  @usableFromInline
  init(borrowing bytes: UnsafeRawBufferPointer, offset: Int = 0) {
    precondition(offset >= 0, "negative offset \(offset)")
    self.bytes = bytes
    self.ownsBytes = false
    self.position = offset
  }

  deinit {
    if ownsBytes { bytes.deallocate() }
  }

  /// Runs `body` with a reader over `bytes`, read in place: nothing is copied until a
  /// string, digest or other value is made from it.
  ///
  /// `bytes` must stay valid and unchanged while `body` runs; the reader must not outlive it.
  @inlinable
  package static func withReader<R, E: Error>(
    over bytes: UnsafeRawBufferPointer, offset: Int = 0, _ body: (inout ByteReader) throws(E) -> R
  ) throws(E) -> R {
    var reader = ByteReader(borrowing: bytes, offset: offset)
    return try body(&reader)
  }

  /// Whether every byte has been read.
  @inlinable
  package var isAtEnd: Bool { position == bytes.count }

  /// One byte.
  @inlinable @inline(__always)
  package mutating func byte() throws(StoredFormError) -> UInt8 {
    guard position < bytes.count else { throw .truncated(at: position) }
    defer { position += 1 }
    return bytes[position]
  }

  /// A fixed number of raw bytes.
  package mutating func raw(_ count: Int) throws(StoredFormError) -> [UInt8] {
    guard count >= 0, count <= bytes.count - position else { throw .truncated(at: position) }
    defer { position += count }
    return Array(UnsafeRawBufferPointer(rebasing: bytes[position..<position + count]))
  }

  /// The next `count` bytes in place, valid while the bytes this reader reads are.
  @inlinable @inline(__always)
  mutating func slice(_ count: Int) throws(StoredFormError) -> UnsafeRawBufferPointer {
    guard count >= 0, count <= bytes.count - position else { throw .truncated(at: position) }
    defer { position += count }
    return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
  }

  /// An unsigned LEB128 varint of at most 10 bytes.
  @inlinable @inline(__always)
  package mutating func varint() throws(StoredFormError) -> UInt64 {
    // Most varints are lengths and counts under 128: one byte, read inline.
    if position < bytes.count, bytes[position] < 0x80 {
      defer { position += 1 }
      return UInt64(bytes[position])
    }
    return try multiByteVarint()
  }

  @usableFromInline
  mutating func multiByteVarint() throws(StoredFormError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let start = position
      let b = try byte()
      guard shift < 64, shift < 63 || b <= 1 else { throw .malformed("varint too long", at: start) }
      result |= UInt64(b & 0x7f) << shift
      if b & 0x80 == 0 { return result }
      shift += 7
    }
  }

  /// A zigzag-encoded signed integer.
  @inlinable
  package mutating func int() throws(StoredFormError) -> Int {
    let v = try varint()
    return Int(Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
  }

  /// A varint that must fit a non-negative `Int` (counts and lengths).
  @inlinable @inline(__always)
  package mutating func count() throws(StoredFormError) -> Int {
    let start = position
    let v = try varint()
    guard v <= UInt64(bytes.count) else { throw ByteReader.countTooLarge(v, at: start) }
    return Int(v)
  }

  // Out of line, so that inlined callers do not carry the message's formatting.
  @usableFromInline @inline(never)
  static func countTooLarge(_ count: UInt64, at offset: Int) -> StoredFormError {
    .malformed("count \(count) exceeds the value", at: offset)
  }

  /// A bool byte, 0 or 1.
  @inlinable
  package mutating func bool() throws(StoredFormError) -> Bool {
    let start = position
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw .malformed("bool is neither 0 nor 1", at: start)
    }
  }

  /// A length-prefixed UTF-8 string; invalid UTF-8 is an error, not a repair.
  package mutating func string() throws(StoredFormError) -> String {
    let utf8 = try stringBytes()
    guard let text = ByteReader.validatedString(utf8) else {
      throw .malformed("invalid UTF-8", at: position - utf8.count)
    }
    return text
  }

  /// A length-prefixed string's UTF-8 in place, not yet validated: for readers that look
  /// the bytes up (and validate them with ``validatedString(_:)`` only when they are new).
  @inlinable @inline(__always)
  package mutating func stringBytes() throws(StoredFormError) -> UnsafeRawBufferPointer {
    try slice(try count())
  }

  /// A copy of `utf8` as a String, or nil if it is not valid UTF-8 (never repaired).
  ///
  /// ASCII (ids, links, codes, English text) is recognised by a word-wide scan and needs no
  /// further check; anything else is validated by `UTF8Span`. Both avoid the generic
  /// `String(validating:as:)`, whose metadata lookups cost more than a short string, and
  /// `String(copying:)` does not validate again.
  package static func validatedString(_ utf8: UnsafeRawBufferPointer) -> String? {
    utf8.withMemoryRebound(to: UInt8.self) { units in
      if isASCII(utf8) {
        return String(copying: UTF8Span(unchecked: units.span, isKnownASCII: true))
      }
      guard let span = try? UTF8Span(validating: units.span) else { return nil }
      return String(copying: span)
    }
  }

  /// Whether every byte is below 0x80 (and so, alone, valid UTF-8).
  ///
  /// No loop over single bytes: a short string is two overlapping loads, a long one is
  /// ORed together 32 bytes a round with no early exit, and its last 1–32 bytes by loads
  /// that may overlap bytes already seen (which changes nothing in an OR).
  private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    if count < 16 {
      if count >= 8 {
        let first = base.loadUnaligned(as: UInt64.self)
        let last = base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        return (first | last) & 0x8080_8080_8080_8080 == 0
      }
      if count >= 4 {
        let first = base.loadUnaligned(as: UInt32.self)
        let last = base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        return (first | last) & 0x8080_8080 == 0
      }
      var bits: UInt8 = 0
      for offset in 0..<count { bits |= base.load(fromByteOffset: offset, as: UInt8.self) }
      return bits & 0x80 == 0
    }
    // Offsets stay below `count`, so wrapping arithmetic is exact (and spares the loop an
    // overflow branch per step).
    var a = base.loadUnaligned(fromByteOffset: count &- 16, as: SIMD16<UInt8>.self)
    var b = SIMD16<UInt8>()
    var index = 0
    while index &+ 32 <= count {
      a |= base.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
      b |= base.loadUnaligned(fromByteOffset: index &+ 16, as: SIMD16<UInt8>.self)
      index &+= 32
    }
    if count &- index > 16 { b |= base.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self) }
    let words = unsafeBitCast(a | b, to: SIMD2<UInt64>.self)
    return (words[0] | words[1]) & 0x8080_8080_8080_8080 == 0
  }

  /// Skips a length-prefixed string without decoding it (the lazy path over document text).
  @inlinable @inline(__always)
  package mutating func skipString() throws(StoredFormError) {
    let length = try count()
    guard length <= bytes.count - position else { throw .truncated(at: position) }
    position += length
  }

  /// An optional written by ``ByteWriter/optional(_:_:)``.
  package mutating func optional<T>(
    _ read: (inout ByteReader) throws(StoredFormError) -> T
  ) throws(StoredFormError) -> T? {
    let start = offset
    switch try byte() {
    case 0: return nil
    case 1: return try read(&self)
    default: throw .malformed("optional flag is neither 0 nor 1", at: start)
    }
  }

  /// An array written by ``ByteWriter/array(_:_:)``.
  package mutating func array<T>(
    _ read: (inout ByteReader) throws(StoredFormError) -> T
  ) throws(StoredFormError) -> [T] {
    let n = try count()
    var out = [T]()
    out.reserveCapacity(n)
    for _ in 0..<n { out.append(try read(&self)) }
    return out
  }
}

/// Why stored bytes could not be read back as an event.
package enum StoredFormError: Error, Hashable, CustomStringConvertible {
  /// The bytes end before the value does.
  case truncated(at: Int)
  /// A byte sequence that no writer produces.
  case malformed(String, at: Int)
  /// A payload version this build does not know (written by a newer Communique).
  case unknownVersion(UInt8)
  /// An event type byte this build does not know.
  case unknownType(UInt8)

  /// One line saying what is wrong and where.
  package var description: String {
    switch self {
    case .truncated(let at): "stored value truncated at byte \(at)"
    case .malformed(let what, let at): "stored value malformed at byte \(at): \(what)"
    case .unknownVersion(let v): "unknown payload version \(v)"
    case .unknownType(let t): "unknown event type \(t)"
    }
  }
}
