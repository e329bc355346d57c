import Archive
import ArgumentParser
import Domain
import JSONForm

extension Communique {
  struct Correct: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Append a correction of a meeting, a count point or a document.",
      discussion: """
        TARGET is a meeting id (cifg-12, or a merged meeting's former id such as \
        cifg-2019-11-19), a count point (count/cifg/2019-11-20/attendees; KIND is members, \
        members_and_observers, attendees or countries_and_organizations; members/GROUP/DATE \
        names the members series, else the date's only series) or a document (sha256:..., \
        with or without sha256:, a unique prefix of 8+ hex digits, or a seq). Several --set in \
        one call make one event. An empty value clears the field. The target, each field and \
        each value are checked against the archive; anything wrong is refused and nothing \
        is appended. --revert SEQ appends the inverse of the correction at SEQ.

        Meeting fields: group ordinal start end city country virtual chairs themes
        Count fields: value qualifier (exact, over, about, under)
        Document fields: published language translation, and the meeting fields

        Examples:
          communique correct cifg-12 --set city=Luxembourg --reason "per the host"
          communique correct members/cifg/2019-11-20 --set value=56 --reason "per list"
          communique correct --revert 41 --reason "the original was right"
        """
    )

    @ParentCommand var root: Communique

    @Argument(help: "The meeting, count point or document to correct.")
    var target: String?

    @Option(
      name: .customLong("set"), help: ArgumentHelp("A field and its new value.", valueName: "FIELD=VALUE"))
    var assignments: [String] = []

    @Option(help: "Why the record is corrected (required).")
    var reason: String

    @Option(help: "The valid-time date from which the correction holds (YYYY-MM-DD).")
    var effective: String?

    @Option(help: "Who makes the correction.")
    var author: String?

    @Option(help: ArgumentHelp("Append the inverse of the correction at this seq.", valueName: "SEQ"))
    var revert: UInt64?

    @Flag(help: "Print the appended event as JSON.")
    var json = false

    func validate() throws {
      if revert != nil {
        guard target == nil, assignments.isEmpty, effective == nil else {
          throw ValidationError("--revert takes no TARGET, --set or --effective")
        }
      } else {
        guard target != nil else { throw ValidationError("give a TARGET (or --revert SEQ)") }
        guard !assignments.isEmpty else { throw ValidationError("give at least one --set FIELD=VALUE") }
      }
      if let effective, CalendarDate(iso: effective) == nil {
        throw ValidationError("--effective \(effective) is not a YYYY-MM-DD date")
      }
      for a in assignments where !a.contains("=") {
        throw ValidationError("--set \(a): expected FIELD=VALUE")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: false)
      let outcome = try Archive.run { () throws(ArchiveError) in
        if let revert { return try archive.revertCorrection(revert, reason: reason, author: author) }
        let changes = assignments.map { a in
          let parts = a.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
          return FieldChange(field: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : nil)
        }
        let correction = FactCorrected(
          target: target ?? "", changes: changes, reason: reason, author: author,
          effective: effective.flatMap { CalendarDate(iso: $0) })
        return try archive.applyCorrection(correction)
      }
      Terminal.report(appended: outcome.recorded, json: json, already: !outcome.appended)
    }
  }
}

extension Terminal {
  /// Reports an appended event: `appended seq N: summary`, or the event as JSON. With
  /// `already`, nothing was appended: seq N made the same correction, and the line says so
  /// (`"appended":false` in JSON).
  static func report(appended recorded: RecordedEvent, json: Bool, already: Bool = false) {
    if !already { committed("appended seq \(recorded.seq): \(recorded.event.type.name)") }
    if json {
      var fields: [(String, JSONValue)] = [
        ("seq", .int(Int(recorded.seq))), ("type", .string(recorded.event.type.name)),
        ("recordedAt", .string(recorded.recordedAt.description)), ("data", recorded.event.json),
      ]
      if already { fields.append(("appended", .bool(false))) }
      return print(json: .object(fields))
    }
    if already {
      return line(
        "nothing appended: seq \(recorded.seq) already made this correction: "
          + "\(recorded.event.type.name) " + safe(recorded.event.summary))
    }
    line("appended seq \(recorded.seq): \(recorded.event.type.name) " + safe(recorded.event.summary))
  }
}
