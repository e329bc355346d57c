import Domain
import Foundation
import JSONForm

/// Runs a program from the package root to its end and collects what it printed.
/// `environment` is added to this process's own (an empty value removes a variable);
/// `stdin` is what it reads, else nothing.
func execute(
  _ executable: String, _ args: [String], environment: [String: String] = [:], stdin: Data? = nil
) throws -> Run {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = args
  process.currentDirectoryURL = root
  process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    .filter { !$0.value.isEmpty }
  let out = Pipe()
  let err = Pipe()
  let input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = stdin == nil ? FileHandle.nullDevice : input
  try process.run()
  if let stdin {
    input.fileHandleForWriting.write(stdin)
    try input.fileHandleForWriting.close()
  }
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(
    status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
    stderr: String(decoding: e, as: UTF8.self))
}

/// Runs a script of tools/ with Debian's python3 (the one with python3-lmdb).
func python(_ script: String, _ args: [String]) throws -> Run {
  try execute("/usr/bin/python3", [root.appendingPathComponent("tools/" + script).path] + args)
}

/// Starts `communique --archive ARCHIVE ARGS…` without waiting; its output goes nowhere.
func startCommunique(_ archive: String, _ args: [String]) throws -> Process {
  let process = Process()
  process.executableURL = binary
  process.arguments = ["--archive", archive] + args
  process.currentDirectoryURL = root
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  process.standardInput = FileHandle.nullDevice
  try process.run()
  return process
}

/// Writes a synthetic corpus with tools/make-corpus.py: `files` feeds of `items` distinct
/// items, serials from `first`; returns the number of items.
func makeCorpus(_ directory: String, files: Int, items: Int, first: Int = 1, seed: Int = 1) throws -> Int {
  let run = try python(
    "make-corpus.py",
    [directory, "--files", "\(files)", "--items", "\(items)", "--first", "\(first)", "--seed", "\(seed)"])
  guard run.status == 0, let count = Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
    throw CorpusError(message: run.stderr)
  }
  return count
}

/// tools/make-corpus.py failed.
struct CorpusError: Error {
  var message: String
}

/// The number of events `log --json` lists.
func eventCount(_ archive: String) throws -> Int? {
  let log = try communique(archive, ["log", "--json"])
  return try JSONParser.parse(log.stdout)["events"]?.arrayValue?.count
}

/// A fresh temporary directory path (not created).
func temporaryPath(_ name: String) -> String {
  NSTemporaryDirectory() + "communique-\(name)-" + UUID().uuidString
}
