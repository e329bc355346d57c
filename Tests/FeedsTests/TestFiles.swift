import Foundation

/// Finds the repository's fixtures, through symlinks.
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

  /// The `Fixtures/` directory (a path that fails to read when the root was not found).
  static let fixtures: URL = (repositoryRoot ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent(
    "Fixtures")

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
