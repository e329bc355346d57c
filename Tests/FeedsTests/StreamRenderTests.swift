import Testing

@testable import Feeds

/// The one-pass HTML renderer must read exactly as building the tree and rendering it did.
@Suite struct StreamRenderTests {
  /// Fragments that exercise implied ends, misnesting, void and hidden elements, raw text,
  /// `pre`, table cells, links, split no-break spaces and breaks in the input.
  static let fragments = [
    "<p>one<p>two<div>three</p>four</div>", "<ul><li>a<li>b</ul><dl><dt>x<dd>y</dl>",
    "<table><tr><td>1<td>2<tr><th>3</table>after", "<b>bold <i>both</b> italic</i> plain",
    "<p>a<br>b<br/>c</p><hr>d", "<script>x<p>y</script><style>p{}</style>z<svg><p>q</p></svg>w",
    "<pre>  keep\n  this  </pre> then  collapse", "<a href=' /x '>x</a><a href=\"/x\">again</a><a href>",
    "a\u{C2}<!-- c -->\u{A0}b", "a&nbsp;&nbsp;b &amp c &#146; &notit; <p/>", "<title>T &amp; t</title>x",
    "<select><option>a<option>b</select>c</div></span>d", "<p>unclosed <em>to the end",
    "<bloc\u{212A}quote>kelvin</bloc\u{212A}quote>tail", "<P>Upper<BR>Case</P>",
    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><p>a &e; b</p>", "<x:y>ns</x:y><p/>",
  ]

  @Test(arguments: fragments) func streamMatchesTree(fragment: String) {
    let bytes = Array(fragment.utf8)
    let tree = MarkupTreeBuilder.build(bytes, dialect: .html).tree
    #expect(MarkupText.renderHTMLTokens(bytes) == MarkupText.render(tree, from: MarkupTree.document))
  }

  @Test func textBytesAreTheUTF8OfTextContent() {
    let xml = "<r><a>one &amp; «two»</a><b>x<c>y<![CDATA[<p>z</p>]]></c>&#x1F600;</b><d/><e> </e></r>"
    let tree = MarkupTreeBuilder.build(Array(xml.utf8), dialect: .xml).tree
    #expect(tree.nodes.count > 5)
    for index in tree.nodes.indices {
      #expect(tree.textBytes(index) == Array(tree.textContent(index).utf8), "node \(index)")
    }
  }

  @Test(arguments: fragments) func renderingBytesIsRenderingTheString(fragment: String) {
    #expect(MarkupText.render(html: Array(fragment.utf8)) == MarkupText.render(html: fragment))
  }

  @Test func rfc822DatesReadTheSameOnBytes() {
    #expect(FeedDate.day("Wed, 20 Nov 2019 10:00:00 -0500") == .init(year: 2019, month: 11, day: 20))
    #expect(FeedDate.day("20-NOVEMBER-19") == .init(year: 2019, month: 11, day: 20))
    #expect(FeedDate.day("Sun, 9 Jan +2022") == .init(year: 2022, month: 1, day: 9))
    #expect(FeedDate.day("Mon, 31 Feb 2020") == .init(year: 2020, month: 2, day: 31))
    #expect(FeedDate.day("no date here at all") == nil)
  }
}
