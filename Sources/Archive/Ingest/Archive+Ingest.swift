import Domain
import EventLog
import Extraction
import Feeds
import Foundation
import IngestPipeline
import JSONForm
import LMDB
import StoredForm
import Stores

/// What `ingest` did with each input and each item.
public struct IngestReport: Sendable {
  /// Every item read, in input order, with what became of it; empty when the ingest was asked
  /// not to keep them (the counts below count them all the same).
  public var documents: [IngestedItem] = []
  /// New documents and revisions in which no meeting was found, by source and id, when the
  /// items are not kept.
  public var withoutMeeting: [(source: String, document: DocumentID)] = []
  /// Inputs (or the rest of an input) that could not be read, and why.
  public var rejected: [Rejection] = []
  /// Inputs that do not exist.
  public var missing: [String] = []
  /// Files a folder held that were not read, and why (`hidden`, `.pdf: not a feed, page or
  /// text dump`): the command line counts them by reason.
  public var skipped: [(path: String, reason: String)] = []
  /// Folders with no input in them (an empty file is rejected as such when read).
  public var empty: [String] = []
  /// How each input read had its character encoding decided, in input order.
  public var encodings: [(source: String, decision: EncodingDecision)] = []
  /// Inputs (files, and standard input) read so far, for progress.
  public var inputsDone = 0
  /// Inputs to read in all, once the paths are expanded.
  public var inputsTotal = 0
  /// Bytes of the inputs read so far.
  public var bytesDone = 0
  /// Bytes of the inputs in all (0 when standard input is one: unknown).
  public var bytesTotal = 0

  /// Items read.
  public private(set) var itemCount = 0
  /// Items that were new documents.
  public private(set) var newCount = 0
  /// Items whose text the archive already held.
  public private(set) var duplicateCount = 0
  /// Items that replace an earlier text under the same guid or link.
  public private(set) var revisionCount = 0
  /// New documents or revisions in which no meeting was found.
  public private(set) var withoutMeetingCount = 0

  /// Counts `items`, and keeps them, or (without `keeping`) only those without a meeting by
  /// source and id: a report that kept every item's document and facts grew with the whole
  /// ingest, not with one input.
  mutating func add(_ items: [IngestedItem], keeping: Bool) {
    for item in items {
      itemCount += 1
      switch item.status {
      case .new: newCount += 1
      case .duplicate: duplicateCount += 1
      case .revision: revisionCount += 1
      }
      if item.status != .duplicate && !item.facts.statesMeeting {
        withoutMeetingCount += 1
        if !keeping { withoutMeeting.append((item.document.source, item.document.id)) }
      }
    }
    if keeping { documents += items }
  }

  /// What an ingest stopped by a signal had done, for stderr: every input done is committed
  /// (one transaction each), and running the same ingest again skips what is archived.
  package var interruptedNote: String {
    let done = "\(inputsDone) of \(inputsTotal) input\(inputsTotal == 1 ? "" : "s")"
    return "interrupted after \(done): \(newCount) new document\(newCount == 1 ? "" : "s") and "
      + "\(revisionCount) revision\(revisionCount == 1 ? "" : "s") committed; run the same ingest again "
      + "to continue (what is archived is skipped as duplicate)"
  }

  /// The sysexits code: 66 if an input was missing, 65 if one was rejected, else 0.
  public var exitCode: Int32 { !missing.isEmpty ? 66 : (!rejected.isEmpty ? 65 : 0) }
}

/// One item of an ingest and its outcome.
public struct IngestedItem: Sendable {
  /// What became of an item.
  public enum Status: String, Sendable {
    /// A document the archive did not hold.
    case new
    /// A text the archive already held: nothing appended.
    case duplicate
    /// A new text under a known guid or link.
    case revision
  }
  /// The outcome.
  public var status: Status
  /// The document read.
  public var document: Document
  /// The facts extracted.
  public var facts: Facts
  /// The earlier document it revises.
  public var revises: DocumentID?
  /// The seq it was appended at (nil for duplicates and dry runs).
  public var seq: UInt64?
  /// Why the facts' empty fields are empty (dry runs only: read again, off the ingest's path).
  package var unstated: [Unstated] = []
}

/// An input, or the rest of one, that could not be read.
public struct Rejection: Sendable, CustomStringConvertible {
  /// The input.
  public var source: String
  /// Why, in one line (with the line number where there is one).
  public var error: String
  /// `source: error`.
  public var description: String { error.hasPrefix(source) ? error : "\(source): \(error)" }
}

extension Archive {
  /// The largest input read (32 MiB); larger ones are refused with this limit named.
  ///
  /// Reading and extracting take about 12 times an input's size in memory (measured on a
  /// 17 MB feed of 30,000 items); real feeds and pages are a few MB.
  public static let maxInputBytes = 32 << 20

  /// The largest text of one item (2 MiB); a larger item is refused with this limit named and
  /// the other items of its input are kept. A statement is a few KB; extraction takes about
  /// 46 times a single item's size in memory, so this bounds it.
  public static let maxItemBytes = 2 << 20

  /// File name endings read when walking a folder (a path named directly is always read).
  static let inputExtensions: Set<String> = ["xml", "rss", "atom", "rdf", "txt", "html", "htm", "feed", ""]

  /// Reads every input, extracts, and appends each new document or revision; duplicates
  /// are no-ops. With `dryRun`, appends nothing and reports what would happen.
  ///
  /// `paths` are files, folders (walked recursively, sorted) and `-` for standard input;
  /// `progress` is called after each input with the report so far. `encoding` names the
  /// inputs' character encoding over what they declare (`InputReader.encodingName(_:)`).
  /// `limits` bound the items and markup of each input (``ReadingLimits``); without
  /// `keepingItems` the report counts the items but keeps only those without a meeting
  /// (``IngestReport/withoutMeeting``), so that it does not grow with every item read.
  ///
  /// `standardInputSource` is the source recorded for `-` (else `-`); `maxInputBytes` the
  /// largest input read (``maxInputBytes`` unless raised or lowered).
  public func ingest(
    _ paths: [String], dryRun: Bool = false, encoding: String? = nil, limits: ReadingLimits = .standard,
    keepingItems: Bool = true, standardInputSource: String? = nil, maxInputBytes: Int = Archive.maxInputBytes,
    progress: (IngestReport) -> Void = { _ in }
  ) throws(ArchiveError) -> IngestReport {
    var report = IngestReport()
    let inputs = Archive.inputs(
      paths, into: &report, standardInputSource: standardInputSource, maxInputBytes: maxInputBytes)
    return try ingest(
      paths, dryRun: dryRun, encoding: encoding, limits: limits, keepingItems: keepingItems,
      windowPlan: .standard, inputs: inputs, report: report, progress: progress)
  }

  /// `ingest` with the inputs grouped into windows by `windowPlan` (tests compare plans).
  ///
  /// `given` are inputs to read instead of `paths`; with `capture` (one input, its body
  /// decoded), the capture is recorded in the transaction that appends its documents, before
  /// them, and they point at it (also when nothing in it could be read).
  func ingest(
    _ paths: [String], dryRun: Bool, encoding: String? = nil, limits: ReadingLimits = .standard,
    keepingItems: Bool = true, windowPlan: WindowPlan, inputs given: [Input]? = nil,
    capture: CaptureInput? = nil, report started: IngestReport? = nil,
    progress: (IngestReport) -> Void = { _ in }
  ) throws(ArchiveError) -> IngestReport {
    var report = started ?? IngestReport()
    let inputs = given ?? Archive.inputs(paths, into: &report)
    report.inputsTotal = inputs.count
    report.bytesTotal = paths.contains("-") ? 0 : inputs.reduce(0) { $0 + $1.size }
    // Reading, parsing and extraction run on every core, a window of inputs at a time, while
    // this thread appends the window before it: one transaction per input, in input order.
    let windows = Archive.windows(of: inputs, plan: windowPlan)
    // The extraction of the windows read while this thread loads the language data waits for
    // them (the source loads once, under a lock).
    let source = extractorSource
    // Payloads are laid out (and texts compressed) where the documents are extracted, so the
    // writer, which every append waits for, only classifies, hashes and stores.
    let layOut = !dryRun
    // Texts are compressed against the archive's dictionary; a large ingest into an archive
    // without one trains it on the first window's texts, which the other windows wait for.
    let dictionary: IngestDictionary
    do {
      let known = layOut ? try currentDictionary() : nil
      let inputBytes = windows.joined().reduce(0) { $0 + $1.size }
      dictionary = IngestDictionary(
        known: known, trains: layOut && known == nil && inputBytes >= Archive.dictionaryTrainingBytes)
    } catch {
      throw .wrap(error, "reading the text dictionaries of \(path)")
    }
    var preparing: [Background<PreparedWindow>] = []
    var nextWindow = 0
    let windowBytes = windows.map { $0.reduce(0) { $0 + $1.size } }
    // Starts preparing what ``WindowPlan/ahead(of:started:windowBytes:)`` says to prepare while
    // window `number` is appended.
    func prepareAhead(of number: Int, with extractor: @escaping @Sendable () -> Extractor?) {
      for ahead in WindowPlan.ahead(of: number, started: nextWindow, windowBytes: windowBytes) {
        let window = windows[ahead]
        let compression = CompressionPlan(dictionary: dictionary, trains: ahead == 0)
        preparing.append(
          Background {
            Archive.prepare(
              window, encoding: encoding, limits: limits, layingOut: layOut, compression: compression,
              extractor: extractor)
          })
        nextWindow = ahead + 1
      }
    }
    // The first windows are read and parsed while this thread loads the language data.
    prepareAhead(of: 0) { try? source.get() }
    let extractor: Extractor
    do {
      extractor = try self.extractor()
    } catch {
      for window in preparing { _ = window.wait() }
      throw error
    }
    var running = RunningSnapshot()
    var dryRunMemory = DryRunMemory()
    for (number, window) in windows.enumerated() {
      prepareAhead(of: number) { extractor }
      let prepared = preparing.removeFirst().wait()
      for (index, input) in window.enumerated() {
        defer {
          report.inputsDone += 1
          report.bytesDone += input.size
          progress(report)
        }
        let reading: InputReading
        switch prepared.readings[index] {
        case .failure(let error):
          report.rejected.append(Rejection(source: input.source, error: Archive.inputProblem(error)))
          if capture != nil {
            do {
              _ = try record(
                [], dryRun: dryRun, dictionary: nil, running: &running, memory: &dryRunMemory,
                capture: capture)
            } catch {
              throw ArchiveError.wrap(error, "appending \(input.source)")
            }
          }
          continue
        case .success(let read): reading = read
        }
        if let decision = reading.encoding { report.encodings.append((input.source, decision)) }
        if let error = reading.error {
          report.rejected.append(Rejection(source: input.source, error: error.description))
        }
        report.rejected += prepared.oversized[index] ?? []
        do {
          let range = prepared.understoodRanges[index] ?? 0..<0
          report.add(
            try record(
              prepared.understood[range], dryRun: dryRun, dictionary: prepared.dictionary, running: &running,
              memory: &dryRunMemory, capture: capture),
            keeping: keepingItems)
        } catch {
          for window in preparing { _ = window.wait() }  // Let the windows being prepared finish.
          throw ArchiveError.wrap(error, "appending \(input.source)")
        }
      }
    }
    if !dryRun { try saveSnapshot(after: &running) }
    return report
  }

  /// What a dry run would have appended so far: it appends nothing, so a later item that
  /// repeats an earlier one (or revises it) is told so here, as the real run would tell it.
  struct DryRunMemory {
    var ids: Set<DocumentID> = []
    /// The latest document under each guid and link (`guid:…`, `link:…`).
    var latest: [String: DocumentID] = [:]

    mutating func classify(_ item: inout IngestedItem) {
      guard item.status != .duplicate else { return }
      let document = item.document
      let keys = [document.guid.map { "guid:" + $0 }, document.link.map { "link:" + $0 }].compactMap { $0 }
      if ids.contains(document.id) {
        item.status = .duplicate
        item.revises = nil
        return
      }
      if item.status == .new, let earlier = keys.compactMap({ latest[$0] }).first {
        item.status = .revision
        item.revises = earlier
      }
      ids.insert(document.id)
      for key in keys { latest[key] = document.id }
    }
  }

  /// A window of inputs read, parsed and understood, by position in the window.
  struct PreparedWindow: Sendable {
    var readings: [Result<InputReading, ArchiveError>]
    var oversized: [Int: [Rejection]]
    /// Every item understood, input after input.
    var understood: [Understood]
    /// Where each input's items sit in `understood` (none for an input without items).
    var understoodRanges: [Int: Range<Int>]
    /// The dictionary the payloads' texts are compressed against, if any.
    var dictionary: TextDictionary? = nil
  }

  /// How a window's texts are compressed: against the ingest's dictionary, which the window
  /// that `trains` decides (from its own texts) and the others wait for.
  struct CompressionPlan: Sendable {
    var dictionary: IngestDictionary
    var trains: Bool
  }

  /// One item understood: its document, its facts, and (when laid out) the payload of its
  /// `document.ingested` event as it stands when it revises nothing, the usual case.
  struct Understood: Sendable {
    var document: Document
    var facts: Facts
    var unrevisedPayload: [UInt8]?
  }

  /// Reads, parses and extracts a window of inputs on every core, and with `layingOut` lays
  /// out each item's payload too, its text compressed as `compression` says. `extractor` is
  /// asked for once the inputs are parsed; without one (it could not be loaded, and ingest
  /// fails for that) nothing is extracted.
  static func prepare(
    _ window: [Input], encoding: String? = nil, limits: ReadingLimits = .standard, layingOut: Bool,
    compression: CompressionPlan, extractor: () -> Extractor?
  ) -> PreparedWindow {
    // A training window that ends early decides on no dictionary, so no other window waits on.
    defer { if compression.trains { compression.dictionary.decide(trainingOn: []) } }
    let readings = window.parallelMap { input -> Result<InputReading, ArchiveError> in
      do {
        return .success(
          InputReader.read(
            try input.read(), source: input.source, encoding: encoding, charset: input.charset, limits: limits
          ))
      } catch {
        return .failure(.wrap(error, "reading \(input.source)"))
      }
    }
    // Items over the per-item limit are refused by name (after the input's own problem);
    // the others of the same input are kept.
    var oversized: [Int: [Rejection]] = [:]
    let items = readings.enumerated().flatMap { index, reading in
      ((try? reading.get())?.items ?? []).filter { item in
        let size = item.body.utf8.count + (item.title?.utf8.count ?? 0)
        guard size > Archive.maxItemBytes else { return true }
        let name = item.guid ?? item.link ?? item.title.map { String($0.prefix(60)) } ?? "an item"
        oversized[index, default: []].append(
          Rejection(
            source: window[index].source,
            error:
              "item \(name): text of \(ByteSize.text(size)) exceeds the limit of \(ByteSize.text(Archive.maxItemBytes)) per item"
          ))
        return false
      }
      .map { (index, $0) }
    }
    guard let extractor = items.isEmpty ? nil : extractor() else {
      return PreparedWindow(readings: readings, oversized: oversized, understood: [], understoodRanges: [:])
    }
    // Each document records how its input's bytes were read, when not plain UTF-8.
    let encodings = readings.map { (try? $0.get())?.encoding.flatMap { $0.isRecorded ? $0 : nil } }
    var understood = items.parallelMap { index, item -> Understood in
      var document = extractor.document(from: item)
      document.encoding = encodings[index]
      return Understood(document: document, facts: extractor.facts(in: document), unrevisedPayload: nil)
    }
    var dictionary: TextDictionary?
    if layingOut {
      if compression.trains {
        compression.dictionary.decide(trainingOn: understood.map { TextDictionary.sample(of: $0.document) })
      }
      dictionary = compression.dictionary.wait()
      let payloads = understood.parallelMap { [dictionary] item in
        Event.documentIngested(DocumentIngested(document: item.document, facts: item.facts, revises: nil))
          .payload(dictionary: dictionary)
      }
      for index in understood.indices { understood[index].unrevisedPayload = payloads[index] }
    }
    // The items are in input order: each input's are one run, handed to the writer as a slice.
    var ranges: [Int: Range<Int>] = [:]
    var start = 0
    while start < items.count {
      var end = start + 1
      while end < items.count, items[end].0 == items[start].0 { end += 1 }
      ranges[items[start].0] = start..<end
      start = end
    }
    return PreparedWindow(
      readings: readings, oversized: oversized, understood: understood, understoodRanges: ranges,
      dictionary: dictionary)
  }

  /// Appends the documents of one input in one transaction (each new one its own event),
  /// texts compressed against `dictionary` (stored in the same transaction when the archive
  /// does not hold it yet), keeping `running` folded through the events committed before it.
  ///
  /// With `capture`, its body is stored and its `capture.recorded` event appended first, its
  /// seq noted in `capture` and put in each document's event.
  private func record(
    _ items: ArraySlice<Understood>, dryRun: Bool, dictionary: TextDictionary?,
    running: inout RunningSnapshot, memory: inout DryRunMemory, capture: CaptureInput? = nil
  ) throws -> [IngestedItem] {
    func classify(_ document: Document, facts: Facts, in txn: some ReadableTransaction) throws -> IngestedItem
    {
      if try indexes.seq(of: document.id, in: txn) != nil {
        return IngestedItem(status: .duplicate, document: document, facts: facts, revises: nil, seq: nil)
      }
      let previous = try indexes.previousRelease(guid: document.guid, link: document.link, in: txn)
      return IngestedItem(
        status: previous == nil ? .new : .revision, document: document, facts: facts, revises: previous,
        seq: nil)
    }
    if dryRun || (items.isEmpty && capture == nil) {
      let extractor = items.isEmpty ? nil : try extractor()
      return try log.environment.read { txn in
        try items.map {
          var item = try classify($0.document, facts: $0.facts, in: txn)
          if dryRun { memory.classify(&item) }
          item.unstated = extractor?.unstated(in: $0.document, facts: $0.facts) ?? []
          return item
        }
      }
    }
    let (out, savedNow, recordedCapture) = try log.write { writer in
      if let dictionary { try dictionaries.save(dictionary, in: writer.transaction) }
      let savedNow = try keepingData(&running) { try catchUp(&$0, in: writer) }
      var recordedCapture: UInt64?
      if let capture = capture?.capture {
        try captureBodies.save(capture.body, in: writer.transaction)
        recordedCapture = try append(.captureRecorded(CaptureRecorded(capture)), with: &writer)
      }
      var out: [IngestedItem] = []
      for understood in items {
        var item = try classify(understood.document, facts: understood.facts, in: writer.transaction)
        if item.status != .duplicate {
          let event = Event.documentIngested(
            DocumentIngested(
              document: understood.document, facts: understood.facts, revises: item.revises,
              capture: recordedCapture))
          // A revision's payload names the document it revises, a fetched one its capture:
          // laid out here, where that is known.
          let payload =
            item.revises == nil && recordedCapture == nil
            ? understood.unrevisedPayload : event.payload(dictionary: dictionary)
          item.seq = try append(event, with: &writer, payload: payload)
        }
        out.append(item)
      }
      return (out, savedNow, recordedCapture)
    }
    capture?.seq = recordedCapture
    // Noted only once committed: a transaction run again after the map grew saves again.
    if let savedNow { running.saved = savedNow }
    return out
  }

  /// Appends one event and updates the indexes and the Merkle tree in the same transaction;
  /// `payload`, when given, is the event's stored form to use instead of the current one.
  func append(
    _ event: Event, with writer: inout LogWriter, recordedAt: Int64? = nil, payload: [UInt8]? = nil
  ) throws -> UInt64 {
    let data = payload ?? event.payload
    let envelope =
      if let recordedAt {
        try writer.append(type: event.type.rawValue, data: data, recordedAt: recordedAt)
      } else {
        try writer.append(type: event.type.rawValue, data: data)
      }
    // Before the documents index learns of this event: the set asks what it held before.
    let earlier = try viewEvents.record(event, seq: envelope.seq, in: writer.transaction) {
      [indexes, writer] in
      try indexes.seq(of: $0, in: writer.transaction)
    }
    if let earlier { try viewSnapshots.delete(from: earlier, in: writer.transaction) }
    try indexes.record(event, seq: envelope.seq, in: writer.transaction)
    try merkle.record(envelope, in: writer.transaction, log: log)
    return envelope.seq
  }

  /// How inputs are grouped into windows: each window is read and understood on every core
  /// while this thread appends the one before it.
  ///
  /// A window closes once it holds `minimumInputs` inputs and `minimumBytes` bytes of them, or
  /// `maximumInputs` inputs. Small windows keep both cores busy: nothing is appended while the
  /// first window is prepared, and nothing prepared while the last one is appended, so a few
  /// large windows (16 feeds of 500 items) left one core idle for a third of an ingest.
  /// At least one input per core, so that reading and parsing run on every core too.
  struct WindowPlan: Sendable {
    var minimumInputs: Int
    var minimumBytes: Int
    var maximumInputs: Int

    /// How many windows are prepared while one is appended (the second only within
    /// ``bytesAhead``).
    static let lookahead = 2

    /// The input bytes of the windows prepared ahead beyond the next one, at most: huge inputs
    /// (up to ``Archive/maxInputBytes`` each) are prepared one window ahead, as they always were.
    static let bytesAhead = 64 << 20

    /// The windows to start preparing while window `number` is appended, when those before
    /// `started` are started already: the window itself and the next one always, and up to
    /// ``lookahead`` ahead while the windows ahead hold at most ``bytesAhead`` input bytes
    /// (memory takes about 12 times that). Preparing ahead keeps the cores from waiting for
    /// the appends (a commit waits for the disk) and for a window's slowest input.
    static func ahead(of number: Int, started: Int, windowBytes: [Int]) -> Range<Int> {
      var end = started
      while end < min(number + 1 + lookahead, windowBytes.count) {
        if end > number + 1, windowBytes[(number + 1)...end].reduce(0, +) > bytesAhead { break }
        end += 1
      }
      return started..<max(started, end)
    }

    /// One input per core and 256 KiB at least, 16 inputs at most.
    static let standard = WindowPlan(
      minimumInputs: max(2, ProcessInfo.processInfo.activeProcessorCount), minimumBytes: 256 << 10,
      maximumInputs: 16)
  }

  /// Groups inputs, in order, into windows by `plan`.
  static func windows(of inputs: [Input], plan: WindowPlan) -> [[Input]] {
    var windows: [[Input]] = []
    var window: [Input] = []
    var bytes = 0
    for input in inputs {
      window.append(input)
      bytes += input.size
      if window.count >= plan.maximumInputs
        || (window.count >= plan.minimumInputs && bytes >= plan.minimumBytes)
      {
        windows.append(window)
        window = []
        bytes = 0
      }
    }
    if !window.isEmpty { windows.append(window) }
    return windows
  }

  /// An input's read failure as its rejection line: the problem alone when it names the input.
  static func inputProblem(_ error: ArchiveError) -> String {
    if case .badInput(_, let problem) = error { return problem }
    return error.description
  }

  /// A capture ingested (``recordCapture(_:decodedBody:)``): recorded with the documents of
  /// its one input, which notes the seq it got once committed.
  final class CaptureInput {
    let capture: Capture
    var seq: UInt64?

    init(_ capture: Capture) { self.capture = capture }
  }

  /// An input to read: its name for messages, its size when known (for windows; standard
  /// input counts as the input limit), and how to get its bytes.
  struct Input: Sendable {
    var source: String
    var size: Int
    var read: @Sendable () throws -> [UInt8]
    /// The charset its transport declared (an HTTP `Content-Type`'s), if any.
    var charset: String? = nil

    init(source: String, size: Int, charset: String? = nil, read: @escaping @Sendable () throws -> [UInt8]) {
      self.source = source
      self.size = size
      self.charset = charset
      self.read = read
    }
  }

  /// Expands paths into inputs: folders recursively in name order, `-` as standard input
  /// (recorded as `standardInputSource`, else `-`). Notes in `report` the paths missing, the
  /// files of folders skipped and why, the inputs that are empty, and refuses (as rejected) a
  /// file named directly that is no text at all (a PDF, an image).
  static func inputs(
    _ paths: [String], into report: inout IngestReport, standardInputSource: String? = nil,
    maxInputBytes: Int = Archive.maxInputBytes
  ) -> [Input] {
    var out: [Input] = []
    let fm = FileManager.default
    let limit = maxInputBytes
    for path in paths {
      if path == "-" {
        let source = standardInputSource ?? "-"
        out.append(
          Input(source: source, size: limit) {
            try readBounded(FileHandle.standardInput, source: source, limit: limit)
          }
        )
        continue
      }
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
        report.missing.append(path)
        continue
      }
      if !isDirectory.boolValue {
        if let kind = notText((path as NSString).pathExtension) {
          report.rejected.append(
            Rejection(source: path, error: "\(kind), not a feed, page or text dump: convert it to text first")
          )
          continue
        }
        out.append(Input(source: path, size: fileSize(path)) { try readFile(path, limit: limit) })
        continue
      }
      let before = out.count
      let names = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []).sorted()
      for name in names {
        let full = (path as NSString).appendingPathComponent(name)
        let last = (name as NSString).lastPathComponent
        // Inside a hidden folder: counted once, as the folder.
        if name.split(separator: "/").dropLast().contains(where: { $0.hasPrefix(".") }) { continue }
        var sub: ObjCBool = false
        let exists = fm.fileExists(atPath: full, isDirectory: &sub)
        if last.hasPrefix(".") {
          report.skipped.append((full, "hidden"))
          continue
        }
        if sub.boolValue { continue }
        guard exists else {
          report.skipped.append((full, "not a readable file (a broken link?)"))
          continue
        }
        if last.hasSuffix(".expected.json") {
          report.skipped.append((full, "expected extraction output (.expected.json)"))
          continue
        }
        let ext = (last as NSString).pathExtension.lowercased()
        guard inputExtensions.contains(ext) else {
          report.skipped.append((full, ".\(ext): not a feed, page or text dump"))
          continue
        }
        out.append(Input(source: full, size: fileSize(full)) { try readFile(full, limit: limit) })
      }
      if out.count == before { report.empty.append(path) }
    }
    return out
  }

  /// What a file named `….EXT` is when it is no text a reader could take (`a PDF`), else nil.
  static func notText(_ ext: String) -> String? {
    switch ext.lowercased() {
    case "pdf": "a PDF"
    case "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "ico", "heic": "an image"
    case "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar": "an archive or compressed file"
    case "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "epub": "an office document"
    case "mp3", "mp4", "m4a", "mov", "avi", "mkv", "wav", "ogg", "webm": "audio or video"
    case "exe", "dll", "so", "dylib", "bin", "o", "a", "class", "jar", "wasm": "a program or library"
    default: nil
    }
  }

  /// A file's size in bytes, or 0 when it cannot be told (reading it will say why).
  static func fileSize(_ path: String) -> Int {
    var status = stat()
    return stat(path, &status) == 0 ? Int(status.st_size) : 0
  }

  static func readFile(_ path: String, limit: Int = maxInputBytes) throws -> [UInt8] {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = attributes?[.size] as? Int, size > limit {
      throw ArchiveError.badInput(
        source: path,
        problem: "file of \(ByteSize.text(size)) exceeds the input limit of \(ByteSize.text(limit)); "
          + "split it or raise --max-input-size")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ArchiveError.badInput(source: path, problem: "cannot be read (permission denied?)")
    }
    defer { try? handle.close() }
    let bytes = try readBounded(handle, source: path, limit: limit)
    if isBinary(bytes) {
      throw ArchiveError.badInput(
        source: path, problem: "binary content (NUL bytes), not a feed, page or text dump")
    }
    return bytes
  }

  /// Whether bytes are no text in any encoding the readers take: a NUL in the first 8 KiB,
  /// unless they open as UTF-16 does (a byte-order mark, or a zero byte beside an ASCII one).
  static func isBinary(_ bytes: [UInt8]) -> Bool {
    let head = bytes.prefix(8192)
    guard head.contains(0) else { return false }
    if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { return false }
    if head.count >= 2, (head[0] == 0) != (head[1] == 0) { return false }
    return true
  }

  /// Reads to the end, but never more than the input limit: a pipe, a device or a file that
  /// grows while it is read is refused once it passes the limit, so memory stays bounded.
  static func readBounded(_ handle: FileHandle, source: String, limit: Int = maxInputBytes) throws -> [UInt8]
  {
    var bytes: [UInt8] = []
    while true {
      let chunk: Data?
      do {
        chunk = try handle.read(upToCount: 1 << 20)
      } catch {
        throw ArchiveError.badInput(source: source, problem: "cannot be read: \(ErrorText.describe(error))")
      }
      guard let chunk, !chunk.isEmpty else { return bytes }
      bytes += chunk
      if bytes.count > limit {
        throw ArchiveError.badInput(
          source: source,
          problem: "input exceeds the limit of \(ByteSize.text(limit)); split it or raise --max-input-size")
      }
    }
  }
}
