import Archive
import ArgumentParser
import Domain
import Foundation

extension Communique {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read an NDJSON export into a new, empty archive, checking every hash.",
      discussion: """
        All or nothing: a line that does not continue the chain stops the import and \
        nothing is kept.

        Examples:
          communique --archive restored import archive.ndjson
          communique export | communique --archive copy import -
        """
    )

    @ParentCommand var root: Communique

    @Argument(help: "An NDJSON file, or - for standard input.")
    var file: String

    func run() throws {
      let data: Data
      if file == "-" {
        do {
          data = try FileHandle.standardInput.readToEnd() ?? Data()
        } catch {
          Terminal.error("standard input: cannot be read: \(error.localizedDescription)")
          throw ExitCode(74)
        }
      } else {
        guard FileManager.default.fileExists(atPath: file) else {
          Terminal.error("\(file): no such file or directory")
          throw ExitCode(66)
        }
        guard let read = FileManager.default.contents(atPath: file) else {
          Terminal.error("\(file): cannot be read")
          throw ExitCode(66)
        }
        data = read
      }
      guard let text = String(data: data, encoding: .utf8) else {
        Terminal.error("\(file): not UTF-8 text")
        throw ExitCode(65)
      }
      // An import is all or nothing: one that fails leaves no archive it created either.
      let created = !FileManager.default.fileExists(atPath: root.location.path)
      let count: Int
      do {
        let archive = try root.location.open(readOnly: false)
        count = try Archive.run { () throws(ArchiveError) in
          try archive.importEvents(NDJSON.lines(text), source: file)
        }
      } catch {
        if created { try? FileManager.default.removeItem(atPath: root.location.path) }
        throw error
      }
      Terminal.note("imported \(count) events into \(root.location.path)")
    }
  }
}
