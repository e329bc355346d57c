/// Something that happened to the archive: the only thing it ever stores.
///
/// Every projection is a fold over these; nothing else is written.
public enum Event: Hashable, Sendable {
  /// A document was read, with the facts extracted from it.
  indirect case documentIngested(DocumentIngested)
  /// A newer extractor read a stored document again and found other facts.
  indirect case documentReextracted(DocumentReextracted)
  /// A person corrected one or more fields of a meeting, a count or a document.
  case factCorrected(FactCorrected)
  /// A document was withdrawn from every projection; it stays in the log.
  case documentRetracted(DocumentRetracted)
  /// A feed was followed.
  case subscriptionAdded(SubscriptionAdded)
  /// A followed feed's options changed, or it moved (a permanent redirect).
  case subscriptionChanged(SubscriptionChanged)
  /// A feed is no longer followed.
  case subscriptionRemoved(SubscriptionRemoved)
  /// A fetch returned content; its body is kept beside the log, by its SHA-256.
  indirect case captureRecorded(CaptureRecorded)

  /// The kind of event, as stored and as named in JSON.
  public var type: EventType {
    switch self {
    case .documentIngested: .documentIngested
    case .documentReextracted: .documentReextracted
    case .factCorrected: .factCorrected
    case .documentRetracted: .documentRetracted
    case .subscriptionAdded: .subscriptionAdded
    case .subscriptionChanged: .subscriptionChanged
    case .subscriptionRemoved: .subscriptionRemoved
    case .captureRecorded: .captureRecorded
    }
  }
}

/// The kinds of event, with the byte that stores each and the name JSON gives it.
public enum EventType: UInt8, CaseIterable, Sendable {
  /// `document.ingested`.
  case documentIngested = 1
  /// `document.reextracted`.
  case documentReextracted = 2
  /// `fact.corrected`.
  case factCorrected = 3
  /// `document.retracted`.
  case documentRetracted = 4
  /// `subscription.added`.
  case subscriptionAdded = 5
  /// `subscription.changed`.
  case subscriptionChanged = 6
  /// `subscription.removed`.
  case subscriptionRemoved = 7
  /// `capture.recorded`.
  case captureRecorded = 8

  /// The contract's name: `document.ingested`, `fact.corrected`…
  public var name: String {
    switch self {
    case .documentIngested: "document.ingested"
    case .documentReextracted: "document.reextracted"
    case .factCorrected: "fact.corrected"
    case .documentRetracted: "document.retracted"
    case .subscriptionAdded: "subscription.added"
    case .subscriptionChanged: "subscription.changed"
    case .subscriptionRemoved: "subscription.removed"
    case .captureRecorded: "capture.recorded"
    }
  }

  /// The type a contract name denotes, or nil.
  public init?(name: String) {
    guard let match = EventType.allCases.first(where: { $0.name == name }) else { return nil }
    self = match
  }
}

/// A document entered the archive.
public struct DocumentIngested: Hashable, Sendable {
  /// The document, with its normalized text.
  public var document: Document
  /// What the extractor read from it.
  public var facts: Facts
  /// The earlier document with the same guid or link whose text this one replaces.
  public var revises: DocumentID?
  /// The seq of the `capture.recorded` event the document was read from, when it was fetched.
  public var capture: UInt64?

  /// Creates the event.
  public init(document: Document, facts: Facts, revises: DocumentID? = nil, capture: UInt64? = nil) {
    self.document = document
    self.facts = facts
    self.revises = revises
    self.capture = capture
  }
}

/// A stored document was read again by a newer extractor, which found other facts.
public struct DocumentReextracted: Hashable, Sendable {
  /// The document read again.
  public var document: DocumentID
  /// The facts the current extractor reads.
  public var facts: Facts

  /// Creates the event.
  public init(document: DocumentID, facts: Facts) {
    self.document = document
    self.facts = facts
  }
}

/// A person's correction of one or more fields of one target.
///
/// Its properties, like those of ``FieldChange`` and ``DocumentRetracted``, are constants: a
/// logged event is never edited, only followed by another. They also keep decoding cheap:
/// with `var` properties, Swift 6.3's optimizer copied the whole value out of this
/// initializer and destroyed the original, a retain and a release of every string of every
/// correction read (docs/PERFORMANCE.md, session 7).
public struct FactCorrected: Hashable, Sendable {
  /// A meeting id (`cifg-12`), a count (`members/cifg/2019-11-20`) or a document id.
  public let target: String
  /// The fields set, in the order given; a nil value clears the field.
  public let changes: [FieldChange]
  /// Why: required, so the log explains itself.
  public let reason: String
  /// Who made the correction.
  public let author: String?
  /// The valid-time date from which the correction holds; nil means always.
  public let effective: CalendarDate?

  /// Creates the event.
  public init(
    target: String, changes: [FieldChange], reason: String, author: String? = nil,
    effective: CalendarDate? = nil
  ) {
    self.target = target
    self.changes = changes
    self.reason = reason
    self.author = author
    self.effective = effective
  }
}

/// One field set by a correction, with its new value in the archive's text form.
public struct FieldChange: Hashable, Sendable {
  /// The field's name as the timeline JSON spells it (`city`, `chairs`, `value`…).
  public let field: String
  /// The new value (`Luxembourg`, `IT,SA,US`, `2019-11-19`), or nil to clear it.
  public let value: String?

  /// Creates a field change.
  public init(field: String, value: String?) {
    self.field = field
    self.value = value
  }
}

/// A document withdrawn from every projection.
public struct DocumentRetracted: Hashable, Sendable {
  /// The document withdrawn.
  public let document: DocumentID
  /// Why: required.
  public let reason: String
  /// Who withdrew it.
  public let author: String?

  /// Creates the event.
  public init(document: DocumentID, reason: String, author: String? = nil) {
    self.document = document
    self.reason = reason
    self.author = author
  }
}

/// An event as the log holds it: its sequence number and recording time beside it.
public struct RecordedEvent: Hashable, Sendable {
  /// The position in the log, from 1.
  public var seq: UInt64
  /// When the archive recorded it (transaction time).
  public var recordedAt: Timestamp
  /// The event.
  public var event: Event

  /// Pairs an event with its place in the log.
  public init(seq: UInt64, recordedAt: Timestamp, event: Event) {
    self.seq = seq
    self.recordedAt = recordedAt
    self.event = event
  }
}
