/// The HTML5 named character references, looked up by name.
///
/// XML declares only five entities, yet real feeds write `&hellip;`, `&nbsp;`, `&eacute;`:
/// the readers resolve every HTML5 name so that no text is lost.
enum HTMLEntities {
  /// Name as written after `&` (with `;`, or without for legacy names) → its UTF-8 bytes.
  static let table: [String: [UInt8]] = {
    var table: [String: [UInt8]] = [:]
    table.reserveCapacity(2300)
    for entry in htmlEntityData.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      guard let equals = entry.firstIndex(of: "=") else { continue }
      let name = String(entry[entry.startIndex..<equals])
      var bytes: [UInt8] = []
      for hex in entry[entry.index(after: equals)...].split(separator: ".") {
        if let code = UInt32(hex, radix: 16) { Transcoder.appendUTF8(code, to: &bytes) }
      }
      table[name] = bytes
    }
    return table
  }()

  /// The UTF-8 bytes a name (`hellip;`, or bare `eacute`) stands for, if it is an HTML5 name.
  static func bytes(for name: String) -> [UInt8]? { table[name] }
}
