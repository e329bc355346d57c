import Crypto
import Domain
import Foundation

/// A C2SP signed note (c2sp.org/signed-note): a text, a blank line, then one line per
/// signature, `— NAME BASE64(KEY ID ‖ SIGNATURE)`.
///
/// Why this form: it is what transparency-log tools (Go's `golang.org/x/mod/sumdb/note`,
/// witnesses, tlog clients) read, so a checkpoint in it is checked without Communique. Only
/// Ed25519 signatures (type 0x01) are made and checked; other lines are kept and ignored,
/// as the spec asks of verifiers.
public struct SignedNote: Hashable, Sendable {
  /// The signed text: every byte up to the blank line, ending in "\n".
  public var text: String
  /// The signature lines, in order.
  public var signatures: [Signature]

  /// One signature line.
  public struct Signature: Hashable, Sendable {
    /// The signer's key name.
    public var name: String
    /// The first 4 bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key).
    public var keyID: [UInt8]
    /// The signature bytes after the key ID (64 for Ed25519).
    public var value: [UInt8]

    /// `— NAME BASE64\n`.
    public var line: String {
      "\u{2014} \(name) \(Data(keyID + value).base64EncodedString())\n"
    }
  }

  /// The signature type byte of Ed25519 in key IDs and verifier keys.
  public static let ed25519: UInt8 = 0x01

  /// A note of `text` (ending in "\n") with `signatures`.
  public init(text: String, signatures: [Signature] = []) {
    self.text = text
    self.signatures = signatures
  }

  /// The key ID of an Ed25519 key of that name: SHA-256(name ‖ "\n" ‖ 0x01 ‖ key)[0..<4].
  public static func keyID(name: String, publicKey: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(data: Array(name.utf8) + [0x0A, ed25519] + publicKey).prefix(4))
  }

  /// The verifier key string other tools take: `NAME+HEX KEY ID+BASE64(0x01 ‖ key)`.
  public static func verifierKey(name: String, publicKey: [UInt8]) -> String {
    "\(name)+\(Hex.encode(keyID(name: name, publicKey: publicKey)))+"
      + Data([ed25519] + publicKey).base64EncodedString()
  }

  /// Whether `name` can name a key: not empty, no spaces, no "+" (the spec's rule).
  public static func isValidName(_ name: some StringProtocol) -> Bool {
    !name.isEmpty && !name.contains { $0.isWhitespace || $0.isNewline || $0 == "+" }
  }

  /// The whole note: the text, a blank line, the signature lines.
  public var whole: String { text + "\n" + signatures.map(\.line).joined() }

  /// This note with an Ed25519 signature by `key` under `name` added.
  public func signed(with key: Curve25519.Signing.PrivateKey, name: String) throws -> SignedNote {
    var out = self
    let value = try key.signature(for: Data(text.utf8))
    out.signatures.append(
      Signature(
        name: name, keyID: SignedNote.keyID(name: name, publicKey: Array(key.publicKey.rawRepresentation)),
        value: Array(value)))
    return out
  }

  /// Reads a signed note; `bad` makes the error for a malformed one (no blank line before the
  /// signatures, a line that is not `— NAME BASE64`, bad base64, no signature).
  public init(parsing whole: String, bad: (String) -> ArchiveError) throws(ArchiveError) {
    guard whole.hasSuffix("\n") else { throw bad("a signed note ends with a newline; this one does not") }
    // The text ends at the last blank line (as Go's note.Open reads it).
    guard let blank = whole.range(of: "\n\n", options: .backwards) else {
      throw bad("no blank line between the checkpoint and its signature lines")
    }
    let text = String(whole[..<blank.lowerBound]) + "\n"
    var signatures: [Signature] = []
    let lines = whole[blank.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
    for (offset, line) in lines.enumerated() {
      let at = "line \(firstLine + offset)"
      guard line.hasPrefix("\u{2014} ") else {
        throw bad("\(at): a signature line starts with '\u{2014} ' (an em dash and a space)")
      }
      let words = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
      guard words.count == 2, SignedNote.isValidName(words[0]) else {
        throw bad("\(at): expected '\u{2014} KEYNAME BASE64'")
      }
      guard let bytes = Data(base64Encoded: String(words[1])), bytes.count > 4 else {
        throw bad("\(at): the signature is not base64 of a 4-byte key ID and a signature")
      }
      signatures.append(
        Signature(name: String(words[0]), keyID: Array(bytes.prefix(4)), value: Array(bytes.dropFirst(4))))
    }
    guard !signatures.isEmpty else { throw bad("no signature lines after the blank line") }
    self.init(text: text, signatures: signatures)
  }

  /// What is wrong with the note's signature by `key` (named `name` when known), or nil
  /// when a signature line by that key verifies over ``text``.
  public func problem(verifyingWith key: Curve25519.Signing.PublicKey, name: String?) -> String? {
    let raw = Array(key.rawRepresentation)
    let mine = signatures.filter {
      (name == nil || $0.name == name) && $0.keyID == SignedNote.keyID(name: $0.name, publicKey: raw)
    }
    guard let signature = mine.first else {
      let names = signatures.map { "\($0.name) (key ID \(Hex.encode($0.keyID)))" }.joined(separator: ", ")
      return "no signature line has the given key's ID; it is signed by \(names)"
    }
    guard signature.value.count == 64, key.isValidSignature(Data(signature.value), for: Data(text.utf8))
    else { return "the signature by \(signature.name) does not verify with the given key" }
    return nil
  }
}
