import Domain
import JSONForm

/// `fetch`'s words: one line per feed, a summary per cycle, and their JSON.
package enum FetchText {
  /// `URL: 200, 3 new, 1 duplicate (capture seq 12)`, `URL: not modified`, `URL: failed: …`.
  package static func line(_ feed: FeedReport) -> String {
    var text = feed.url + ": "
    switch feed.outcome {
    case .captured(let status, let seq, let documents):
      text += "HTTP \(status), " + counts(documents)
      if let seq { text += " (capture seq \(seq))" }
    case .notModified:
      text += "not modified"
    case .failed(_, let problem):
      text += "failed: \(problem)"
      if let due = feed.state.nextDue { text += "; next try \(due)" }
    case .notKept(let why):
      text += "fetched but not kept: \(why)"
    }
    if let moved = feed.movedTo { text += "; moved permanently to \(moved), the subscription follows" }
    return text
  }

  /// `fetched 4 of 4 due: 2 captured, 1 not modified, 1 failed; documents: 3 new, 1 duplicate`.
  package static func summary(_ report: CycleReport) -> String {
    var text =
      "fetched \(report.feeds.count) of \(report.due) due: \(report.captured) captured, "
      + "\(report.notModified) not modified, \(report.failed) failed"
    if report.moved > 0 { text += ", \(report.moved) moved" }
    if report.notRun > 0 { text += ", \(report.notRun) not reached (still due)" }
    return text + "; documents: " + counts(report.documents)
  }

  static func counts(_ documents: DocumentCounts) -> String {
    var parts = ["\(documents.new) new", "\(documents.duplicate) duplicate"]
    if documents.revision > 0 { parts.append("\(documents.revision) revision") }
    if documents.rejected > 0 { parts.append("\(documents.rejected) rejected") }
    return parts.joined(separator: ", ")
  }
}

extension CycleReport {
  /// `{"due","notRun","captured","notModified","failed","moved","documents":{…},"feeds":[…]}`.
  package var json: JSONValue {
    .object([
      ("due", .int(due)), ("notRun", .int(notRun)), ("captured", .int(captured)),
      ("notModified", .int(notModified)), ("failed", .int(failed)), ("moved", .int(moved)),
      ("documents", documents.json), ("feeds", .array(feeds.map(\.json))),
    ])
  }
}

extension FeedReport {
  /// One feed: its URL, outcome, HTTP status, capture, documents, error, move and next due.
  package var json: JSONValue {
    var fields: [(String, JSONValue)] = [("url", .string(url))]
    switch outcome {
    case .captured(let status, let seq, let documents):
      fields += [
        ("outcome", .string("captured")), ("status", .int(status)),
        ("captureSeq", seq.map { .int(Int($0)) } ?? .null),
        ("documents", documents.json),
      ]
    case .notModified:
      fields += [("outcome", .string("not-modified")), ("status", .int(304))]
    case .failed(let status, let problem):
      fields += [
        ("outcome", .string("failed")), ("status", status.map { .int($0) } ?? .null),
        ("error", .string(problem)),
      ]
    case .notKept(let why):
      fields += [("outcome", .string("not-kept")), ("error", .string(why))]
    }
    fields += [
      ("movedTo", movedTo.map { .string($0) } ?? .null),
      ("nextDue", state.nextDue.map { .string($0.description) } ?? .null),
    ]
    return .object(fields)
  }
}

extension DocumentCounts {
  var json: JSONValue {
    .object([
      ("new", .int(new)), ("duplicate", .int(duplicate)), ("revision", .int(revision)),
      ("rejected", .int(rejected)),
    ])
  }
}

/// Durations as people write them on a command line: `90s`, `30m`, `1h`, `2h30m`, `1d`.
package enum FetchInterval {
  /// The duration in seconds, or nil when `text` is not one.
  package static func seconds(_ text: String) -> Int? {
    let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
    var total = 0
    var digits = ""
    for character in text.lowercased() {
      if character.isASCII, character.isNumber {
        digits.append(character)
      } else if let unit = units[character], let value = Int(digits), !digits.isEmpty {
        let (product, overflow) = value.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        total += product
        digits = ""
      } else {
        return nil
      }
    }
    guard digits.isEmpty, total > 0 else { return nil }
    return total
  }
}
