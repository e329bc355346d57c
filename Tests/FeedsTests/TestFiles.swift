import Foundation

/// Finds the repository's fixtures and the shared folder beside the clone, through symlinks.
enum TestFiles {
  /// The directory holding `Fixtures/` (the repository root), found by walking up from this file.
  static let repositoryRoot: URL? = {
    var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    while directory.path != "/" {
      if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Fixtures").path) {
        return directory
      }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }()

  /// `../shared` beside the repository, when present (CI puts it there).
  static let shared: URL? = {
    guard let root = repositoryRoot else { return nil }
    let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
  }()

  /// The bytes of a file under `Fixtures/`.
  static func fixture(_ path: String) throws -> [UInt8] {
    guard let root = repositoryRoot else { throw MissingFixture(path: path) }
    return try bytes(root.appendingPathComponent("Fixtures").appendingPathComponent(path))
  }

  /// The bytes of a file.
  static func bytes(_ url: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url))
  }

  /// A fixture that could not be located.
  struct MissingFixture: Error {
    /// The path asked for.
    var path: String
  }
}
