import Testing

@testable import Search

/// An index in memory holding `texts` as documents 1, 2, … (titles empty unless given).
func index(_ texts: [String], titles: [String] = []) throws -> SearchIndex {
  let index = try SearchIndex(path: ":memory:")
  try index.create()
  try index.add(through: UInt64(texts.count), hash: [1, 2, 3]) { insert in
    for (offset, text) in texts.enumerated() {
      let title = offset < titles.count ? titles[offset] : nil
      try insert(IndexedDocument(seq: UInt64(offset + 1), title: title, text: text))
    }
  }
  return index
}

/// The seqs of the documents matching `query`, best first.
func found(_ query: String, in index: SearchIndex) throws -> [UInt64] {
  try index.matches(try #require(SearchQuery(query))).map(\.seq)
}

/// The FTS5 index: what matches which query, in which order, and what it records of the log.
@Suite struct SearchIndexTests {
  @Test func aPhraseMatchesOnlyItsWordsInOrderWhileWordsMatchAnywhere() throws {
    let index = try index([
      "Members discussed virtual assets and their risks.",
      "Assets held by virtual currency exchanges were discussed.",
      "Nothing of the kind.",
    ])
    #expect(try found(#""virtual assets""#, in: index) == [1])
    #expect(Set(try found("virtual assets", in: index)) == [1, 2])
  }

  @Test func aPrefixMatchesEveryWordStartingWithIt() throws {
    let index = try index([
      "financing of terrorism", "the financial sector", "finance ministers", "refinancing",
    ])
    #expect(Set(try found("financ*", in: index)) == [1, 2, 3])
    #expect(try found("financ", in: index).isEmpty)
  }

  @Test func allWordsMustMatch() throws {
    let index = try index(["hawala networks in Iraq", "hawala in Syria", "networks in Iraq"])
    #expect(try found("hawala iraq", in: index) == [1])
  }

  @Test func caseAndLatinAccentsDoNotMatter() throws {
    let index = try index(["The Coalition met in BRUSSELS.", "Réunion à Genève"])
    #expect(try found("brussels", in: index) == [1])
    #expect(try found("geneve reunion", in: index) == [2])
  }

  @Test func theDocumentSayingItMostOftenAndInItsTitleRanksFirst() throws {
    let index = try index(
      [
        "A long statement about many things, among them once the antiquities trade, and much else besides "
          + "that has nothing to do with it at all, going on and on.",
        "Antiquities looted and antiquities sold.",
        "Antiquities looted and antiquities sold.",
      ],
      titles: ["", "Statement", "Antiquities trafficking"])
    // The same text ranks higher with the word in its title; once in a long text, last.
    #expect(try found("antiquities", in: index) == [3, 2, 1])
  }

  @Test func theIndexRecordsTheEventItWasBuiltThrough() throws {
    let fresh = try SearchIndex(path: ":memory:")
    #expect(try fresh.builtThrough() == nil, "a file without the tables is no index")
    try fresh.create()
    #expect(try fresh.builtThrough()?.seq == 0)
    let built = try index(["one", "two"])
    #expect(try built.builtThrough()?.seq == 2)
    #expect(try built.builtThrough()?.hash == [1, 2, 3])
  }

  @Test func anAddTheOtherProcessAlreadyMadeAddsNothing() throws {
    let index = try index(["one"])
    try index.add(through: 2, hash: [9], isCurrent: { false }) { insert in
      try insert(IndexedDocument(seq: 2, title: nil, text: "two"))
    }
    #expect(try found("two", in: index).isEmpty)
    #expect(try index.builtThrough()?.seq == 1)
  }
}
