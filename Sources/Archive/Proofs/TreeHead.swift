import Crypto
import Domain
import Foundation
import JSONForm
import Merkle

/// A Merkle tree head of the archive: how many events, their root hash, when it was taken,
/// and the complete subtrees that tile it; optionally signed with Ed25519.
///
/// Written as text (what `checkpoint` prints and `verify --against` reads):
///
///     communique tree head v1
///     size 10
///     root <64 hex>
///     time 2026-05-01T12:00:00.000000Z
///     subtree 0 8 <64 hex>
///     subtree 8 2 <64 hex>
///
///     signature ed25519 <base64 public key> <base64 signature>
///
/// The signature covers the lines above the blank line, each ending in a newline (the
/// ``body``). The subtrees fold to the root, so they are bound by it; they let `verify`
/// say where an archive stopped matching the head. docs/PROOFS.md describes it for readers.
public struct TreeHead: Hashable, Sendable {
  /// Events covered: the tree's leaves are events 1 through `size`.
  public var size: UInt64
  /// The RFC 6962 root hash of those events.
  public var root: [UInt8]
  /// When the head was taken.
  public var time: Timestamp
  /// The complete subtrees tiling the tree, largest first.
  public var subtrees: [Subtree]
  /// The Ed25519 signature over ``body``, if signed.
  public var signature: Signature?

  /// An Ed25519 signature and the public key that made it.
  public struct Signature: Hashable, Sendable {
    /// The signer's raw 32-byte public key.
    public var publicKey: [UInt8]
    /// The raw 64-byte signature.
    public var value: [UInt8]
  }

  /// The first line, naming the format.
  public static let header = "communique tree head v1"

  /// A head given whole (unsigned).
  public init(size: UInt64, root: [UInt8], time: Timestamp, subtrees: [Subtree]) {
    self.size = size
    self.root = root
    self.time = time
    self.subtrees = subtrees
  }

  /// The signed bytes: the header, size, root, time and subtree lines, each ending in "\n".
  public var body: String {
    var lines = [TreeHead.header, "size \(size)", "root \(Hex.encode(root))", "time \(time)"]
    lines += subtrees.map { "subtree \($0.start) \($0.size) \(Hex.encode($0.hash))" }
    return lines.map { $0 + "\n" }.joined()
  }

  /// The whole text: the body, then a blank line and the signature line when signed.
  public var text: String {
    guard let signature else { return body }
    return body + "\nsignature ed25519 \(Data(signature.publicKey).base64EncodedString()) "
      + "\(Data(signature.value).base64EncodedString())\n"
  }

  /// `{"format","size","root","time","subtrees":[{"start","size","hash"}],"signature":{…}|null}`.
  public var json: JSONValue {
    .object([
      ("format", .string(TreeHead.header)),
      ("size", .int(Int(size))),
      ("root", .string(Hex.encode(root))),
      ("time", .string(time.description)),
      (
        "subtrees",
        .array(
          subtrees.map {
            .object([
              ("start", .int(Int($0.start))), ("size", .int(Int($0.size))),
              ("hash", .string(Hex.encode($0.hash))),
            ])
          })
      ),
      (
        "signature",
        signature.map {
          .object([
            ("algorithm", .string("ed25519")),
            ("publicKey", .string(Data($0.publicKey).base64EncodedString())),
            ("value", .string(Data($0.value).base64EncodedString())),
          ])
        } ?? .null
      ),
    ])
  }

  /// This head signed with `key` (any earlier signature replaced).
  public func signed(with key: Curve25519.Signing.PrivateKey) throws -> TreeHead {
    var out = self
    out.signature = nil
    let value = try key.signature(for: Data(body.utf8))
    out.signature = Signature(publicKey: Array(key.publicKey.rawRepresentation), value: Array(value))
    return out
  }

  /// Whether the signature verifies with the key it names (false when unsigned).
  public var signatureIsValid: Bool {
    guard let signature,
      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: signature.publicKey)
    else { return false }
    return key.isValidSignature(Data(signature.value), for: Data(body.utf8))
  }

  /// Whether the subtrees are the tiling of `size` and fold to `root`: the head is whole.
  public var isSelfConsistent: Bool {
    var expected: UInt64 = 0
    for subtree in subtrees {
      let remaining = size - expected
      guard remaining > 0, subtree.size == 1 << UInt64(63 - remaining.leadingZeroBitCount),
        subtree.start == expected
      else { return false }
      expected += subtree.size
    }
    return expected == size && MerkleTree<MemoryTree>.root(of: subtrees) == root
  }

  /// Reads a tree head from its text or its JSON; `source` names the input in errors.
  public init(parsing text: String, source: String) throws(ArchiveError) {
    func bad(_ problem: String) -> ArchiveError { .badInput(source: source, problem: problem) }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.hasPrefix("{") {
      self = try TreeHead.fromJSON(trimmed, bad: bad)
    } else {
      self = try TreeHead.fromText(text, bad: bad)
    }
    guard isSelfConsistent else {
      throw bad("its subtrees do not tile \(size) events and hash to its root; not a whole tree head")
    }
  }

  private static func digest(_ text: some StringProtocol, _ what: String, bad: (String) -> ArchiveError)
    throws(ArchiveError) -> [UInt8]
  {
    guard let bytes = Hex.decode(text), bytes.count == 32 else { throw bad("\(what) is not 64 hex digits") }
    return bytes
  }

  private static func base64(
    _ text: some StringProtocol, count: Int, _ what: String, bad: (String) -> ArchiveError
  )
    throws(ArchiveError) -> [UInt8]
  {
    guard let data = Data(base64Encoded: String(text)), data.count == count else {
      throw bad("\(what) is not \(count) bytes in base64")
    }
    return Array(data)
  }

  private static func fromText(_ text: String, bad: (String) -> ArchiveError) throws(ArchiveError) -> TreeHead
  {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    guard lines.first == Substring(header) else {
      throw bad("not a tree head: the first line is not '\(header)'")
    }
    var fields: [String: Substring] = [:]
    var subtrees: [Subtree] = []
    var signature: Signature?
    var inBody = true
    for (number, line) in lines.enumerated().dropFirst() {
      let words = line.split(separator: " ")
      if line.isEmpty {
        inBody = false
        continue
      }
      let at = "line \(number + 1)"
      if !inBody {
        guard words.count == 4, words[0] == "signature", words[1] == "ed25519" else {
          throw bad("\(at): expected 'signature ed25519 KEY SIGNATURE'")
        }
        signature = Signature(
          publicKey: try base64(words[2], count: 32, "\(at): the public key", bad: bad),
          value: try base64(words[3], count: 64, "\(at): the signature", bad: bad))
        continue
      }
      switch words.first {
      case "subtree":
        guard words.count == 4, let start = UInt64(words[1]), let size = UInt64(words[2]) else {
          throw bad("\(at): expected 'subtree START SIZE HASH'")
        }
        subtrees.append(
          Subtree(start: start, size: size, hash: try digest(words[3], "\(at): hash", bad: bad)))
      case "size", "root", "time":
        guard words.count == 2, let key = words.first, fields[String(key)] == nil else {
          throw bad("\(at): expected one '\(words.first ?? "") VALUE' line")
        }
        fields[String(key)] = words[1]
      default:
        throw bad("\(at): unknown line '\(line.prefix(40))'")
      }
    }
    guard let sizeText = fields["size"], let size = UInt64(sizeText) else { throw bad("no 'size N' line") }
    guard let rootText = fields["root"] else { throw bad("no 'root HEX' line") }
    guard let timeText = fields["time"], let time = Timestamp(iso: String(timeText)) else {
      throw bad("no 'time TIMESTAMP' line")
    }
    var head = TreeHead(
      size: size, root: try digest(rootText, "root", bad: bad), time: time, subtrees: subtrees)
    head.signature = signature
    return head
  }

  private static func fromJSON(_ text: String, bad: (String) -> ArchiveError) throws(ArchiveError) -> TreeHead
  {
    do {
      let json = JSONReader(try JSONParser.parse(text), path: "checkpoint")
      guard try json.field("format").string() == header else { throw bad("format is not '\(header)'") }
      let size = try json.field("size").int()
      guard size >= 0, let time = Timestamp(iso: try json.field("time").string()) else {
        throw bad("size or time is not valid")
      }
      var subtrees: [Subtree] = []
      for item in try json.field("subtrees").array() {
        let start = try item.field("start").int()
        let count = try item.field("size").int()
        guard start >= 0, count > 0 else { throw bad("a subtree's start or size is not valid") }
        subtrees.append(
          Subtree(
            start: UInt64(start), size: UInt64(count),
            hash: try digest(try item.field("hash").string(), "a subtree hash", bad: bad)))
      }
      var head = TreeHead(
        size: UInt64(size), root: try digest(try json.field("root").string(), "root", bad: bad), time: time,
        subtrees: subtrees)
      if let signed = json.value["signature"], !signed.isNull {
        let reader = JSONReader(signed, path: "signature")
        guard try reader.field("algorithm").string() == "ed25519" else {
          throw bad("the signature's algorithm is not ed25519")
        }
        head.signature = Signature(
          publicKey: try base64(
            try reader.field("publicKey").string(), count: 32, "the public key", bad: bad),
          value: try base64(try reader.field("value").string(), count: 64, "the signature", bad: bad))
      }
      return head
    } catch let error as ArchiveError {
      throw error
    } catch {
      throw bad("\(error)")
    }
  }
}
