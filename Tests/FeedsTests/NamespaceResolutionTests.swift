import Testing

@testable import Feeds

/// Qualified names split into namespace and local name as the tree builder reads them.
@Suite struct NamespaceResolutionTests {
  @Test func aNameWithoutPrefixTakesTheDefaultNamespace() {
    #expect(MarkupTreeBuilder.resolve("title", in: [:]) == ("", "title"))
    #expect(MarkupTreeBuilder.resolve("title", in: ["": "urn:x", "a": "urn:a"]) == ("urn:x", "title"))
    #expect(MarkupTreeBuilder.resolve("título", in: ["a": "urn:a"]) == ("", "título"))
  }

  @Test func aPrefixIsDeclaredConventionalOrUndeclared() {
    #expect(MarkupTreeBuilder.resolve("x:y", in: ["x": "urn:x"]) == ("urn:x", "y"))
    #expect(MarkupTreeBuilder.resolve("DC:date", in: [:]) == (Namespaces.dublinCore, "date"))
    #expect(MarkupTreeBuilder.resolve("a:b:c", in: [:]) == ("undeclared:a", "b:c"))
  }

  @Test func theSplitIsAtTheFirstColonCharacterInAnyName() {
    #expect(MarkupTreeBuilder.resolve("é:y", in: ["é": "urn:e"]) == ("urn:e", "y"))
    // A colon carrying a combining mark is no colon Character: the next one splits the name.
    #expect(MarkupTreeBuilder.resolve("a:\u{0301}b:c", in: [:]) == ("undeclared:a:\u{0301}b", "c"))
    #expect(MarkupTreeBuilder.resolve("a:\u{0301}b", in: ["": "urn:d"]) == ("urn:d", "a:\u{0301}b"))
  }
}
