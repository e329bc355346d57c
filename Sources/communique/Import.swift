import Archive
import ArgumentParser
import Domain
import Foundation
import JSONForm

extension Communique {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read an NDJSON export into a new, empty archive, checking every hash.",
      discussion: """
        All or nothing: a line that does not continue the chain stops the import and \
        nothing is kept. The input is read a line at a time; a line longer than the limit \
        (16 MiB unless --max-line-bytes or COMMUNIQUE_IMPORT_MAX_LINE_BYTES says otherwise) \
        is refused with its number. Standard input is first copied to a temporary file.

        Examples:
          communique --archive restored import archive.ndjson
          communique export | communique --archive copy import -
          communique --archive copy import --max-line-bytes 67108864 big.ndjson
        """
    )

    /// The environment variable that sets the line limit when the option is not given.
    static let lineLimitVariable = "COMMUNIQUE_IMPORT_MAX_LINE_BYTES"

    @ParentCommand var root: Communique

    @Argument(help: "An NDJSON file, or - for standard input.")
    var file: String

    @Option(
      help: ArgumentHelp(
        "The longest line taken, in bytes (default 16777216, or $COMMUNIQUE_IMPORT_MAX_LINE_BYTES).",
        valueName: "BYTES"))
    var maxLineBytes: Int?

    func validate() throws {
      if let maxLineBytes, maxLineBytes < 1 { throw ValidationError("--max-line-bytes must be at least 1") }
    }

    /// The line limit: the option, else the environment variable, else the default.
    func lineLimit() throws -> Int {
      if let maxLineBytes { return maxLineBytes }
      guard let text = ProcessInfo.processInfo.environment[Self.lineLimitVariable] else {
        return Archive.defaultMaxImportLineBytes
      }
      guard let value = Int(text), value >= 1 else {
        Terminal.error("\(Self.lineLimitVariable)=\(text) is not a number of bytes of at least 1")
        throw ExitCode(64)
      }
      return value
    }

    func run() throws {
      let limit = try lineLimit()
      var path = file
      var spooled: String?
      defer { if let spooled { try? FileManager.default.removeItem(atPath: spooled) } }
      if file == "-" {
        // Copied a chunk at a time, so that the import can read it again from the start (a
        // write that grows the map runs again) without holding it in memory.
        let temporary = NSTemporaryDirectory() + "communique-import-" + UUID().uuidString + ".ndjson"
        spooled = temporary
        do {
          try Self.copy(FileHandle.standardInput, to: temporary)
        } catch {
          Terminal.error("standard input: cannot be read: \(ErrorText.describe(error))")
          throw ExitCode(74)
        }
        path = temporary
      } else {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
          Terminal.error("\(file): no such file or directory")
          throw ExitCode(66)
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: file) else {
          Terminal.error("\(file): cannot be read")
          throw ExitCode(66)
        }
      }
      // An import is all or nothing: one that fails leaves no archive it created either.
      let created = !FileManager.default.fileExists(atPath: root.location.path)
      let count: Int
      do {
        let archive = try root.location.open(readOnly: false)
        count = try Archive.run { () throws(ArchiveError) in
          try archive.importEvents(fromFile: path, source: file, maxLineBytes: limit)
        }
      } catch {
        if created { try? FileManager.default.removeItem(atPath: root.location.path) }
        throw error
      }
      Terminal.note("imported \(count) events into \(root.location.path)")
    }

    /// Copies `input` to a new file at `path`, a MiB at a time.
    static func copy(_ input: FileHandle, to path: String) throws {
      guard FileManager.default.createFile(atPath: path, contents: nil),
        let output = FileHandle(forWritingAtPath: path)
      else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
      }
      defer { try? output.close() }
      while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
        try output.write(contentsOf: chunk)
      }
    }
  }
}
