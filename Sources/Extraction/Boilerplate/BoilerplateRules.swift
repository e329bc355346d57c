/// The lines `boilerplate.json` says are not part of a statement, compared on folded text.
struct BoilerplateRules: Sendable {
  var dropEquals: [LineKey] = []
  var dropPrefixes: [LineKey] = []
  var translationNotices: [LineKey] = []
  var originalLinkPrefixes: [LineKey] = []
  var languageNames: [LineKey] = []
  /// The most scalars any prefix or equality rule's key has, when every such key is plain (else
  /// nil): a plain line key needs only one scalar past it for those rules to tell
  /// (``LineKey/init(_:limit:)``).
  private(set) var longestPlainKey: Int?
  /// The first Character of every language name that is not plain (`Русский`, `中文`).
  private var otherLanguageNameStarts: Set<Character> = []
  /// For every scalar value below U+0700, whether it is plain and, as a Character, in
  /// `otherLanguageNameStarts`: a truncated key's first scalar is plain, and looking it up here
  /// makes no Character and hashes nothing.
  private var plainStartsOtherName: [Bool] = []

  init(_ file: DataFiles.Boilerplate) throws(ExtractionError) {
    func key(_ text: String) throws(ExtractionError) -> LineKey {
      let folded = LineKey(text)
      guard !folded.scalars.isEmpty else {
        throw .badEntry(file: "boilerplate.json", entry: text, reason: "the pattern holds no word")
      }
      return folded
    }
    for text in file.dropLineEquals { dropEquals.append(try key(text)) }
    for text in file.dropLineStartsWith { dropPrefixes.append(try key(text)) }
    for text in file.translationNotices { translationNotices.append(try key(text)) }
    for text in file.originalLinkPrefixes { originalLinkPrefixes.append(try key(text)) }
    for text in file.languageNames { languageNames.append(try key(text)) }
    let keys = dropEquals + dropPrefixes + translationNotices + originalLinkPrefixes
    if keys.allSatisfy(\.isPlain) { longestPlainKey = keys.map(\.scalars.count).max() ?? 0 }
    for name in languageNames where !name.isPlain {
      if let first = name.text.first { otherLanguageNameStarts.insert(first) }
    }
    let starts = otherLanguageNameStarts
    plainStartsOtherName = (0..<UInt32(0x0700)).map { value in
      guard PlainScalars.contains(value), let scalar = Unicode.Scalar(value) else { return false }
      return starts.contains(Character(scalar))
    }
  }

  /// Whether a line whose key starts with `key` (truncated, plain) may be a language switcher,
  /// which starts with a language name and a space. No when no name can start it: a plain name
  /// must be its first scalars and then a space; any other name's first Character must equal
  /// the key's first scalar (a plain scalar is a Character of its own).
  func mayStartLanguageSwitcher(_ key: LineKey) -> Bool {
    guard let first = key.scalars.first.flatMap(Unicode.Scalar.init) else { return false }
    let value = first.value
    if value < plainStartsOtherName.count && PlainScalars.contains(value)
      ? plainStartsOtherName[Int(value)] : otherLanguageNameStarts.contains(Character(first))
    {
      return true
    }
    return languageNames.contains { name in
      name.isPlain && key.scalars.count > name.scalars.count && name.scalars.first == value
        && key.scalars.starts(with: name.scalars) && key.scalars[name.scalars.count] == 0x20
    }
  }

}

/// A line's comparison key — its folded words joined by single spaces — as scalar values.
/// Keys of plain scalars (``PlainScalars``: each its own `Character`, already NFC) compare by
/// scalars; any other key compares as a String, as keys always did.
struct LineKey: Sendable {
  /// The key's scalar values.
  let scalars: [UInt32]
  /// Whether every scalar is plain.
  let isPlain: Bool
  /// Whether the key stops after `limit + 1` scalars, short of the line's end.
  let isTruncated: Bool

  /// The key of a line: the same words ``FoldedText`` would make tokens of.
  ///
  /// With a `limit`, only the first `limit + 1` scalars: when those are plain, they are
  /// `limit + 1` Characters of their own, so against a plain key of at most `limit` scalars
  /// ``hasPrefix(_:)`` answers as the whole key's would and ``equals(_:)`` is false, whatever
  /// follows. A body's paragraphs are far longer than any boilerplate rule.
  init(_ line: some StringProtocol, limit: Int? = nil) {
    guard let limit, limit < 1024 else {
      var builder = Builder(room: limit.map { $0 + 1 } ?? Int.max, scalars: [UInt32]())
      builder.scalars.reserveCapacity(Swift.min(line.utf8.count, builder.room))
      LineKey.fold(line, into: &builder)
      (scalars, isPlain, isTruncated) = (builder.scalars, builder.isPlain, builder.isTruncated)
      return
    }
    // A bounded key holds at most one scalar past its room (a word's, after a separating
    // space): it is made on the stack, without a check per scalar of the array's room and
    // uniqueness, and copied out once.
    (scalars, isPlain, isTruncated) = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: limit + 2) {
      // The capacity is at least 2, so there is an address.
      var builder = Builder(room: limit + 1, scalars: BoundedScalars(base: $0.baseAddress.unsafelyUnwrapped))
      LineKey.fold(line, into: &builder)
      let kept = UnsafeBufferPointer(start: builder.scalars.base, count: builder.scalars.count)
      return (Array(kept), builder.isPlain, builder.isTruncated)
    }
  }

  /// Folds the line's scalars into `builder` until it is full, and drops a separating space
  /// that took the last room.
  private static func fold<Scalars>(_ line: some StringProtocol, into builder: inout Builder<Scalars>) {
    // Decoded from the UTF-8 in place where it is contiguous, as `FoldedText.scalars(of:)` is.
    let done: Void? = line.utf8.withContiguousStorageIfAvailable { utf8 in
      var i = 0
      while i < utf8.count, !builder.isTruncated { builder.add(FoldedText.decodeScalar(utf8, at: &i)) }
    }
    if done == nil {
      for scalar in line.unicodeScalars {
        builder.add(scalar)
        if builder.isTruncated { break }
      }
    }
    // A separating space may have been the last scalar there was room for.
    if builder.isTruncated, builder.scalars.count > builder.room {
      builder.scalars.removeLast(builder.scalars.count - builder.room)
    }
  }

  /// A key being made, scalar by scalar of the line.
  private struct Builder<Scalars: KeyScalars> {
    let room: Int
    var scalars: Scalars
    var isPlain = true
    var isTruncated = false
    var buffer: [Unicode.Scalar] = []
    var last: FoldedText.Kind = .other

    init(room: Int, scalars: Scalars) {
      self.room = room
      self.scalars = scalars
    }

    /// Folds a scalar of the line into the key.
    @inline(__always)
    mutating func add(_ scalar: Unicode.Scalar) {
      if let single = ScalarFolding.single(scalar) {
        if let folded = single { addFolded(folded) }
      } else {
        buffer.removeAll(keepingCapacity: true)
        ScalarFolding.fold(scalar, into: &buffer)
        for folded in buffer { addFolded(folded) }
      }
    }

    @inline(__always)
    private mutating func addFolded(_ folded: Unicode.Scalar) {
      let kind = FoldedText.kind(folded)
      defer { last = kind }
      guard kind != .other else { return }
      guard scalars.count < room else {
        isTruncated = true
        return
      }
      if kind != last, scalars.count > 0 { scalars.append(0x20) }
      scalars.append(folded.value)
      if isPlain, !PlainScalars.contains(folded.value) { isPlain = false }
      // A separating space took the last room: the word's scalar is one past it.
      if scalars.count > room { isTruncated = true }
    }
  }

  /// The key as a String.
  var text: String {
    var text = ""
    text.unicodeScalars.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
    return text
  }

  /// Whether the key is empty.
  var isEmpty: Bool { scalars.isEmpty }

  /// Whether the keys are equal as Strings.
  func equals(_ other: LineKey) -> Bool {
    isPlain && other.isPlain ? scalars == other.scalars : text == other.text
  }

  /// Whether the key starts with `prefix` as a String does (`hasPrefix`).
  func hasPrefix(_ prefix: LineKey) -> Bool {
    guard isPlain && prefix.isPlain else { return text.hasPrefix(prefix.text) }
    return scalars.count >= prefix.scalars.count
      && scalars[..<prefix.scalars.count].elementsEqual(prefix.scalars)
  }
}

/// Where a ``LineKey`` is made: an array, or a bounded buffer.
private protocol KeyScalars {
  var count: Int { get }
  mutating func append(_ value: UInt32)
  mutating func removeLast(_ k: Int)
}

extension Array: KeyScalars where Element == UInt32 {}

/// Scalars written to memory with room for all of them (a bounded key's).
private struct BoundedScalars: KeyScalars {
  let base: UnsafeMutablePointer<UInt32>
  var count = 0

  @inline(__always)
  mutating func append(_ value: UInt32) {
    base[count] = value
    count += 1
  }

  mutating func removeLast(_ k: Int) { count -= k }
}
