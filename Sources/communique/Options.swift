import Archive
import ArgumentParser
import Domain
import Foundation
import JSONForm
import Projections

/// Where the archive is: `--archive`, else `$COMMUNIQUE_ARCHIVE`, else `./communique-archive`.
struct ArchiveLocation: ParsableArguments {
  @Option(name: .long, help: "The archive directory (default: $COMMUNIQUE_ARCHIVE or ./communique-archive).")
  var archive: String?

  @Option(
    name: .customLong("lock-timeout"),
    help: "Seconds a write waits for another process's write (default: $COMMUNIQUE_LOCK_TIMEOUT or 30).")
  var lockTimeout: Double?

  func validate() throws {
    if let lockTimeout, !(lockTimeout >= 0) {
      throw ValidationError("--lock-timeout \(lockTimeout) is not a number of seconds")
    }
  }

  var path: String {
    archive ?? ProcessInfo.processInfo.environment["COMMUNIQUE_ARCHIVE"] ?? "communique-archive"
  }

  /// Opens the archive, turning failure into the contract's exit code; with `announcing`
  /// (ingest, unless quiet), creating it says where on stderr, so that a mistyped path does
  /// not go unnoticed.
  func open(readOnly: Bool, announcing: Bool = false) throws -> Archive {
    var options = Archive.Options()
    options.readOnly = readOnly
    if let seconds = lockTimeout
      ?? ProcessInfo.processInfo.environment["COMMUNIQUE_LOCK_TIMEOUT"].flatMap(Double.init)
    {
      options.writeLockTimeout = seconds
    }
    if let themes = ProcessInfo.processInfo.environment["COMMUNIQUE_THEMES"] {
      options.extraThemes = URL(fileURLWithPath: themes)
    }
    let archive = try Archive.run { () throws(ArchiveError) in try Archive(path: path, options: options) }
    if archive.createdOnOpen && announcing {
      Terminal.note("note: created a new archive at \(archive.path)")
    }
    if archive.holdsNothingYet {
      Terminal.note("note: \(archive.path) holds nothing yet (its first write has not finished)")
    }
    if archive.treeBuiltOnOpen > 0 {
      Terminal.note(
        "note: built the Merkle tree over \(archive.treeBuiltOnOpen) events (the archive was written before "
          + "proofs); every append keeps it from now on")
    }
    return archive
  }
}

/// The options every read command takes: the two time axes and `--json`.
struct ReadOptions: ParsableArguments {
  @Option(name: .customLong("as-of"), help: "Valid time: the world as the sources described it on DATE.")
  var asOf: String?

  @Option(name: .customLong("known-at"), help: "Transaction time: what the archive held at SEQ or TIMESTAMP.")
  var knownAt: String?

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  func validate() throws {
    if let asOf, CalendarDate(iso: asOf) == nil {
      throw ValidationError("--as-of \(asOf) is not a YYYY-MM-DD date")
    }
    if let knownAt, KnownAt(knownAt) == nil {
      throw ValidationError("--known-at \(knownAt) is neither a seq nor a timestamp")
    }
  }

  var spec: StateSpec {
    StateSpec(asOf: asOf.flatMap { CalendarDate(iso: $0) }, knownAt: knownAt.flatMap { KnownAt($0) })
  }

  /// The body of the view commands (`timeline`, `members`, `themes`): the view these options
  /// name, read from the archive at `location` opened read-only, printed as JSON with `--json`
  /// and else as text.
  func printView(
    from location: ArchiveLocation, narrowing: ViewNarrowing = ViewNarrowing(),
    json: (ArchiveView) -> JSONValue, text: (ArchiveView) -> String, csv: ((ArchiveView) -> String)? = nil
  ) throws {
    let archive = try location.open(readOnly: true)
    let full = try Archive.run { () throws(ArchiveError) in
      if let note = try archive.noteBeforeFirstEvent(spec.knownAt) { Terminal.note(note) }
      return try archive.view(spec)
    }
    if let group = narrowing.group, !full.groups.contains(group) {
      Terminal.note(
        "note: no meeting or count of group \(group) in this state; groups: \(full.groups.joined(separator: ", "))"
      )
    }
    let view = full.narrowed(narrowing)
    if self.json { return Terminal.print(json: json(view)) }
    if let csv { return Terminal.out(Array(csv(view).utf8)) }
    Terminal.line(text(view))
  }
}

extension Archive {
  /// Runs an archive operation; an ``ArchiveError`` becomes one line on stderr and its exit code.
  static func run<T>(_ body: () throws(ArchiveError) -> T) throws -> T {
    do {
      return try body()
    } catch {
      Terminal.error(error.description)
      throw ExitCode(error.exitCode)
    }
  }
}

/// `--csv`, for the commands whose output is a table.
struct CSVOption: ParsableArguments {
  @Flag(help: "Print the table as CSV (RFC 4180) on stdout, values whole.")
  var csv = false

  /// Refuses `--csv` with `--json`: one output form at a time.
  func check(json: Bool) throws {
    if csv && json { throw ValidationError("--csv and --json: give one of them") }
  }
}

/// `--group`, `--since`, `--until`: the part of a view (or of the log) to show.
struct NarrowingOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Only this group's meetings and counts (cifg, coalition, …).", valueName: "SLUG"))
  var group: String?

  @Option(
    help: ArgumentHelp(
      "Only what falls on or after DATE: meetings and counts by their dates, events by the day recorded.",
      valueName: "DATE"))
  var since: String?

  @Option(help: ArgumentHelp("Only what falls on or before DATE (see --since).", valueName: "DATE"))
  var until: String?

  func validate() throws {
    for (name, value) in [("--since", since), ("--until", until)] {
      if let value, CalendarDate(iso: value) == nil {
        throw ValidationError("\(name) \(value) is not a YYYY-MM-DD date")
      }
    }
    if let since = narrowing.since, let until = narrowing.until, since > until {
      throw ValidationError("--since \(since) is after --until \(until): nothing could fall between")
    }
    if let group, group.isEmpty { throw ValidationError("--group needs a group's slug (cifg, coalition, …)") }
  }

  var narrowing: ViewNarrowing {
    ViewNarrowing(
      group: group, since: since.flatMap { CalendarDate(iso: $0) },
      until: until.flatMap { CalendarDate(iso: $0) })
  }
}

/// `--wide`, for the commands that print tables.
struct WideOption: ParsableArguments {
  @Flag(help: "Tables and sparklines whole, however wide (else they fit $COLUMNS or the terminal).")
  var wide = false

  func validate() throws {
    // Parsing is done and run() is next: the one place every table command passes.
    Terminal.wide = wide
  }
}
