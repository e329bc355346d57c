import Archive
import ArgumentParser
import Foundation

extension Communique {
  struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write an Ed25519 key pair for signing checkpoints: PREFIX.key and PREFIX.pub.",
      discussion: """
        Each file is one base64 line of the raw 32-byte key after a comment line. The \
        private key is written readable by its owner only; existing files are never \
        overwritten. Publish PREFIX.pub so readers can check signed checkpoints.

        Examples:
          communique keygen --out archive-key
        """
    )

    @Option(help: "Where to write: PREFIX.key (private) and PREFIX.pub (public).")
    var out: String

    func run() throws {
      let privatePath = out + ".key"
      let publicPath = out + ".pub"
      for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
        Terminal.error("\(path) exists; refusing to overwrite a key")
        throw ExitCode(64)
      }
      let pair = SigningKeys.generate()
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
    }
  }
}
