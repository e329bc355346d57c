import Domain

/// What a version-3 `document.ingested` payload compresses in one frame against the
/// archive's dictionary: the document's source, feed and title with its text.
///
/// They are most of a small release's bytes beside its text, and repeat across a feed (its
/// path, title and link) or the text itself (the title is its first line): compressed alone
/// they stayed a third of an event. A fold never reads them, so it steps over the block
/// whole; docs/FORMAT.md gives the layout.
enum StoredBlock {
  /// The block's bytes: string source, optional feed (optional string title, link, language),
  /// optional string title, then the text's UTF-8 to the end.
  static func bytes(of document: Document) -> [UInt8] {
    var w = ByteWriter()
    w.string(document.source)
    w.optional(document.feed) { w, feed in
      w.optionalString(feed.title)
      w.optionalString(feed.link)
      w.optionalString(feed.language)
    }
    w.optionalString(document.title)
    w.raw(Array(document.text.utf8))
    return w.bytes
  }

  /// What a block holds, read back.
  struct Contents {
    var source: String
    var feed: FeedInfo?
    var title: String?
    var text: String
  }

  /// The block in `bytes`, its text checked against the document's `id`.
  static func contents(_ bytes: UnsafeRawBufferPointer, id: DocumentID) throws(StoredFormError) -> Contents {
    try ByteReader.withReader(over: bytes) { (r: inout ByteReader) throws(StoredFormError) -> Contents in
      let source = try r.string()
      let feed = try r.optional { (r: inout ByteReader) throws(StoredFormError) in
        FeedInfo(
          title: try r.optionalString(), link: try r.optionalString(), language: try r.optionalString())
      }
      let title = try r.optionalString()
      let start = r.offset
      guard let text = ByteReader.validatedString(try r.slice(bytes.count - start)) else {
        throw .malformed("invalid UTF-8", at: start)
      }
      guard DocumentID(text: text) == id else {
        throw .malformed("document text does not match its id", at: start)
      }
      return Contents(source: source, feed: feed, title: title, text: text)
    }
  }
}

extension ByteWriter {
  /// A document's block (``StoredBlock``), compressed against `dictionary` when that saves
  /// bytes, else plain: a version-3 payload stores no frame compressed alone.
  mutating func storedBlock(_ document: Document, dictionary: TextDictionary?) {
    let block = StoredBlock.bytes(of: document)
    let frame = block.withUnsafeBytes { bytes in
      dictionary != nil && bytes.count > 64 && bytes.count <= StoredText.compressionLimit
        ? StoredText.compressed(bytes, dictionary: dictionary) : nil
    }
    if let frame, let dictionary {
      storedText(StoredTextFrame(frame: frame, dictionary: dictionary.id), length: block.count)
    } else {
      byte(StoredText.Codec.plain.rawValue)
      varint(UInt64(block.count))
      raw(block)
    }
  }

  /// The head of a version-3 document: its fields outside the block, those a fold reads
  /// (and the format, guid and link, which identify a release).
  mutating func documentHead(_ d: Document) {
    string(d.format)
    optionalString(d.guid)
    optionalString(d.link)
    optional(d.published) { $0.date($1) }
    string(d.language)
    optionalString(d.originalLink)
    bool(d.isTranslation)
  }
}

extension TextDictionary {
  /// The bytes of `document` a version-3 payload compresses: what a dictionary for the
  /// archive is trained on.
  package static func sample(of document: Document) -> [UInt8] { StoredBlock.bytes(of: document) }
}
