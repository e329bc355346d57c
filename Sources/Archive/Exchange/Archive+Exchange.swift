import Crypto
import Domain
import EventLog
import Foundation
import JSONForm
import Projections
import StoredForm
import Stores

extension Archive {
  /// Writes the log as NDJSON, one event a line (`seq type recordedAt data prev hash`),
  /// handing each line (with its newline) to `write`.
  public func export(knownAt: KnownAt? = nil, _ write: ([UInt8]) -> Void) throws(ArchiveError) {
    do {
      // Each text dictionary travels once, with the first event compressed against it.
      var carried: Set<UInt32>? = []
      try log.read { reader in
        try refuseBeyondHead(knownAt, in: reader)
        try reader.forEach { raw in
          guard knownAt?.includes(seq: raw.seq, recordedAt: raw.recordedAt) ?? true else { return false }
          var line: [UInt8] = []
          // A capture's body travels in its line, so the import stores it and checks its digest.
          var body: [UInt8]?
          if raw.type == EventType.captureRecorded.rawValue,
            case .captureRecorded(let e) = try Archive.decode(raw).event
          {
            body = try self.body(of: e, seq: raw.seq, in: reader)
          }
          try Archive.json(of: raw.envelope, carried: &carried, body: body).write(into: &line)
          line.append(0x0a)
          write(line)
          return true
        }
      }
    } catch {
      throw .wrap(error, "exporting \(path)")
    }
  }

  /// Reads NDJSON written by ``export(knownAt:_:)`` into this archive, which must be empty,
  /// checking every event's hash and chain link, and what it means as `correct`, `retract` and
  /// `ingest` check theirs (``EventRules``); all or nothing.
  /// `source` names the input in messages; the result is the number of events imported.
  public func importEvents(_ lines: some Sequence<Substring>, source: String) throws(ArchiveError) -> Int {
    try importEvents(lines, source: source, checkingMeaning: true)
  }

  /// The longest import line taken by default (16 MiB): an event's line holds its text (at most
  /// ``maxItemBytes``, escaped) and, once, the text dictionary it is compressed against.
  public static let defaultMaxImportLineBytes = 16 << 20

  /// ``importEvents(_:source:)`` from the NDJSON file at `path`, streamed: one line is held at a
  /// time, never more than `maxLineBytes` of it (a longer line is refused by its number), and
  /// the events go into one write transaction as they are read, so the import stays all or
  /// nothing. A write that grows the map reads the file again from its start.
  public func importEvents(
    fromFile path: String, source: String, maxLineBytes: Int = defaultMaxImportLineBytes
  ) throws(ArchiveError) -> Int {
    try importEvents(source: source, checkingMeaning: true) { () throws(ArchiveError) in
      var lines = try ImportLines(path: path, source: source, maxLineBytes: maxLineBytes)
      return { () throws(ArchiveError) in
        let line = try lines.next()
        if line == nil { lines.close() }
        return line.map { (lines.number, $0) }
      }
    }
  }

  /// ``importEvents(_:source:)``; without `checkingMeaning` only hashes and the chain are
  /// checked (tests of the stored bytes, whose random events mean nothing).
  func importEvents(
    _ lines: some Sequence<Substring>, source: String, checkingMeaning: Bool
  ) throws(ArchiveError) -> Int {
    // Kept whole: a write that grows the map runs its closure again and must see every line.
    let lines = Array(lines)
    return try importEvents(source: source, checkingMeaning: checkingMeaning) { () throws(ArchiveError) in
      var iterator = lines.enumerated().makeIterator()
      return { () throws(ArchiveError) in iterator.next().map { ($0.offset + 1, $0.element) } }
    }
  }

  /// The import itself: `openLines` gives the input's numbered lines from the start, once for
  /// each run of the write (a write that grows the map runs again).
  private func importEvents(
    source: String, checkingMeaning: Bool,
    openLines: () throws(ArchiveError) -> () throws(ArchiveError) -> (Int, Substring)?
  ) throws(ArchiveError) -> Int {
    let rules = checkingMeaning ? try EventRules(extractor: extractor()) : nil
    let imported: Int
    do {
      imported = try log.write { writer in
        // What the events imported so far add up to, which each next one is checked against.
        var state = ArchiveState()
        guard writer.headSeq == 0 else {
          throw ArchiveError.usage("import needs an empty archive; \(path) holds \(writer.headSeq) events")
        }
        let nextLine = try openLines()
        var count = 0
        // The seqs of the captures imported so far, which documents may point at.
        var captures = Set<UInt64>()
        while let (lineNumber, line) = try nextLine() {
          if line.allSatisfy(\.isWhitespace) { continue }
          func bad(_ problem: String) -> ArchiveError {
            .badInput(source: "\(source):\(lineNumber)", problem: problem)
          }
          let json: JSONValue
          do { json = try JSONParser.parse(line) } catch { throw bad("not JSON: \(error)") }
          let envelope = JSONReader(json, path: "event")
          let seq: Int
          let typeName: String
          let recordedText: String
          let prevHex: String
          let hashHex: String
          let event: Event
          do {
            seq = try envelope.field("seq").int()
            typeName = try envelope.field("type").string()
            recordedText = try envelope.field("recordedAt").string()
            prevHex = try envelope.field("prev").string()
            hashHex = try envelope.field("hash").string()
            guard let type = EventType(name: typeName) else { throw bad("unknown event type \(typeName)") }
            event = try Event(type: type, json: envelope.field("data").value)
          } catch let error as ArchiveError {
            throw error
          } catch {
            throw bad("\(error)")
          }
          guard seq == Int(writer.headSeq) + 1 else {
            throw bad("seq \(seq) where \(writer.headSeq + 1) was expected")
          }
          guard let recordedAt = Timestamp(iso: recordedText) else {
            throw bad("recordedAt is not a timestamp")
          }
          // Checked here, not only by the log (exit 74, no line), so the input's line is named.
          guard recordedAt.microseconds >= writer.headRecordedAt else {
            throw bad("seq \(seq): recordedAt \(recordedText) is earlier than the event before it")
          }
          guard Hex.decode(prevHex) == writer.headHash else {
            throw bad("seq \(seq): prev does not match the chain")
          }
          do {
            try rules?.check(event, in: state)
          } catch {
            throw bad("seq \(seq) (\(typeName)): \(error)")
          }
          switch event {
          case .captureRecorded(let e):
            guard let text = json["body"]?.stringValue, let body = Data(base64Encoded: text) else {
              throw bad("seq \(seq) (capture.recorded): body is missing or not base64")
            }
            guard body.count == e.bodyLength, Array(SHA256.hash(data: body)) == e.bodySHA256 else {
              throw bad("seq \(seq) (capture.recorded): body does not match bodySHA256 and bodyLength")
            }
            try captureBodies.save(Array(body), in: writer.transaction)
            captures.insert(UInt64(seq))
          case .documentIngested(let e):
            if let capture = e.capture, !captures.contains(capture) {
              throw bad(
                "seq \(seq) (document.ingested): capture \(capture) is not an earlier capture.recorded")
            }
          default: break
          }
          // A dictionary travels with the first event compressed against it.
          var dictionary: TextDictionary?
          if let encoded = json["textDictionary"] {
            guard let text = encoded.stringValue, let bytes = Data(base64Encoded: text) else {
              throw bad("textDictionary is not base64")
            }
            guard let read = TextDictionary(bytes: Array(bytes)) else {
              throw bad("textDictionary is not a Zstandard dictionary")
            }
            dictionary = TextDictionaries.shared.register(read)
          }
          // The payload with the text as the exporter stored it: written only for texts
          // stored compressed (older exports lack it).
          var exported: [UInt8]?
          if let encoded = json["textFrame"] {
            guard let text = encoded.stringValue, let frame = Data(base64Encoded: text) else {
              throw bad("textFrame is not base64")
            }
            var stored = StoredTextFrame(frame: Array(frame), dictionary: nil)
            if let named = json["textFrameDictionary"] {
              guard let id = named.intValue, let id = UInt32(exactly: id) else {
                throw bad("textFrameDictionary is not a dictionary id")
              }
              stored.dictionary = id
            }
            if let id = stored.dictionary {
              guard let known = dictionary ?? TextDictionaries.shared.dictionary(id: id) else {
                throw bad("textFrame is compressed against dictionary \(id), which the export did not carry")
              }
              try dictionaries.save(known, in: writer.transaction)
            }
            let payload = event.payload(textFrame: stored)
            guard (try? Event(type: event.type.rawValue, payload: payload)) == event else {
              throw bad("textFrame does not decompress to the document's text")
            }
            exported = payload
          }
          let payload = Archive.storedPayload(
            of: event, exported: exported, seq: UInt64(seq), recordedAt: recordedAt.microseconds,
            prev: writer.headHash, hash: hashHex.lowercased())
          let appended = try append(
            event, with: &writer, recordedAt: recordedAt.microseconds, payload: payload)
          guard Hex.encode(writer.headHash) == hashHex.lowercased() else {
            throw bad("seq \(appended): hash does not match the event's content")
          }
          if rules != nil { state.apply(RecordedEvent(seq: appended, recordedAt: recordedAt, event: event)) }
          count += 1
        }
        return count
      }
    } catch {
      throw .wrap(error, "importing into \(path)")
    }
    try refreshSnapshot()
    return imported
  }

  /// The payload bytes to store for an imported event: the one whose hash is the exported
  /// hash among the payload with its text frame as exported (checked by the caller), the
  /// current layout, and the layouts of earlier versions (an export of an archive written
  /// before payload version 2); the current layout when none is.
  static func storedPayload(
    of event: Event, exported: [UInt8]?, seq: UInt64, recordedAt: Int64, prev: [UInt8], hash: String
  ) -> [UInt8] {
    func matches(_ payload: [UInt8]) -> Bool {
      let envelope = Envelope(
        seq: seq, type: event.type.rawValue, recordedAt: recordedAt, data: payload, prev: prev, hash: [])
      return Hex.encode(ChainHasher.hash(prev: prev, canonical: envelope.canonicalBytes)) == hash
    }
    // Tried in that order and each built only when the one before does not match: an export
    // of this build's archive matches the first, with no text compressed again.
    if let exported, matches(exported) { return exported }
    let current = event.payload
    if matches(current) { return current }
    for version in Event.readablePayloadVersions.reversed() where version != Event.payloadVersion {
      let older = event.payload(version: version)
      if matches(older) { return older }
    }
    return current
  }
}
