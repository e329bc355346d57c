import Domain

/// The JSON form of events: what `export` writes as `data`, `show` prints, `import` reads.
///
/// Every field is written, absent ones as `null`, so the shape never depends on the values.
extension Event {
  /// The event's data as JSON.
  package var json: JSONValue {
    switch self {
    case .documentIngested(let e):
      // `capture` only for a document read from one, so every other document's JSON is as it was.
      .object(
        [
          ("document", e.document.json),
          ("facts", e.facts.json),
          ("revises", .text(e.revises)),
        ] + (e.capture.map { [("capture", JSONValue.int(Int($0)))] } ?? []))
    case .documentReextracted(let e):
      .object([("document", .string(e.document.description)), ("facts", e.facts.json)])
    case .factCorrected(let e):
      .object([
        ("target", .string(e.target)),
        (
          "changes",
          .array(e.changes.map { .object([("field", .string($0.field)), ("value", .text($0.value))]) })
        ),
        ("reason", .string(e.reason)),
        ("author", .text(e.author)),
        ("effective", .text(e.effective)),
      ])
    case .documentRetracted(let e):
      .object([
        ("document", .string(e.document.description)),
        ("reason", .string(e.reason)),
        ("author", .text(e.author)),
      ])
    case .subscriptionAdded(let e):
      .object([("url", .string(e.url)), ("group", .text(e.group)), ("language", .text(e.language))])
    case .subscriptionChanged(let e):
      .object([
        ("url", .string(e.url)), ("movedTo", .text(e.movedTo)), ("group", .text(e.group)),
        ("language", .text(e.language)), ("reason", .text(e.reason)),
      ])
    case .subscriptionRemoved(let e):
      .object([("url", .string(e.url)), ("reason", .text(e.reason))])
    case .captureRecorded(let e):
      e.json
    }
  }

  /// Reads an event of a type from its JSON data; the error names the offending field.
  package init(type: EventType, json: JSONValue) throws(JSONShapeError) {
    let j = JSONReader(json, path: "data")
    switch type {
    case .documentIngested:
      var document = try Document(json: j.field("document"))
      let facts = try Facts(json: j.field("facts"))
      let revises = try j.optional("revises") { (r) throws(JSONShapeError) in try r.documentID() }
      let text = try j.field("document").field("text").string()
      document.text = text
      document.id = DocumentID(text: text)
      let stated = try j.field("document").field("id").documentID()
      guard stated == document.id else {
        throw JSONShapeError(path: "data.document.id", problem: "does not match the SHA-256 of the text")
      }
      let capture =
        j.value["capture"] == nil
        ? nil : try j.optional("capture") { (r) throws(JSONShapeError) in try r.seq() }
      self = .documentIngested(
        DocumentIngested(document: document, facts: facts, revises: revises, capture: capture))
    case .documentReextracted:
      self = .documentReextracted(
        DocumentReextracted(
          document: try j.field("document").documentID(), facts: try Facts(json: j.field("facts"))))
    case .factCorrected:
      let changes = try j.field("changes").array().map { (c) throws(JSONShapeError) in
        FieldChange(
          field: try c.field("field").string(),
          value: try c.optional("value") { (r) throws(JSONShapeError) in try r.string() })
      }
      self = .factCorrected(
        FactCorrected(
          target: try j.field("target").string(), changes: changes, reason: try j.field("reason").string(),
          author: try j.optional("author") { (r) throws(JSONShapeError) in try r.string() },
          effective: try j.optional("effective") { (r) throws(JSONShapeError) in try r.date() }))
    case .documentRetracted:
      self = .documentRetracted(
        DocumentRetracted(
          document: try j.field("document").documentID(), reason: try j.field("reason").string(),
          author: try j.optional("author") { (r) throws(JSONShapeError) in try r.string() }))
    case .subscriptionAdded:
      self = .subscriptionAdded(
        SubscriptionAdded(
          url: try j.field("url").string(), group: try j.optionalString("group"),
          language: try j.optionalString("language")))
    case .subscriptionChanged:
      self = .subscriptionChanged(
        SubscriptionChanged(
          url: try j.field("url").string(), movedTo: try j.optionalString("movedTo"),
          group: try j.optionalString("group"), language: try j.optionalString("language"),
          reason: try j.optionalString("reason")))
    case .subscriptionRemoved:
      self = .subscriptionRemoved(
        SubscriptionRemoved(url: try j.field("url").string(), reason: try j.optionalString("reason")))
    case .captureRecorded:
      self = .captureRecorded(try CaptureRecorded(json: j))
    }
  }
}

extension CaptureRecorded {
  /// `{"requestedURL","finalURL","status","httpVersion","requestHeaders":[{"name","value"}],
  /// "responseHeaders":[…],"fetchedAt","redirects":[{"status","from","to"}],"bodySHA256",
  /// "bodyLength"}`.
  package var json: JSONValue {
    func headers(_ fields: [HeaderField]) -> JSONValue {
      .array(fields.map { .object([("name", .string($0.name)), ("value", .string($0.value))]) })
    }
    return .object([
      ("requestedURL", .string(requestedURL)),
      ("finalURL", .string(finalURL)),
      ("status", .int(status)),
      ("httpVersion", .string(httpVersion)),
      ("requestHeaders", headers(requestHeaders)),
      ("responseHeaders", headers(responseHeaders)),
      ("fetchedAt", .string(fetchedAt.description)),
      (
        "redirects",
        .array(
          redirects.map {
            .object([("status", .int($0.status)), ("from", .string($0.from)), ("to", .string($0.to))])
          })
      ),
      ("bodySHA256", .string(Hex.encode(bodySHA256))),
      ("bodyLength", .int(bodyLength)),
    ])
  }

  init(json j: JSONReader) throws(JSONShapeError) {
    func headers(_ key: String) throws(JSONShapeError) -> [HeaderField] {
      try j.field(key).array().map { (r) throws(JSONShapeError) in
        HeaderField(name: try r.field("name").string(), value: try r.field("value").string())
      }
    }
    let fetched = try j.field("fetchedAt").string()
    guard let fetchedAt = Timestamp(iso: fetched) else {
      throw JSONShapeError(path: j.path + ".fetchedAt", problem: "expected a timestamp")
    }
    let digestText = try j.field("bodySHA256").string()
    guard let digest = Hex.decode(digestText), digest.count == 32 else {
      throw JSONShapeError(path: j.path + ".bodySHA256", problem: "expected 64 hex digits")
    }
    let length = try j.field("bodyLength").int()
    guard length >= 0 else { throw JSONShapeError(path: j.path + ".bodyLength", problem: "negative") }
    self.init(
      requestedURL: try j.field("requestedURL").string(), finalURL: try j.field("finalURL").string(),
      status: try j.field("status").int(), httpVersion: try j.field("httpVersion").string(),
      requestHeaders: try headers("requestHeaders"), responseHeaders: try headers("responseHeaders"),
      fetchedAt: fetchedAt,
      redirects: try j.field("redirects").array().map { (r) throws(JSONShapeError) in
        Redirect(
          status: try r.field("status").int(), from: try r.field("from").string(),
          to: try r.field("to").string())
      },
      bodySHA256: digest, bodyLength: length)
  }
}

extension Document {
  /// The document as JSON, text included, with `"encoding"` after the text only when the
  /// document records one (so the JSON of every other document is as it always was).
  package var json: JSONValue {
    var fields: [(String, JSONValue)] = [
      ("id", .string(id.description)),
      ("source", .string(source)),
      ("format", .string(format)),
      ("feed", feed.map(\.json) ?? .null),
      ("guid", .text(guid)),
      ("link", .text(link)),
      ("title", .text(title)),
      ("published", .text(published)),
      ("language", .string(language)),
      ("originalLink", .text(originalLink)),
      ("isTranslation", .bool(isTranslation)),
      ("text", .string(text)),
    ]
    if let encoding { fields.append(("encoding", encoding.json)) }
    return .object(fields)
  }

  init(json j: JSONReader) throws(JSONShapeError) {
    // Absent (every export written before it was recorded) or null: no decision recorded.
    let encoding =
      j.value["encoding"] == nil
      ? nil : try j.optional("encoding") { (r) throws(JSONShapeError) in try EncodingDecision(json: r) }
    self.init(
      source: try j.field("source").string(), format: try j.field("format").string(),
      feed: try j.optional("feed") { (r) throws(JSONShapeError) in try FeedInfo(json: r) },
      guid: try j.optionalString("guid"), link: try j.optionalString("link"),
      title: try j.optionalString("title"),
      published: try j.optional("published") { (r) throws(JSONShapeError) in try r.date() },
      language: try j.field("language").string(), originalLink: try j.optionalString("originalLink"),
      isTranslation: try j.field("isTranslation").bool(), text: "", encoding: encoding)
  }
}

extension EncodingDecision {
  /// `{"encoding":…,"basis":…,"declared":…}`.
  package var json: JSONValue {
    .object([
      ("encoding", .string(encoding)), ("basis", .string(basis.rawValue)), ("declared", .text(declared)),
    ])
  }

  init(json j: JSONReader) throws(JSONShapeError) {
    let b = try j.field("basis").string()
    guard let basis = Basis(rawValue: b) else {
      throw JSONShapeError(path: j.path + ".basis", problem: "unknown basis \(b)")
    }
    let encoding = try j.field("encoding").string()
    guard !encoding.isEmpty else { throw JSONShapeError(path: j.path + ".encoding", problem: "empty") }
    self.init(encoding: encoding, basis: basis, declared: try j.optionalString("declared"))
  }
}

extension FeedInfo {
  /// The feed's metadata as JSON.
  package var json: JSONValue {
    .object([("title", .text(title)), ("link", .text(link)), ("language", .text(language))])
  }

  init(json j: JSONReader) throws(JSONShapeError) {
    self.init(
      title: try j.optionalString("title"), link: try j.optionalString("link"),
      language: try j.optionalString("language"))
  }
}

extension Evidence {
  /// `{"start":…,"end":…,"quote":…}`.
  package var json: JSONValue {
    .object([("start", .int(range.lowerBound)), ("end", .int(range.upperBound)), ("quote", .string(quote))])
  }

  init(json j: JSONReader) throws(JSONShapeError) {
    let start = try j.field("start").int()
    let end = try j.field("end").int()
    guard start >= 0, end >= start else {
      throw JSONShapeError(path: j.path, problem: "start and end do not form a range")
    }
    self.init(range: start..<end, quote: try j.field("quote").string())
  }
}

extension Stated {
  /// `{"value":…,"evidence":{…}}`.
  func json(_ value: (Value) -> JSONValue) -> JSONValue {
    .object([("value", value(self.value)), ("evidence", evidence.json)])
  }
}

extension Facts {
  /// The facts as JSON, each with its evidence.
  package var json: JSONValue {
    func stated<V>(_ s: Stated<V>?, _ f: (V) -> JSONValue) -> JSONValue { s.map { $0.json(f) } ?? .null }
    return .object([
      ("extractor", .string(extractor)),
      ("group", stated(group) { .string($0) }),
      ("ordinal", stated(ordinal) { .int($0) }),
      ("start", stated(start) { .string($0.description) }),
      ("end", stated(end) { .string($0.description) }),
      ("city", stated(city) { .string($0) }),
      ("country", stated(country) { .string($0) }),
      ("virtual", stated(virtual) { .bool($0) }),
      ("chairs", .array(chairs.map { $0.json { .string($0) } })),
      ("counts", .array(counts.map(\.json))),
      ("themes", .array(themes.map { $0.json { .string($0) } })),
    ])
  }

  init(json j: JSONReader) throws(JSONShapeError) {
    func stated<V>(
      _ key: String, _ read: (JSONReader) throws(JSONShapeError) -> V
    ) throws(JSONShapeError) -> Stated<V>? {
      try j.optional(key) { (r) throws(JSONShapeError) in
        Stated(try read(r.field("value")), evidence: try Evidence(json: r.field("evidence")))
      }
    }
    func list(_ key: String) throws(JSONShapeError) -> [Stated<String>] {
      try j.field(key).array().map { (r) throws(JSONShapeError) in
        Stated(try r.field("value").string(), evidence: try Evidence(json: r.field("evidence")))
      }
    }
    self.init(
      extractor: try j.field("extractor").string(),
      group: try stated("group") { (r) throws(JSONShapeError) in try r.string() },
      ordinal: try stated("ordinal") { (r) throws(JSONShapeError) in try r.int() },
      start: try stated("start") { (r) throws(JSONShapeError) in try r.date() },
      end: try stated("end") { (r) throws(JSONShapeError) in try r.date() },
      city: try stated("city") { (r) throws(JSONShapeError) in try r.string() },
      country: try stated("country") { (r) throws(JSONShapeError) in try r.string() },
      virtual: try stated("virtual") { (r) throws(JSONShapeError) in try r.bool() },
      chairs: try list("chairs"),
      counts: try j.field("counts").array().map { (r) throws(JSONShapeError) in try CountStatement(json: r) },
      themes: try list("themes"))
  }
}

extension CountStatement {
  /// `{"value":…,"qualifier":…,"counts":…,"evidence":{…}}`, with `"group":…` before the
  /// evidence when the count names its group.
  package var json: JSONValue {
    var fields: [(String, JSONValue)] = [
      ("value", .number(value)),
      ("qualifier", .string(qualifier.rawValue)),
      ("counts", .string(counts.rawValue)),
    ]
    if let group { fields.append(("group", .string(group))) }
    fields.append(("evidence", evidence.json))
    return .object(fields)
  }

  init(json j: JSONReader) throws(JSONShapeError) {
    let q = try j.field("qualifier").string()
    let c = try j.field("counts").string()
    guard let qualifier = CountQualifier(rawValue: q) else {
      throw JSONShapeError(path: j.path + ".qualifier", problem: "unknown qualifier \(q)")
    }
    guard let counts = CountedKind(rawValue: c) else {
      throw JSONShapeError(path: j.path + ".counts", problem: "unknown counted kind \(c)")
    }
    self.init(
      value: try j.optional("value") { (r) throws(JSONShapeError) in try r.int() }, qualifier: qualifier,
      counts: counts, evidence: try Evidence(json: j.field("evidence")),
      group: j.value["group"] == nil ? nil : try j.optionalString("group"))
  }
}

/// Why a JSON value does not have the shape an event needs, with the path to the field.
package struct JSONShapeError: Error, Hashable, CustomStringConvertible {
  /// The path to the field, like `data.facts.start.evidence`.
  package var path: String
  /// What is wrong with it.
  package var problem: String

  /// Creates an error for a field.
  package init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  /// `path: problem`.
  package var description: String { "\(path): \(problem)" }
}

/// Reads typed fields out of a ``JSONValue``, keeping the path for error messages.
package struct JSONReader: Sendable {
  /// The value read.
  package let value: JSONValue
  /// Where it sits in the document.
  package let path: String

  /// Wraps a value found at a path.
  package init(_ value: JSONValue, path: String) {
    self.value = value
    self.path = path
  }

  private func wrong(_ expected: String) -> JSONShapeError {
    JSONShapeError(path: path, problem: "expected \(expected)")
  }

  /// The member `key`; missing members are an error.
  package func field(_ key: String) throws(JSONShapeError) -> JSONReader {
    guard case .object = value else { throw wrong("an object") }
    guard let member = value[key] else { throw JSONShapeError(path: path + "." + key, problem: "missing") }
    return JSONReader(member, path: path + "." + key)
  }

  /// The member `key` read by `read`, or nil when it is `null`; a missing member is an
  /// error, since every field is always written.
  package func optional<T>(
    _ key: String, _ read: (JSONReader) throws(JSONShapeError) -> T
  ) throws(JSONShapeError) -> T? {
    guard case .object = value else { throw wrong("an object") }
    guard let member = value[key] else { throw JSONShapeError(path: path + "." + key, problem: "missing") }
    guard !member.isNull else { return nil }
    return try read(JSONReader(member, path: path + "." + key))
  }

  /// The member `key` as an optional string.
  package func optionalString(_ key: String) throws(JSONShapeError) -> String? {
    try optional(key) { (r) throws(JSONShapeError) in try r.string() }
  }

  /// The value as a string.
  package func string() throws(JSONShapeError) -> String {
    guard let s = value.stringValue else { throw wrong("a string") }
    return s
  }

  /// The value as an integer.
  package func int() throws(JSONShapeError) -> Int {
    guard let i = value.intValue else { throw wrong("an integer") }
    return i
  }

  /// The value as a bool.
  package func bool() throws(JSONShapeError) -> Bool {
    guard let b = value.boolValue else { throw wrong("true or false") }
    return b
  }

  /// The value as an ISO date.
  package func date() throws(JSONShapeError) -> CalendarDate {
    guard let d = value.stringValue.flatMap({ CalendarDate(iso: $0) }) else {
      throw wrong("a YYYY-MM-DD date")
    }
    return d
  }

  /// The value as a `sha256:` document id.
  package func documentID() throws(JSONShapeError) -> DocumentID {
    guard let d = value.stringValue.flatMap({ DocumentID($0) }) else { throw wrong("a sha256: document id") }
    return d
  }

  /// The value as a seq: a positive integer.
  package func seq() throws(JSONShapeError) -> UInt64 {
    guard let i = value.intValue, i > 0 else { throw wrong("a seq (a positive integer)") }
    return UInt64(i)
  }

  /// The value as an array of readers.
  package func array() throws(JSONShapeError) -> [JSONReader] {
    guard let items = value.arrayValue else { throw wrong("an array") }
    return items.enumerated().map { JSONReader($1, path: "\(path)[\($0)]") }
  }
}
