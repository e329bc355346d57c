import Crypto
import Domain
import Foundation
import Testing

@testable import Archive

@Suite struct SignedNoteTests {
  /// The example of golang.org/x/mod/sumdb/note (its package documentation): key, text and
  /// the note Go prints. Ed25519 is deterministic, so the same seed must sign to the same bytes.
  static let goSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
  static let goVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
  static let goText =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
  static let goNote =
    goText
    + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

  func bad(_ problem: String) -> ArchiveError { .badInput(source: "note", problem: problem) }

  @Test func signingGoesExampleGivesGoesKeyIDVerifierKeyAndNoteByteForByte() throws {
    let seed = try #require(Data(base64Encoded: String(Self.goSigner.split(separator: "+", maxSplits: 4)[4])))
    #expect(seed.first == SignedNote.ed25519)
    let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed.dropFirst())
    let publicKey = Array(key.publicKey.rawRepresentation)
    #expect(Hex.encode(SignedNote.keyID(name: "PeterNeumann", publicKey: publicKey)) == "c74f20a3")
    #expect(SignedNote.verifierKey(name: "PeterNeumann", publicKey: publicKey) == Self.goVerifier)
    let note = try SignedNote(text: Self.goText).signed(with: key, name: "PeterNeumann")
    #expect(note.whole == Self.goNote)
  }

  @Test func goesNoteParsesAndVerifiesWithItsVerifierKeyOnly() throws {
    let note = try SignedNote(parsing: Self.goNote, bad: bad)
    #expect(note.text == Self.goText)
    let trusted = try SigningKeys.verifierKey(Self.goVerifier)
    #expect(trusted.name == "PeterNeumann")
    #expect(note.problem(verifyingWith: trusted.publicKey, name: trusted.name) == nil)
    let other = Curve25519.Signing.PrivateKey().publicKey
    #expect(
      note.problem(verifyingWith: other, name: nil)?.contains("no signature line has the given key's ID")
        == true)
    var altered = note
    altered.text = altered.text.replacingOccurrences(of: "problem,", with: "problem;")
    #expect(altered.problem(verifyingWith: trusted.publicKey, name: nil)?.contains("does not verify") == true)
  }

  /// A verifier key of transparency-dev/formats' tests whose base64 holds a '+'.
  @Test func aVerifierKeyWhoseBase64HoldsAPlusReads() throws {
    let key = try SigningKeys.verifierKey("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6")
    #expect(key.name == "TEST")
    #expect(key.verifierKey == "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6")
  }

  @Test func aVerifierKeyWhoseIDDoesNotMatchItsNameAndKeyIsRefused() {
    #expect {
      _ = try SigningKeys.verifierKey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
    } throws: { error in
      (error as? ArchiveError)?.exitCode == 65 && "\(error)".contains("is not the one its name and key give")
    }
  }

  @Test func malformedNotesAreBadInputNamingTheProblem() {
    let cases: [(String, String)] = [
      (Self.goText + "\u{2014} PeterNeumann AAAAAAAAAA==\n", "no blank line"),
      (Self.goText + "\n\u{2014} PeterNeumann %%%not-base64%%%\n", "not base64"),
      (Self.goText + "\n\u{2014} PeterNeumann AAAA\n", "not base64 of a 4-byte key ID"),
      (Self.goText + "\n- PeterNeumann AAAAAAAAAA==\n", "starts with '\u{2014} '"),
      (Self.goText + "\n\n", "no signature lines"),
      (String(Self.goNote.dropLast()), "ends with a newline"),
    ]
    for (text, problem) in cases {
      #expect {
        _ = try SignedNote(parsing: text, bad: bad)
      } throws: { error in
        (error as? ArchiveError)?.exitCode == 65 && "\(error)".hasPrefix("note: ")
          && "\(error)".contains(problem)
      }
    }
  }
}
