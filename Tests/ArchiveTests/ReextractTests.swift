import Domain
import Foundation
import Projections
import Testing

@testable import Archive

@Suite struct ReextractTests {
  /// A labeled fixture's document and the facts the current extractor reads from it.
  func understood(_ name: String, in archive: Archive) throws -> (Document, Facts) {
    let item = try #require(try archive.ingest([fixture("labeled/" + name)], dryRun: true).documents.first)
    return (item.document, item.facts)
  }

  /// Facts an old, worse extractor might have stored: a wrong city, nothing else.
  let wrongFacts = Facts(
    extractor: "0", city: Stated("Paris", evidence: Evidence(range: 0..<5, quote: "Paris")))

  @Test func aDocumentStoredWithWrongFactsGetsTheFactsTheExtractorReadsNow() throws {
    try withArchive { archive, path in
      let (document, facts) = try understood("en01_cifg1_rome.txt", in: archive)
      _ = try archive.recordForTest([(document, wrongFacts)])
      let report = try archive.reextract()
      #expect(report.examined == 1)
      #expect(report.unchanged == 0)
      let change = try #require(report.changed.first)
      #expect(report.changed.count == 1)
      #expect(change.document == document.id)
      #expect(change.seq == 2)
      let names = Set(change.fields.map(\.field))
      #expect(
        names.isSuperset(of: ["group", "ordinal", "start", "city", "country", "chairs", "counts", "themes"]))
      #expect(
        change.fields.first { $0.field == "city" } == ChangedFact(field: "city", from: "Paris", to: "Rome"))

      let events = try archive.events()
      #expect(events.count == 2)
      #expect(
        events.last?.event == .documentReextracted(DocumentReextracted(document: document.id, facts: facts)))
      let state = try archive.state()
      #expect(state.sources[document.id]?.facts == FactValues(facts))
      #expect(state.sources[document.id]?.factsSeq == 2)
      let meeting = try #require(try archive.view().meetings.first)
      #expect(meeting.id == "cifg-1")
      #expect(meeting.city == "Rome")
      #expect(try archive.verify().passed)
    }
  }

  @Test func aSecondRunAppendsNothing() throws {
    try withArchive { archive, _ in
      let (document, _) = try understood("en01_cifg1_rome.txt", in: archive)
      _ = try archive.recordForTest([(document, wrongFacts)])
      _ = try archive.reextract()
      let second = try archive.reextract()
      #expect(second.changed.isEmpty)
      #expect(second.examined == 1)
      #expect(second.unchanged == 1)
      #expect(try archive.events().count == 2)
    }
  }

  @Test func aDryRunReportsTheChangeAndAppendsNothing() throws {
    try withArchive { archive, _ in
      let (document, _) = try understood("en04_cifg_manama.txt", in: archive)
      _ = try archive.recordForTest([(document, wrongFacts)])
      let report = try archive.reextract(dryRun: true)
      #expect(report.dryRun)
      #expect(report.changed.map(\.document) == [document.id])
      #expect(report.changed.first?.seq == nil)
      #expect(report.changed.first?.fields.contains { $0.field == "city" && $0.to == "Manama" } == true)
      #expect(try archive.events().count == 1)
      #expect(try archive.state().sources[document.id]?.facts == FactValues(wrongFacts))
    }
  }

  @Test func factsThatDifferOnlyInTheExtractorVersionAreUnchanged() throws {
    try withArchive { archive, _ in
      var (document, facts) = try understood("en01_cifg1_rome.txt", in: archive)
      facts.extractor = "0"
      _ = try archive.recordForTest([(document, facts)])
      let report = try archive.reextract()
      #expect(report.changed.isEmpty)
      #expect(report.unchanged == 1)
      #expect(try archive.events().count == 1)
    }
  }

  @Test func onlyAMovedEvidenceIsStillAChangeNamingTheField() throws {
    try withArchive { archive, _ in
      var (document, facts) = try understood("en01_cifg1_rome.txt", in: archive)
      let city = try #require(facts.city)
      facts.city = Stated(city.value, evidence: Evidence(range: 0..<4, quote: "Rome"))
      _ = try archive.recordForTest([(document, facts)])
      let report = try archive.reextract()
      #expect(report.changed.first?.fields == [ChangedFact(field: "city", from: "Rome", to: "Rome")])
    }
  }

  @Test func aRetractedDocumentIsSkippedAndCounted() throws {
    try withArchive { archive, _ in
      let (rome, _) = try understood("en01_cifg1_rome.txt", in: archive)
      let (manama, _) = try understood("en04_cifg_manama.txt", in: archive)
      _ = try archive.recordForTest([(rome, wrongFacts), (manama, wrongFacts)])
      try archive.appendForTest(.documentRetracted(DocumentRetracted(document: rome.id, reason: "test")))
      let report = try archive.reextract()
      #expect(report.retracted == 1)
      #expect(report.examined == 1)
      #expect(report.changed.map(\.document) == [manama.id])
      #expect(try archive.state().sources[rome.id]?.facts == FactValues(wrongFacts))
    }
  }

  @Test func anotherWritersReextractionBetweenBatchesIsNotAppendedAgain() throws {
    try withArchive { archive, _ in
      let (rome, _) = try understood("en01_cifg1_rome.txt", in: archive)
      let (manama, manamaFacts) = try understood("en04_cifg_manama.txt", in: archive)
      _ = try archive.recordForTest([(rome, wrongFacts), (manama, wrongFacts)])
      var progress: [ReextractProgress] = []
      let report = try archive.reextract(batchSize: 1) { step in
        progress.append(step)
        // Between the two batches another writer fixes the second document first.
        if step.done == 1 {
          try? archive.appendForTest(
            .documentReextracted(DocumentReextracted(document: manama.id, facts: manamaFacts)))
        }
      }
      #expect(report.changed.map(\.document) == [rome.id])
      #expect(report.unchanged == 1)
      #expect(progress.map(\.done) == [1, 2])
      #expect(progress.allSatisfy { $0.total == 2 })
      #expect(try archive.events().count == 4)
      #expect(try archive.verify().passed)
    }
  }

  @Test func anEmptyArchiveExaminesNothing() throws {
    try withArchive { archive, _ in
      let report = try archive.reextract()
      #expect(report.examined == 0)
      #expect(report.changed.isEmpty)
      #expect(try archive.events().isEmpty)
    }
  }

  @Test func theJSONHasTheContractsShape() throws {
    try withArchive { archive, _ in
      let (document, _) = try understood("en01_cifg1_rome.txt", in: archive)
      _ = try archive.recordForTest([(document, wrongFacts)])
      let json = try archive.reextract(dryRun: true).json
      #expect(json["dryRun"] == .bool(true))
      #expect(json["examined"] == .int(1))
      #expect(json["unchanged"] == .int(0))
      let change = try #require(json["changed"]?.arrayValue?.first)
      #expect(change["document"] == .string(document.id.description))
      #expect(change["seq"] == .null)
      #expect(change["fields"]?.arrayValue?.contains(.string("city")) == true)
    }
  }
}

extension Archive {
  /// Appends one event as it is, in its own transaction.
  func appendForTest(_ event: Event) throws {
    try log.write { writer in _ = try append(event, with: &writer) }
  }
}
