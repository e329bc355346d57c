import Foundation

/// Folds one Unicode scalar to its matching form (reference/arabic.md): case, alef forms,
/// digits, marks, format characters and punctuation variants, so patterns need one spelling.
/// The extractor's patterns and the search index (text and queries) fold alike through it.
package enum ScalarFolding {
  /// The folded form of `scalar` when it is at most one scalar (`.some(nil)`: dropped), or nil
  /// when it takes the decomposition of ``fold(_:into:)``. ASCII and Arabic letters, nearly all
  /// of a statement, end here.
  @inline(__always)
  package static func single(_ scalar: Unicode.Scalar) -> Unicode.Scalar?? {
    let value = scalar.value
    if value < 0x80 { return asciiLower(scalar) }
    if value < UInt32(singleTable.count) {
      let entry = singleTable[Int(value)]
      if entry == notSingle { return nil }
      if entry == dropped { return .some(nil) }
      return .some(Unicode.Scalar(entry))
    }
    return computedSingle(scalar)
  }

  /// ``single(_:)`` without the table.
  package static func computedSingle(_ scalar: Unicode.Scalar) -> Unicode.Scalar?? {
    let value = scalar.value
    if value < 0x80 { return asciiLower(scalar) }
    if let simple = simpleFold(value) { return simple }
    if (0x0621...0x064A).contains(value) || (0x0674...0x06D3).contains(value) { return scalar }
    return nil
  }

  /// ``computedSingle(_:)`` of every scalar below U+0700 (Latin and Arabic, where nearly all
  /// non-ASCII scalars of a statement are): the folded value, or `dropped`, or `notSingle`.
  private static let singleTable: [UInt32] = (0..<0x0700).map { value in
    guard let scalar = Unicode.Scalar(UInt32(value)) else { return notSingle }
    switch computedSingle(scalar) {
    case .none: return notSingle
    case .some(.none): return dropped
    case .some(.some(let folded)): return folded.value
    }
  }
  private static let notSingle: UInt32 = .max
  private static let dropped: UInt32 = .max - 1

  /// Appends the folded form of `scalar` (zero, one or more scalars) to `out`.
  package static func fold(_ scalar: Unicode.Scalar, into out: inout [Unicode.Scalar]) {
    if let single = single(scalar) {
      if let folded = single { out.append(folded) }
      return
    }
    // Everything else: compatibility decomposition (presentation forms, ligatures, accents),
    // marks dropped, then the simple folds once more.
    let decomposed = String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars
    for part in decomposed {
      if part.properties.generalCategory == .nonspacingMark { continue }
      if part.value < 0x80 {
        out.append(asciiLower(part))
      } else if let simple = simpleFold(part.value) {
        if let folded = simple { out.append(folded) }
      } else {
        for lower in part.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
      }
    }
  }

  private static func asciiLower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    let value = scalar.value
    if (0x41...0x5A).contains(value), let lower = Unicode.Scalar(value + 0x20) { return lower }
    if value == 0x09 || value == 0x0D { return " " }
    return scalar
  }

  /// The fixed folds: `.some(nil)` drops the scalar, `.some(x)` replaces it, nil means "not fixed".
  private static func simpleFold(_ value: UInt32) -> Unicode.Scalar?? {
    switch value {
    // Format characters, tatweel and Arabic marks carry no letters.
    case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0x00AD, 0x0640,
      0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x066C:
      return .some(nil)
    case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
    case 0x2028, 0x2029, 0x0085: return "\n"
    case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: return "\u{0627}"
    case 0x06CC, 0x0649: return "\u{064A}"
    case 0x0629: return "\u{0647}"
    case 0x0660...0x0669: return Unicode.Scalar(value - 0x0660 + 0x30)
    case 0x06F0...0x06F9: return Unicode.Scalar(value - 0x06F0 + 0x30)
    case 0x060C: return ","
    case 0x061B: return ";"
    case 0x061F: return "?"
    case 0x066A: return "%"
    case 0x066B: return "."
    case 0x2018, 0x2019, 0x201A: return "'"
    case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB, 0x2039, 0x203A:
      return "\""
    case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return "-"
    default: return nil
    }
  }
}
