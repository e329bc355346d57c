/// How an input's character encoding was decided: what it declared, what it was read as,
/// and why, so that a mislabelled feed is noted rather than archived as mojibake.
///
/// A document records it (``Document/encoding``) when it says more than "UTF-8, as declared
/// or by default" (``isRecorded``).
public struct EncodingDecision: Sendable, Hashable {
  /// Why the input was read as ``encoding``.
  public enum Basis: String, Sendable, CaseIterable {
    /// It declared nothing (no BOM, declaration or meta): UTF-8, XML's default.
    case `default`
    /// Its BOM, XML declaration or `<meta charset>` named it.
    case declared
    /// It declared a single-byte encoding, but its bytes are valid UTF-8 with multi-byte
    /// sequences: a mislabelled UTF-8 file, read as UTF-8.
    case detected
    /// The caller named it (`ingest --encoding NAME`), whatever the input declares.
    case overridden
    /// The HTTP `Content-Type` charset of the response it came in named it: over the XML
    /// declaration and `<meta>`, under a BOM (RFC 7303 §3, as feedparser and browsers do).
    case http
  }

  /// The encoding the bytes were read as (`UTF-8`, `windows-1256`).
  public var encoding: String
  /// Why.
  public var basis: Basis
  /// What the input declared, when it declared something other than ``encoding``.
  public var declared: String?

  /// Creates a decision.
  public init(encoding: String, basis: Basis, declared: String? = nil) {
    self.encoding = encoding
    self.basis = basis
    self.declared = declared
  }

  /// A note for people when the input's own label was not followed, else nil:
  /// `declares ISO-8859-1, but its bytes are UTF-8: read as UTF-8`.
  public var note: String? {
    switch basis {
    case .detected: "declares \(declared ?? "?"), but its bytes are UTF-8: read as UTF-8"
    case .overridden where declared != nil: "declares \(declared ?? "?"), read as \(encoding) (--encoding)"
    default: nil
    }
  }

  /// Whether a document read so records it: anything but UTF-8 read as declared or by
  /// default, which is what a document without a decision was read as.
  public var isRecorded: Bool { !(encoding == "UTF-8" && (basis == .default || basis == .declared)) }
}

extension EncodingDecision.Basis {
  /// The byte that stands for this basis in payloads (docs/FORMAT.md, **encoding**).
  public var storedByte: UInt8 {
    switch self {
    case .default: 0
    case .declared: 1
    case .detected: 2
    case .overridden: 3
    case .http: 4
    }
  }

  /// The basis a stored byte stands for, or nil for a byte no writer produces.
  public init?(storedByte: UInt8) {
    guard let basis = Self.allCases.first(where: { $0.storedByte == storedByte }) else { return nil }
    self = basis
  }
}
