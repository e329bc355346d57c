import Foundation
import Testing

/// The README's tour is real output: tools/check-readme runs every console block on the
/// fixtures with this build and fails on any difference (`--update` rewrites the blocks).
@Suite struct ReadmeTourTests {
  @Test func everyConsoleBlockOfTheReadmeMatchesWhatTheCommandsPrint() throws {
    let run = try execute(
      "/usr/bin/python3", [root.appendingPathComponent("tools/check-readme").path, "--binary", binary.path])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("blocks match real output"), "\(run.stdout)")
  }

  @Test func aDriftedBlockIsReportedAndUpdateRewritesIt() throws {
    let readme = temporaryPath("readme") + ".md"
    defer { try? FileManager.default.removeItem(atPath: readme) }
    let text = """
      # tour
      ```console
      $ communique ingest Fixtures/seed
      stale
      ```

      <!-- check-readme: output of `communique timeline`; shown up to the first line matching /^MEETING/ -->
      ```console
      stale
      ```

      """
    try text.write(toFile: readme, atomically: true, encoding: .utf8)
    let script = root.appendingPathComponent("tools/check-readme").path
    let check = try execute("/usr/bin/python3", [script, "--binary", binary.path, "--readme", readme])
    #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
    #expect(check.stdout.contains("2 of 2 blocks differ"), "\(check.stdout)")
    let update = try execute(
      "/usr/bin/python3", [script, "--binary", binary.path, "--readme", readme, "--update"])
    #expect(update.status == 0, "\(update.stderr)")
    let rewritten = try String(contentsOfFile: readme, encoding: .utf8)
    #expect(rewritten.contains("$ communique ingest Fixtures/seed\ningested: "), "\(rewritten)")
    #expect(rewritten.contains("-->\n```console\nMEETING"), "\(rewritten)")
    let again = try execute("/usr/bin/python3", [script, "--binary", binary.path, "--readme", readme])
    #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
  }
}
