import Crypto
import Domain
import Foundation

/// Ed25519 key files for signing tree heads: one base64 line of the raw 32-byte key, after
/// `#` comment lines, so that any language reads them in a few lines (docs/PROOFS.md).
public enum SigningKeys {
  /// The text of a new key pair's files, `name` (the signed-note key name) recorded in
  /// both: (private, public).
  public static func generate(name: String) -> (privateKey: String, publicKey: String) {
    let key = Curve25519.Signing.PrivateKey()
    return (
      "# communique ed25519 private key: the raw 32-byte seed, base64. Keep it secret.\n"
        + "\(namePrefix)\(name)\n" + key.rawRepresentation.base64EncodedString() + "\n",
      publicText(key.publicKey, name: name)
    )
  }

  /// The text of a public key file.
  public static func publicText(_ key: Curve25519.Signing.PublicKey, name: String) -> String {
    "# communique ed25519 public key: raw 32 bytes, base64.\n" + "\(namePrefix)\(name)\n"
      + key.rawRepresentation.base64EncodedString() + "\n"
  }

  /// The comment line naming the key: a comment, so files read as before.
  static let namePrefix = "# key name: "

  /// The key name a key file records, else its file name less `.key`/`.pub` (keys made
  /// before names were recorded).
  public static func keyName(at path: String) throws(ArchiveError) -> String {
    let text = try contents(at: path)
    let named = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix(namePrefix) }
    let name =
      named.map { $0.dropFirst(namePrefix.count).trimmingCharacters(in: .whitespaces) }
      ?? (((path as NSString).lastPathComponent as NSString).deletingPathExtension)
    guard SignedNote.isValidName(name) else {
      throw .badInput(source: path, problem: "'\(name)' cannot name a key (empty, or has a space or a '+')")
    }
    return name
  }

  /// The key that must have signed a checkpoint: a public key file (from `keygen`), or a
  /// verifier key string `NAME+KEYID+BASE64` as transparency-log tools print them.
  public static func verifierKey(_ argument: String) throws(ArchiveError) -> VerifierKey {
    if FileManager.default.fileExists(atPath: argument) || !argument.contains("+") {
      let key = try publicKey(at: argument)
      let name = try contents(at: argument).contains(namePrefix) ? keyName(at: argument) : nil
      return VerifierKey(name: name, publicKey: key)
    }
    let parts = argument.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
    func bad(_ problem: String) -> ArchiveError { .badInput(source: "--key", problem: problem) }
    guard parts.count == 3, SignedNote.isValidName(parts[0]), let id = Hex.decode(parts[1]), id.count == 4,
      let raw = Data(base64Encoded: String(parts[2])), raw.count == 33, raw.first == SignedNote.ed25519,
      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw.dropFirst())
    else { throw bad("not a key file nor an Ed25519 verifier key 'NAME+KEYID+BASE64'") }
    guard SignedNote.keyID(name: String(parts[0]), publicKey: Array(raw.dropFirst())) == id else {
      throw bad("the verifier key's ID \(parts[1]) is not the one its name and key give")
    }
    return VerifierKey(name: String(parts[0]), publicKey: key)
  }

  /// Reads a private key file.
  public static func privateKey(at path: String) throws(ArchiveError) -> Curve25519.Signing.PrivateKey {
    let raw = try rawKey(at: path, what: "private")
    do { return try Curve25519.Signing.PrivateKey(rawRepresentation: raw) } catch {
      throw .badInput(source: path, problem: "not an Ed25519 private key: \(error)")
    }
  }

  /// Reads a public key file.
  public static func publicKey(at path: String) throws(ArchiveError) -> Curve25519.Signing.PublicKey {
    let raw = try rawKey(at: path, what: "public")
    do { return try Curve25519.Signing.PublicKey(rawRepresentation: raw) } catch {
      throw .badInput(source: path, problem: "not an Ed25519 public key: \(error)")
    }
  }

  private static func contents(at path: String) throws(ArchiveError) -> String {
    guard FileManager.default.fileExists(atPath: path) else { throw .missingInput(path) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .badInput(source: path, problem: "cannot be read (permission denied?)")
    }
    return String(decoding: data, as: UTF8.self)
  }

  private static func rawKey(at path: String, what: String) throws(ArchiveError) -> [UInt8] {
    let lines = try contents(at: path).split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    guard lines.count == 1, let raw = Data(base64Encoded: lines[0]), raw.count == 32 else {
      throw .badInput(source: path, problem: "not an Ed25519 \(what) key file (one base64 line of 32 bytes)")
    }
    return Array(raw)
  }
}

/// A public key a reader trusts to have signed a checkpoint, with its key name when known.
public struct VerifierKey {
  /// The signed-note key name (nil: a key file from before names were recorded; then any
  /// signature line whose key ID this key gives under that line's name is its).
  public var name: String?
  /// The Ed25519 public key.
  public var publicKey: Curve25519.Signing.PublicKey

  /// A key and its name.
  public init(name: String?, publicKey: Curve25519.Signing.PublicKey) {
    self.name = name
    self.publicKey = publicKey
  }

  /// The verifier key string (`NAME+KEYID+BASE64`), or the base64 key when unnamed.
  public var verifierKey: String {
    let raw = Array(publicKey.rawRepresentation)
    guard let name else { return Data(raw).base64EncodedString() }
    return SignedNote.verifierKey(name: name, publicKey: raw)
  }
}
