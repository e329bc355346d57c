import Crypto
import Foundation

/// Ed25519 key files for signing tree heads: one base64 line of the raw 32-byte key, after
/// `#` comment lines, so that any language reads them in a few lines (docs/PROOFS.md).
public enum SigningKeys {
  /// The text of a new key pair's files: (private, public).
  public static func generate() -> (privateKey: String, publicKey: String) {
    let key = Curve25519.Signing.PrivateKey()
    return (
      "# communique ed25519 private key: the raw 32-byte seed, base64. Keep it secret.\n"
        + key.rawRepresentation.base64EncodedString() + "\n",
      publicText(key.publicKey)
    )
  }

  /// The text of a public key file.
  public static func publicText(_ key: Curve25519.Signing.PublicKey) -> String {
    "# communique ed25519 public key: raw 32 bytes, base64.\n" + key.rawRepresentation.base64EncodedString()
      + "\n"
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

  private static func rawKey(at path: String, what: String) throws(ArchiveError) -> [UInt8] {
    guard FileManager.default.fileExists(atPath: path) else { throw .missingInput(path) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .badInput(source: path, problem: "cannot be read (permission denied?)")
    }
    let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    guard lines.count == 1, let raw = Data(base64Encoded: lines[0]), raw.count == 32 else {
      throw .badInput(source: path, problem: "not an Ed25519 \(what) key file (one base64 line of 32 bytes)")
    }
    return Array(raw)
  }
}
