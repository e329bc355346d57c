import Archive
import ArgumentParser
import Foundation

extension Communique {
  struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write an Ed25519 key pair for signing checkpoints: PREFIX.key and PREFIX.pub.",
      discussion: """
        Each file is one base64 line of the raw 32-byte key after comment lines, one of \
        them the key's name. The private key is written readable by its owner only; \
        existing files are never overwritten. Prints the C2SP verifier key \
        (NAME+KEYID+BASE64) on stdout: publish it, or PREFIX.pub, so readers can check \
        signed checkpoints, with Communique or any transparency-log tool.

        Examples:
          communique keygen --out archive-key
          communique keygen --out keys/cifg --name example.org/cifg-archive
        """
    )

    @Option(help: "Where to write: PREFIX.key (private) and PREFIX.pub (public).")
    var out: String

    @Option(help: "The key's name in signed checkpoints (no spaces or '+'; default: PREFIX's file name).")
    var name: String?

    func validate() throws {
      if !SignedNote.isValidName(keyName) {
        throw ValidationError(
          "key name '\(keyName)': a key name is one word with no spaces or '+'; give --name")
      }
    }

    /// The key name: --name, else the last component of PREFIX.
    var keyName: String { name ?? (out as NSString).lastPathComponent }

    func run() throws {
      let privatePath = out + ".key"
      let publicPath = out + ".pub"
      for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
        Terminal.error("\(path) exists; refusing to overwrite a key")
        throw ExitCode(64)
      }
      let pair = SigningKeys.generate(name: keyName)
      let fm = FileManager.default
      guard
        fm.createFile(
          atPath: privatePath, contents: Data(pair.privateKey.utf8), attributes: [.posixPermissions: 0o600]),
        fm.createFile(
          atPath: publicPath, contents: Data(pair.publicKey.utf8), attributes: [.posixPermissions: 0o644])
      else {
        Terminal.error("\(out): cannot write the key files")
        throw ExitCode(74)
      }
      Terminal.note("wrote \(privatePath) (private: keep it secret) and \(publicPath) (public)")
      let key = try Archive.run { () throws(ArchiveError) in try SigningKeys.verifierKey(publicPath) }
      Terminal.line(key.verifierKey)
    }
  }
}
