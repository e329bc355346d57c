import Domain
import Extraction
import Feeds
import Foundation

// Extraction's side of tools/bench: read, parse and extract every file of a corpus on one
// thread, as ingest does for each input, without the archive.
//
// Usage: communique-bench extract CORPUS_DIR [REPEAT]
// Prints: documents bytes seconds extract_seconds
//   documents and bytes are per pass; seconds is the CPU time of one pass (read + parse +
//   document + facts), extract_seconds that of document + facts alone; with REPEAT > 1,
//   the best pass. Language data is loaded before timing.

enum ExtractBench {
  /// Runs the benchmark on the arguments after `extract`; returns the exit code.
  static func run(_ arguments: [String]) -> Int32 {
    guard (1...2).contains(arguments.count), let passes = arguments.count == 2 ? Int(arguments[1]) : 1,
      passes > 0
    else {
      try? FileHandle.standardError.write(
        contentsOf: Data("usage: communique-bench extract CORPUS_DIR [REPEAT]\n".utf8))
      return 64
    }
    let extractor: Extractor
    do {
      extractor = try Extractor()
    } catch {
      try? FileHandle.standardError.write(contentsOf: Data("communique-bench: \(error)\n".utf8))
      return 70
    }
    let files = corpusFiles(arguments[0])
    guard !files.isEmpty else {
      try? FileHandle.standardError.write(
        contentsOf: Data("communique-bench: no input files in \(arguments[0])\n".utf8))
      return 66
    }
    var best: (seconds: Double, extract: Double) = (.infinity, .infinity)
    var documents = 0
    var bytes = 0
    var checksum = 0
    for _ in 0..<passes {
      documents = 0
      bytes = 0
      var extract = 0.0
      let start = cpuSeconds()
      for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        bytes += data.count
        let reading = InputReader.read(Array(data), source: file)
        let extractStart = cpuSeconds()
        for item in reading.items {
          let document = extractor.document(from: item)
          let facts = extractor.facts(in: document)
          documents += 1
          checksum &+= document.text.utf8.count &+ facts.counts.count &+ facts.themes.count
        }
        extract += cpuSeconds() - extractStart
      }
      let seconds = cpuSeconds() - start
      if seconds < best.seconds { best = (seconds, extract) }
    }
    // The checksum keeps the work observable; it is not part of the output.
    if checksum == -1 { print("") }
    print(String(format: "%d %d %.4f %.4f", documents, bytes, best.seconds, best.extract))
    return 0
  }

  /// The regular files under `path`, sorted (or `path` itself when it is a file).
  private static func corpusFiles(_ path: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { return [path] }
    let enumerator = FileManager.default.enumerator(atPath: path)
    var files: [String] = []
    while let relative = enumerator?.nextObject() as? String {
      let full = (path as NSString).appendingPathComponent(relative)
      var directory: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &directory), !directory.boolValue {
        files.append(full)
      }
    }
    return files.sorted()
  }

  /// This thread's CPU time so far (the benchmark is single-threaded).
  private static func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
