import Archive
import ArgumentParser
import Domain

extension Communique.Show {
  /// `show DOCUMENT --revisions`: the chain as a table, then a unified diff per revision.
  func showRevisions(_ archive: Archive) throws {
    let spec = options.spec
    let history = try Archive.run { () throws(ArchiveError) in
      try archive.revisions(of: target, asOf: spec.asOf, knownAt: spec.knownAt)
    }
    if options.json { return Terminal.print(json: history.json) }
    let rows = history.revisions.map { r in
      [
        "\(r.seq)", r.document.short, r.published?.description ?? "undated",
        r.retracted ? "retracted" : (r.standing ? "standing" : ""), r.title ?? "",
      ]
    }
    var out = [
      history.revisions.count == 1
        ? "\(Terminal.safe(history.document.description)) has no other revision"
        : "\(history.revisions.count) revisions of \(Terminal.safe(history.document.description))",
      Terminal.table(["SEQ", "DOCUMENT", "PUBLISHED", "STANDS", "TITLE"], rows, yielding: [4]),
    ]
    let byID = Dictionary(history.revisions.map { ($0.document, $0) }, uniquingKeysWith: { a, _ in a })
    for change in history.changes {
      func label(_ id: DocumentID) -> String {
        guard let r = byID[id] else { return id.short }
        return "\(id.short) (seq \(r.seq), \(r.published?.description ?? "undated"))"
      }
      out.append("")
      out.append("--- \(label(change.from))")
      out.append("+++ \(label(change.to))")
      out += change.diff.isEmpty ? ["(the same lines)"] : change.diff.unified.map(Terminal.safe)
    }
    Terminal.line(out.joined(separator: "\n"))
  }
}
