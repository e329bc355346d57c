/// Sizes as people write and read them: `64M`, `512K`, `1G` in, `32 MiB`, `1.5 MiB` out.
package enum ByteSize {
  /// Parses a number of bytes with an optional binary unit (`K`, `M`, `G`, with or without
  /// `iB`/`B`, any case): `64M` is 64 MiB. Nil for anything else, zero, or an overflow.
  package static func parse(_ text: String) -> Int? {
    let lower = text.lowercased()
    let digits = lower.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let number = Int(digits) else { return nil }
    let shift: Int
    switch lower.dropFirst(digits.count) {
    case "", "b": shift = 0
    case "k", "kb", "kib": shift = 10
    case "m", "mb", "mib": shift = 20
    case "g", "gb", "gib": shift = 30
    default: return nil
    }
    let (bytes, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
    return overflow || bytes == 0 ? nil : bytes
  }

  /// `812 bytes`, `12 KiB`, `1.5 MiB`, `32 MiB`, `2 GiB`: one decimal below 10 of a unit.
  package static func text(_ bytes: Int) -> String {
    let units = ["KiB", "MiB", "GiB", "TiB"]
    guard bytes >= 1024 else { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
    var value = Double(bytes) / 1024
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    let tenths = Int((value * 10).rounded())
    if tenths < 100 && tenths % 10 != 0 { return "\(tenths / 10).\(tenths % 10) \(units[unit])" }
    return "\(Int(value.rounded())) \(units[unit])"
  }
}
