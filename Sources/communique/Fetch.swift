import Archive
import ArgumentParser
import Domain
import Fetch
import Following
import Foundation

extension Communique {
  struct FetchFeeds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fetch",
      abstract: "Fetch the followed feeds that are due, and ingest what is new.",
      discussion: """
        Each feed is asked with its validators (If-None-Match, If-Modified-Since); a 304 only \
        updates its state, a 200 is kept as a capture (the body as received, stored once) and \
        its documents are ingested, pointing at it. Failures back off exponentially with \
        jitter (429 and 503 wait for Retry-After, for that feed only) and are never given \
        up: `follow --list` shows each feed's last error and next due time. A permanent \
        redirect moves the subscription, and says so.

        With --watch, fetches again as feeds fall due until SIGINT or SIGTERM; a stop keeps \
        every result fetched so far and writes nothing by halves. Exit 0 when the cycle ran \
        (failed feeds are reported and retried on their schedule), 74 when the archive could \
        not be written.

        Examples:
          communique fetch
          communique fetch --force --json
          communique fetch --watch --interval 30m
        """
    )

    @ParentCommand var root: Communique

    @Flag(help: "Fetch every feed now, due or not.")
    var force = false

    @Flag(help: "Keep fetching as feeds fall due, until stopped (SIGINT, SIGTERM).")
    var watch = false

    @Option(help: "How often a healthy feed is fetched (30m, 1h, 90s; default 1h).")
    var interval: String = "1h"

    @Flag(help: "Print one JSON document per cycle on stdout.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
      guard let seconds = FetchInterval.seconds(interval), seconds >= 1 else {
        throw ValidationError("--interval '\(interval)' is not a duration like 30m, 1h or 90s")
      }
    }

    func run() async throws {
      let archive = try root.location.open(readOnly: false)
      let seconds = FetchInterval.seconds(interval) ?? 3600
      let schedule = FetchSchedule(interval: .seconds(seconds))
      let watching = watch
      let (force, json, quiet) = (self.force, self.json, self.quiet)
      let work = Task {
        try await FeedFetcher.with(schedule: schedule) { fetcher in
          let follower = FeedFollower(archive: archive, fetcher: fetcher)
          let onFeed: (FeedReport) -> Void = { feed in
            if json { return }
            if !quiet {
              Terminal.line(FetchText.line(feed))
            } else if feed.failed {
              // --quiet still says what failed, on stderr, where cron mails it from.
              Terminal.note(FetchText.line(feed))
            }
          }
          let onCycle: (CycleReport) -> Void = { report in
            if json { return Terminal.print(json: report.json) }
            if !quiet { Terminal.line(FetchText.summary(report)) }
          }
          if watching {
            try await follower.watch(
              force: force, interval: .seconds(seconds), onFeed: onFeed, onCycle: onCycle)
          } else {
            onCycle(try await follower.cycle(force: force, now: FeedFetcher.systemClock(), onFeed: onFeed))
          }
        }
      }
      let stop = StopSignals { _ in work.cancel() }
      defer { stop.cancel() }
      do {
        try await work.value
      } catch let error as ArchiveError {
        Terminal.error(error.description)
        throw ExitCode(error.exitCode)
      }
      if work.isCancelled {
        Terminal.note("stopped: every result fetched so far is kept; feeds not reached are still due")
      }
    }
  }
}

/// SIGINT and SIGTERM, caught while a fetch or an ingest runs, to stop it cleanly; `stop`
/// gets the signal's number.
final class StopSignals {
  private let sources: [any DispatchSourceSignal]

  init(_ stop: @escaping @Sendable (Int32) -> Void) {
    sources = [SIGINT, SIGTERM].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { stop(number) }
      source.resume()
      return source
    }
  }

  func cancel() {
    for source in sources { source.cancel() }
  }
}
