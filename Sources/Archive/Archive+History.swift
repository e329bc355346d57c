import Crypto
import Domain
import EventLog
import IngestPipeline
import JSONForm
import Projections
import Stores

/// The whole projected state at a point on both time axes, as `replay` prints it.
public struct ReplayResult: Sendable {
  /// The valid time replayed to.
  public var to: CalendarDate
  /// The transaction time, when one was given.
  public var knownAt: KnownAt?
  /// The projections at that point.
  public var view: ArchiveView
  /// Event by event, what each changed in the projections at that date (with `--events`).
  public var steps: [ReplayStep]

  /// The state in its canonical form: timeline, series and themes, in the views' order.
  public var canonicalJSON: JSONValue {
    .object([
      ("to", .string(to.description)),
      ("meetings", view.timelineJSON["meetings"] ?? .null),
      ("series", view.membersJSON["series"] ?? .null),
      ("themes", view.themesJSON["themes"] ?? .null),
    ])
  }

  /// SHA-256 of the canonical form, hex: equal for two archives exactly when their
  /// projections at this point are equal, so copies can be compared without shipping them.
  public var hash: String {
    var bytes: [UInt8] = []
    canonicalJSON.write(into: &bytes)
    return Hex.encode(Array(SHA256.hash(data: bytes)))
  }

  /// `replay --json`: the canonical state, its hash, and the steps when asked for.
  public var json: JSONValue {
    guard case .object(var members) = canonicalJSON else { return canonicalJSON }
    members.insert(("knownAt", .text(knownAt)), at: 1)
    members.insert(("hash", .string(hash)), at: 2)
    members.append(("events", .array(steps.map(\.json))))
    return .object(members)
  }
}

/// One event of a replay and what it changed in the projections at the replayed date.
public struct ReplayStep: Sendable {
  /// The event.
  public var event: RecordedEvent
  /// The projections' change, empty when the event changed nothing visible at that date.
  public var diff: ArchiveDiff

  /// `{"seq":…,"type":…,"recordedAt":…,"summary":…,"changes":{…diff…}}`.
  public var json: JSONValue {
    .object([
      ("seq", .int(Int(event.seq))), ("type", .string(event.event.type.name)),
      ("recordedAt", .string(event.recordedAt.description)), ("summary", .string(event.event.summary)),
      ("changes", diff.json(from: "seq:\(event.seq - 1)", to: "seq:\(event.seq)")),
    ])
  }
}

extension Archive {
  /// The whole state as of `date` (and as known at `knownAt`); with `events`, also each
  /// event's change to it, in log order.
  public func replay(to date: CalendarDate, knownAt: KnownAt? = nil, events withSteps: Bool = false)
    throws(ArchiveError) -> ReplayResult
  {
    let kinds = themeKinds
    var steps: [ReplayStep] = []
    guard withSteps else {
      return ReplayResult(
        to: date, knownAt: knownAt, view: try view(StateSpec(asOf: date, knownAt: knownAt)), steps: [])
    }
    // One pass over the log: the view after the last step is the replayed state.
    var state = ArchiveState()
    var previous = ArchiveView(state: state, asOf: date, themeKinds: kinds)
    do {
      try log.read { reader in
        try reader.forEach(through: try bound(knownAt, in: reader)) { raw in
          // Read whole: a summary names the document's title, which payload version 3
          // stores compressed with the text.
          let event = try Archive.decode(raw)
          state.apply(event)
          let next = ArchiveView(state: state, asOf: date, themeKinds: kinds)
          steps.append(ReplayStep(event: event, diff: ArchiveDiff(from: previous, to: next)))
          previous = next
          return true
        }
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    return ReplayResult(to: date, knownAt: knownAt, view: previous, steps: steps)
  }

  /// What changed from state `a` to state `b`; a seq past the log's head is refused (it
  /// would compare the head with itself and say "no change").
  public func diff(_ a: StateSpec, _ b: StateSpec) throws(ArchiveError) -> ArchiveDiff {
    let head: UInt64
    do { head = try log.read { try $0.head()?.seq ?? 0 } } catch { throw .wrap(error, "reading \(path)") }
    for spec in [a, b] {
      if case .seq(let seq)? = spec.knownAt, seq > head {
        throw .usage("\(spec): seq \(seq) is beyond the head of the log (seq \(head))")
      }
    }
    // The two views read the log apart (each in its own read transaction): one per core.
    let views = [a, b].parallelMap { spec in
      Result { () throws(ArchiveError) in try self.view(spec, onTwoCores: false) }
    }
    return ArchiveDiff(from: try views[0].get(), to: try views[1].get())
  }

  /// For each field of a meeting, count point or document, the events that made it what it
  /// is, at a point on both time axes.
  public func blame(_ target: String, at spec: StateSpec = StateSpec()) throws(ArchiveError) -> Blame {
    let (name, state): (String, ArchiveState)
    do {
      (name, state) = try log.read { reader in
        try namedTarget(target, through: try bound(spec.knownAt, in: reader), in: reader)
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
    guard let blame = state.blame(name, asOf: spec.asOf) else {
      throw .usage("no meeting, count point or document \(target) in the archive")
    }
    return blame
  }

  /// Theme ids and their kinds, for the views.
  var themeKinds: [String: String] { extractorSource.themeKinds }
}
