import Domain
import Projections

/// Everything the HTML report shows, resolved to text and page anchors: the meeting
/// timeline, the membership series, the themes, corrections, retractions, conflicts, and
/// every source with the evidence of each of its facts.
///
/// Built from a state and its view by ``init(state:view:knownAt:)``; rendered by
/// ``ReportPage``. Holding anchors rather than markup keeps the links testable without HTML.
public struct Report: Hashable, Sendable {
  /// The valid time of the report, if one was asked for.
  public var asOf: CalendarDate?
  /// The transaction time asked for (`seq:40`, `known:…`), if any.
  public var knownAt: String?
  /// The last event the state includes.
  public var lastSeq: UInt64
  /// When that event was recorded.
  public var lastRecordedAt: Timestamp?
  /// The meetings, oldest first, each field linked to what set it.
  public var meetings: [MeetingEntry]
  /// The membership-count series, by group and kind of count.
  public var series: [SeriesEntry]
  /// The theme statistics, by kind then id.
  public var themes: [ThemeStatistic]
  /// The corrections in effect, in log order.
  public var corrections: [CorrectionEntry]
  /// The retracted documents, in log order.
  public var retractions: [RetractionEntry]
  /// Every disagreement among sources and corrections.
  public var conflicts: [ConflictEntry]
  /// The documents published by the valid time, oldest first, with their evidence.
  public var documents: [DocumentEntry]
  /// The days every chart's time axis covers, shared so charts line up; nil without dates.
  public var axis: ClosedRange<CalendarDate>?
}

/// A link from a fact to what supports it: an evidence quote or a correction.
public struct FactLink: Hashable, Sendable {
  /// The anchor on the page (`ev-9f2c41d0e1a2-4`, `corr-12`).
  public var anchor: String
  /// The quote or the correction's reason, shown on hover.
  public var hover: String
}

/// One value of a meeting field and what supports it.
public struct LinkedValue: Hashable, Sendable {
  /// The value as shown (`Luxembourg`, `IT`, `2019-11-19`).
  public var text: String
  /// Its evidence or correction, when the archive holds one.
  public var link: FactLink?
}

/// A meeting of the timeline with each field's support.
public struct MeetingEntry: Hashable, Sendable {
  /// The meeting as the projections resolved it.
  public var meeting: Meeting
  /// The meeting's anchor on the page.
  public var anchor: String
  /// For each field (`start`, `city`, `chairs`, …), its values and their support.
  public var fields: [String: [LinkedValue]]
  /// The fields sources disagree on, with the anchor of the conflict.
  public var conflicted: [String: String]
}

/// A membership-count series: one group, one kind of count.
public struct SeriesEntry: Hashable, Sendable {
  /// The group's slug.
  public var group: String
  /// What is counted.
  public var counts: CountedKind
  /// The series' anchor on the page.
  public var anchor: String
  /// The points, oldest first, each with its support and anchor.
  public var points: [PointEntry]
}

/// One point of a series.
public struct PointEntry: Hashable, Sendable {
  /// The point as the projections resolved it.
  public var point: MembershipPoint
  /// The point's anchor on the page.
  public var anchor: String
  /// Its evidence or correction.
  public var link: FactLink?
  /// The anchor of its conflict, if sources disagree on it.
  public var conflict: String?
}

/// A correction as the report lists it.
public struct CorrectionEntry: Hashable, Sendable {
  /// The correction with its place in the log.
  public var record: CorrectionRecord
  /// Its anchor (`corr-SEQ`).
  public var anchor: String
  /// The anchor of its target on the page, when the target is shown.
  public var target: String?
}

/// A retracted document.
public struct RetractionEntry: Hashable, Sendable {
  /// The document.
  public var document: DocumentID
  /// Its headline, if it has one.
  public var title: String?
  /// Its language.
  public var language: String
  /// The retraction.
  public var retraction: RetractionRecord
}

/// A disagreement about one field of a meeting or count point.
public struct ConflictEntry: Hashable, Sendable {
  /// The meeting id or count point (`members/cifg/2019-11-20`).
  public var target: String
  /// The target's anchor on the page.
  public var targetAnchor: String
  /// The conflict's own anchor.
  public var anchor: String
  /// The field, the value that stands, and every value held with who holds it.
  public var conflict: Conflict
  /// For each holder (`sha256:…`, `correction:SEQ`), its anchor on the page.
  public var holders: [String: String]
}

/// What a report reads of a document from the log, beside what the state keeps of it.
public struct DocumentDetails: Sendable {
  /// Its headline, from its `document.ingested` event.
  public var title: String?
  /// Its link, from the same event (the state keeps none).
  public var link: String?
  /// Its current facts whole, with their evidence, from the event at the record's `factsSeq`.
  public var facts: Facts?

  /// Pairs a title and a link with facts.
  public init(title: String?, link: String? = nil, facts: Facts?) {
    self.title = title
    self.link = link
    self.facts = facts
  }
}

/// A source document and the evidence of every fact it states.
public struct DocumentEntry: Hashable, Sendable {
  /// What the projections keep of it.
  public var record: SourceRecord
  /// Its headline.
  public var title: String?
  /// Its link.
  public var link: String?
  /// Its anchor (`doc-` and the short id).
  public var anchor: String
  /// Whether it stands in the projections (not retracted, not replaced by a later revision).
  public var standing: Bool
  /// Its facts, in the order of ``Facts``, each with its quote.
  public var evidence: [EvidenceEntry]
}

/// One fact of a document and the text it was read from.
public struct EvidenceEntry: Hashable, Sendable {
  /// Its anchor (`ev-SHORT-N`).
  public var anchor: String
  /// The field (`city`, `chairs`, `count`, `themes`).
  public var field: String
  /// The value read.
  public var value: String
  /// Where and what the quote is.
  public var evidence: Evidence
}
