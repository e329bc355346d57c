import Domain

/// SplitMix64: a small, seedable generator, so a failing property names its seed.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose whole output is fixed by `seed`.
  package init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random but valid domain values, covering every field and every event type.
package struct RandomEvents {
  var rng: SeededGenerator

  /// A source of random events fixed by `seed`.
  package init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

  /// `count` random events fixed by `seed`, each recorded at its place in a log.
  package static func log(seed: UInt64, count: Int) -> [RecordedEvent] {
    var random = RandomEvents(seed: seed)
    return (0..<count).map { i in
      RecordedEvent(
        seq: UInt64(i + 1), recordedAt: Timestamp(microseconds: 1_700_000_000_000_000 + Int64(i)),
        event: random.event())
    }
  }

  static let words = [
    "Luxembourg", "لوكسمبورغ", "meeting", "اجتماع", "CIFG", "\"quoted\"", "back\\slash", "tab\tand\nnewline",
    "emoji 🇱🇺", "Ünïcödé", "", " ", "56", "\u{1}control",
  ]

  mutating func chance(_ p: Double = 0.5) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

  mutating func text(_ maxWords: Int = 6) -> String {
    (0..<Int.random(in: 0...maxWords, using: &rng)).map { _ in
      RandomEvents.words.randomElement(using: &rng) ?? ""
    }
    .joined(separator: " ")
  }

  mutating func maybe<T>(_ make: (inout RandomEvents) -> T) -> T? { chance() ? make(&self) : nil }

  mutating func date() -> CalendarDate {
    CalendarDate(daysSinceEpoch: Int.random(in: 10_000...22_000, using: &rng))
  }

  mutating func evidence() -> Evidence {
    let start = Int.random(in: 0...5000, using: &rng)
    return Evidence(range: start..<start + Int.random(in: 0...80, using: &rng), quote: text(3))
  }

  mutating func stated<V>(_ value: V) -> Stated<V> { Stated(value, evidence: evidence()) }

  /// Random facts, each field present or absent.
  package mutating func facts() -> Facts {
    Facts(
      extractor: "test-\(Int.random(in: 1...3, using: &rng))",
      group: maybe { $0.stated(["cifg", "coalition", "ftf"].randomElement(using: &$0.rng) ?? "cifg") },
      ordinal: maybe { $0.stated(Int.random(in: 1...30, using: &$0.rng)) },
      start: maybe { $0.stated($0.date()) }, end: maybe { $0.stated($0.date()) },
      city: maybe { $0.stated($0.text(2)) },
      country: maybe { $0.stated(["LU", "IT", "SA", "US"][$0.int(4)]) },
      virtual: maybe { $0.stated($0.chance()) },
      chairs: (0..<int(4)).map { _ in stated(["IT", "SA", "US"][int(3)]) },
      counts: (0..<int(3)).map { _ in
        CountStatement(
          value: maybe { Int.random(in: 0...200, using: &$0.rng) },
          qualifier: CountQualifier.allCases[int(CountQualifier.allCases.count)],
          counts: CountedKind.allCases[int(CountedKind.allCases.count)], evidence: evidence(),
          group: maybe { ["coalition", "small-group"][$0.int(2)] })
      },
      themes: (0..<int(4)).map { _ in stated(["virtual-assets", "antiquities", "region/africa"][int(3)]) })
  }

  mutating func int(_ below: Int) -> Int { Int.random(in: 0..<below, using: &rng) }

  /// A random document with a random text (and so a random id).
  package mutating func document() -> Document {
    Document(
      source: text(2), format: ["rss", "text-dump", "atom", "html"][int(4)],
      feed: maybe { FeedInfo(title: $0.maybe { $0.text() }, link: $0.maybe { $0.text(1) }, language: "en") },
      guid: maybe { $0.text(1) }, link: maybe { $0.text(1) }, title: maybe { $0.text() },
      published: maybe { $0.date() }, language: ["en", "ar", "fr"][int(3)],
      originalLink: maybe { $0.text(1) }, isTranslation: chance(), text: text(40) + " \(rng.next())")
  }

  /// A random event of any type.
  package mutating func event() -> Event {
    switch int(4) {
    case 0:
      return .documentIngested(
        DocumentIngested(document: document(), facts: facts(), revises: maybe { $0.document().id }))
    case 1:
      return .documentReextracted(DocumentReextracted(document: document().id, facts: facts()))
    case 2:
      return .factCorrected(
        FactCorrected(
          target: "cifg-\(int(20))",
          changes: (0..<1 + int(3)).map { _ in
            FieldChange(field: ["city", "start", "chairs"][int(3)], value: maybe { $0.text(2) })
          },
          reason: text(), author: maybe { $0.text(1) }, effective: maybe { $0.date() }))
    default:
      return .documentRetracted(
        DocumentRetracted(document: document().id, reason: text(), author: maybe { $0.text(1) }))
    }
  }
}

/// Statements of the kind a feed publishes, varied by seed: enough text to train a
/// ``TextDictionary`` on (each a few hundred bytes, sharing the feed's sentences).
package func statementTexts(count: Int, seed: UInt64) -> [String] {
  var rng = SeededGenerator(seed: seed)
  let cities = ["Rome", "Riyadh", "Manama", "Luxembourg", "Kuwait City", "Paris", "Rabat", "Doha"]
  let themes = ["virtual assets", "antiquities", "front companies", "kidnapping for ransom", "charities"]
  return (0..<count).map { index in
    let city = cities.randomElement(using: &rng) ?? ""
    let theme = themes.randomElement(using: &rng) ?? ""
    let members = Int.random(in: 30...90, using: &rng)
    return """
      Release \(index): Joint statement of the Counter ISIS Finance Group. The group met in \(city) \
      on \(Int.random(in: 1...28, using: &rng)) November and was co-chaired by Italy, Saudi Arabia \
      and the United States. \(members) members took part and discussed \(theme), the financing of \
      the group's affiliates, and how to share information with the private sector. The members \
      agreed to meet again next year and thanked \(city) for hosting the meeting.
      """
  }
}

extension RandomEvents {
  /// An event of a log shaped like a press archive, given the documents ingested before it:
  /// mostly releases that state nothing; some statements; revisions of earlier releases (with
  /// facts or without); re-extractions, retractions and corrections of earlier documents, of
  /// meetings and of count series; with `reingestions`, now and then an earlier document's
  /// id again (which `verify` refuses, and a fold must still take).
  /// `silence`: the share of new releases that state nothing.
  package mutating func pressArchiveEvent(
    after earlier: [Document], reingestions: Bool = false, silence: Double = 0.6
  ) -> Event {
    let someFacts = { (r: inout RandomEvents) -> Facts in
      r.chance(silence) ? Facts(extractor: "test") : r.facts()
    }
    // The rarer a statement, the rarer what follows one.
    if let document = earlier.randomElement(using: &rng), Double(int(100)) < 75 * (1 - silence) {
      switch int(30) {
      case 0..<8:
        var revision = self.document()
        revision.guid = document.guid ?? "guid-\(int(1000))"
        revision.link = document.link
        return .documentIngested(
          DocumentIngested(document: revision, facts: someFacts(&self), revises: document.id))
      case 8..<12: return .documentReextracted(DocumentReextracted(document: document.id, facts: facts()))
      case 12..<16: return .documentRetracted(DocumentRetracted(document: document.id, reason: text()))
      case 16..<18 where reingestions:
        return .documentIngested(DocumentIngested(document: document, facts: someFacts(&self)))
      default:
        let target = [document.id.description, "cifg-\(int(30))", "members/cifg/\(date())"][int(3)]
        let fields =
          target.hasPrefix("members/") ? ["value", "qualifier"] : ["city", "start", "group", "ordinal"]
        var changes = [FieldChange(field: fields[int(fields.count)], value: maybe { $0.text(1) })]
        if target.hasPrefix("sha256:"), chance() {
          // Enough to make a meeting of a release that stated none.
          changes = [
            FieldChange(field: "group", value: "cifg"), FieldChange(field: "ordinal", value: "\(1 + int(5))"),
          ]
        }
        return .factCorrected(
          FactCorrected(
            target: target, changes: changes, reason: "reason", author: nil, effective: maybe { $0.date() }))
      }
    }
    return .documentIngested(DocumentIngested(document: document(), facts: someFacts(&self)))
  }
}
