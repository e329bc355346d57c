import Archive
import ArgumentParser
import Foundation

extension Communique {
  struct Follow: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Follow feeds: add, change, list and remove subscriptions; OPML in and out.",
      discussion: """
        Subscribing, changing and removing are events in the log; each feed's fetch state \
        (validators, last success and error, next due) is kept beside it. `communique fetch` \
        fetches the feeds that are due. Following a feed again with other options changes it; \
        with the same options, nothing is appended.

        Examples:
          communique follow https://example.org/feed --group cifg --language ar
          communique follow --list
          communique follow --list --json
          communique follow --remove https://example.org/feed
          communique follow --import-opml feeds.opml
          communique follow --export-opml feeds.opml
        """
    )

    @ParentCommand var root: Communique

    @Argument(help: "The feed's URL (http or https); with --import-opml or --export-opml, the file.")
    var target: String?

    @Option(help: "The group the feed's documents are about (a slug: coalition, cifg...).")
    var group: String?

    @Option(help: "The language of the feed's documents: en or ar.")
    var language: String?

    @Flag(help: "List the feeds followed, with their fetch state.")
    var list = false

    @Flag(help: "Stop following the URL given.")
    var remove = false

    @Flag(name: .customLong("import-opml"), help: "Follow every feed of the OPML file given.")
    var importOPML = false

    @Flag(
      name: .customLong("export-opml"),
      help: "Write the feeds followed as OPML 2.0 to the file given, else stdout.")
    var exportOPML = false

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    func validate() throws {
      let modes = [list, remove, importOPML, exportOPML].filter { $0 }.count
      if modes > 1 {
        throw ValidationError("--list, --remove, --import-opml and --export-opml exclude each other")
      }
      if modes == 0 && target == nil { throw ValidationError("give a URL to follow, or --list") }
      if (list || exportOPML) && (group != nil || language != nil) || (remove || importOPML) && group != nil
        || (remove || importOPML) && language != nil
      {
        throw ValidationError("--group and --language go with a URL to follow")
      }
      if list && target != nil { throw ValidationError("--list takes no argument") }
      if (remove || importOPML) && target == nil {
        throw ValidationError(
          remove ? "--remove needs the URL to stop following" : "--import-opml needs a file")
      }
    }

    func run() throws {
      if list || exportOPML {
        let archive = try root.location.open(readOnly: true)
        if list { return try printList(archive) }
        let document = try Archive.run { () throws(ArchiveError) in try archive.exportOPML() }
        guard let target else { return Terminal.out(Array(document.utf8)) }
        try Archive.run { () throws(ArchiveError) in try Archive.writeFile(Array(document.utf8), to: target) }
        return
      }
      let archive = try root.location.open(readOnly: false)
      guard let target else { return }
      if remove {
        let seq = try Archive.run { () throws(ArchiveError) in try archive.unfollow(target) }
        Terminal.committed("appended seq \(seq)")
        return Terminal.line("unfollowed \(Terminal.safe(target)) (seq \(seq))")
      }
      if importOPML {
        let report = try Archive.run { () throws(ArchiveError) in try archive.importOPML(fromFile: target) }
        if !report.added.isEmpty || !report.changed.isEmpty {
          Terminal.committed("followed \(report.added.count)")
        }
        for (outline, reason) in report.skipped { Terminal.note("skipped \(outline): \(reason)") }
        return Terminal.line(
          "\(report.added.count) added, \(report.changed.count) changed, \(report.unchanged.count) unchanged, "
            + "\(report.skipped.count) skipped")
      }
      let outcome = try Archive.run { () throws(ArchiveError) in
        try archive.follow(target, group: group, language: language)
      }
      switch outcome {
      case .added(let seq):
        Terminal.committed("appended seq \(seq)")
        Terminal.line("following \(Terminal.safe(target)) (seq \(seq))")
      case .changed(let seq):
        Terminal.committed("appended seq \(seq)")
        Terminal.line("changed \(Terminal.safe(target)) (seq \(seq))")
      case .unchanged:
        Terminal.line("already following \(Terminal.safe(target)) with these options")
      }
    }

    func printList(_ archive: Archive) throws {
      let feeds = try Archive.run { () throws(ArchiveError) in try archive.subscriptions() }
      if json { return Terminal.print(json: .object([("feeds", .array(feeds.map(\.json)))])) }
      guard !feeds.isEmpty else { return Terminal.line("no feeds followed") }
      let rows = feeds.map { feed in
        let s = feed.state
        return [
          feed.subscription.url, feed.subscription.group ?? "-", feed.subscription.language ?? "-",
          s.lastSuccess.map(\.description) ?? "never",
          s.lastError.map { error in s.lastStatus.map { "HTTP \($0): \(error)" } ?? error } ?? "-",
          [s.etag.map { "ETag \($0)" }, s.lastModified.map { "Last-Modified \($0)" }].compactMap { $0 }
            .joined(separator: ", "),
          s.nextDue.map(\.description) ?? "now",
        ]
      }
      Terminal.line(
        Terminal.table(
          ["URL", "GROUP", "LANG", "LAST SUCCESS", "LAST ERROR", "VALIDATORS", "NEXT DUE"], rows,
          yielding: [4, 5]))
    }
  }
}
