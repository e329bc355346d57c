import Crypto
import Domain
import Foundation
import Merkle

/// A tree head as a C2SP `tlog-checkpoint` (c2sp.org/tlog-checkpoint), signed as a C2SP
/// signed note: what `checkpoint` prints, read by transparency-log verifiers.
///
///     communique.example/archive
///     10
///     <base64 root hash>
///     time 2026-05-01T12:00:00.000000Z
///     subtree 0 8 <64 hex>
///     subtree 8 2 <64 hex>
///
///     — archive-key <base64 key ID and signature>
///
/// The first three lines are the spec's (origin, tree size, root hash). The `time` and
/// `subtree` lines are extension lines, which the spec allows and tells verifiers to treat
/// as opaque; they keep what the older ``TreeHead`` text carried, so `verify --against`
/// still names where an archive stopped matching. Without signatures it is the bare body.
public struct CheckpointNote: Hashable, Sendable {
  /// The log's name: the first line.
  public var origin: String
  /// Size, root, time and subtrees (its own `signature` is unused: nil).
  public var head: TreeHead
  /// The note's signature lines (empty: an unsigned checkpoint body).
  public var signatures: [SignedNote.Signature]

  /// An unsigned checkpoint of `head` under `origin`.
  public init(origin: String, head: TreeHead) {
    self.origin = origin
    self.head = head
    self.head.signature = nil
    self.signatures = []
  }

  /// Whether `origin` can be a checkpoint's first line here: not empty, no spaces, no "+"
  /// (the key-name rule, so that the origin can also name the key).
  public static func isValidOrigin(_ origin: String) -> Bool { SignedNote.isValidName(origin) }

  /// The signed text: origin, size, base64 root, then the time and subtree extension lines.
  public var body: String {
    var lines = [origin, "\(head.size)", Data(head.root).base64EncodedString(), "time \(head.time)"]
    lines += head.subtrees.map { "subtree \($0.start) \($0.size) \(Hex.encode($0.hash))" }
    return lines.map { $0 + "\n" }.joined()
  }

  /// The whole text: the signed note, or the bare body when unsigned.
  public var text: String {
    signatures.isEmpty ? body : SignedNote(text: body, signatures: signatures).whole
  }

  /// This checkpoint with a signature by `key` under the key name `name` added.
  public func signed(with key: Curve25519.Signing.PrivateKey, name: String) throws -> CheckpointNote {
    var out = self
    out.signatures = try SignedNote(text: body, signatures: signatures).signed(with: key, name: name)
      .signatures
    return out
  }

  /// Whether `text` looks like this form rather than the older tree head or JSON.
  public static func isCheckpointText(_ text: String) -> Bool {
    !text.hasPrefix(TreeHead.header) && !text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{")
  }

  /// Reads a checkpoint (signed note, or bare body); `source` names the input in errors.
  public init(parsing text: String, source: String) throws(ArchiveError) {
    func bad(_ problem: String) -> ArchiveError { .badInput(source: source, problem: problem) }
    let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
    var bodyText = normalized
    var signatures: [SignedNote.Signature] = []
    // A bare body has no blank line; signature lines without one are a broken note.
    if normalized.contains("\n\n") || normalized.contains("\n\u{2014} ") {
      let note = try SignedNote(parsing: normalized, bad: bad)
      bodyText = note.text
      signatures = note.signatures
    }
    guard bodyText.hasSuffix("\n") else {
      throw bad("the checkpoint's last line does not end with a newline")
    }
    let lines = bodyText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    guard lines.count >= 3 else { throw bad("a checkpoint has an origin, a tree size and a root hash line") }
    let origin = String(lines[0])
    guard !origin.isEmpty else { throw bad("line 1: the origin is empty") }
    let sizeText = lines[1]
    guard let size = UInt64(sizeText), sizeText.allSatisfy(\.isASCII), sizeText == "\(size)" else {
      throw bad("line 2: the tree size is not a decimal number")
    }
    guard let rootData = Data(base64Encoded: String(lines[2])), rootData.count == 32 else {
      throw bad("line 3: the root hash is not 32 bytes in base64")
    }
    var time: Timestamp?
    var subtrees: [Subtree] = []
    for (index, line) in lines.enumerated().dropFirst(3) {
      let at = "line \(index + 1)"
      guard !line.isEmpty else { throw bad("\(at): an empty extension line") }
      let words = line.split(separator: " ")
      switch words.first {
      case "time":
        guard time == nil, words.count == 2, let value = Timestamp(iso: String(words[1])) else {
          throw bad("\(at): expected one 'time TIMESTAMP' line")
        }
        time = value
      case "subtree":
        guard words.count == 4, let start = UInt64(words[1]), let count = UInt64(words[2]),
          let hash = Hex.decode(words[3]), hash.count == 32
        else { throw bad("\(at): expected 'subtree START SIZE HASH'") }
        subtrees.append(Subtree(start: start, size: count, hash: hash))
      default:
        continue  // Extension lines are opaque: others' are not ours to refuse.
      }
    }
    guard let time else { throw bad("no 'time TIMESTAMP' extension line: not a checkpoint Communique wrote") }
    self.origin = origin
    self.head = TreeHead(size: size, root: Array(rootData), time: time, subtrees: subtrees)
    self.signatures = signatures
    guard head.isSelfConsistent else {
      throw bad("its subtrees do not tile \(size) events and hash to its root; not a whole checkpoint")
    }
  }

  /// What is wrong with the signatures, or nil; appends what was checked to `checks`.
  ///
  /// A signed note names its key by a 4-byte ID only, so without `trusted` the signature
  /// is not checked (and `checks` says so): only a key the reader holds proves who signed.
  public func signatureProblem(trusted: VerifierKey?, checks: inout [String]) -> String? {
    guard !signatures.isEmpty else {
      if trusted != nil { return "the checkpoint is not signed, and --key asks for its signature" }
      checks.append("the checkpoint is not signed (nothing to check)")
      return nil
    }
    guard let trusted else {
      let names = signatures.map { "\($0.name) (key ID \(Hex.encode($0.keyID)))" }.joined(separator: ", ")
      checks.append("the checkpoint is signed by \(names); not checked: pass --key to check it")
      return nil
    }
    let note = SignedNote(text: body, signatures: signatures)
    if let problem = note.problem(verifyingWith: trusted.publicKey, name: trusted.name) {
      return "the checkpoint's signature: \(problem)"
    }
    checks.append("signature valid for the given key (\(trusted.verifierKey))")
    return nil
  }
}
