/// One HTTP exchange that returned content, kept as it came off the wire.
///
/// The body is the entity as received (still content-encoded, if the server encoded it), so a
/// WARC record can be written from it verbatim and its digest checked by any WARC reader.
public struct Capture: Hashable, Sendable {
  /// The URL the archive asked for: the subscription's.
  public var requestedURL: String
  /// The URL that answered, after redirects.
  public var finalURL: String
  /// The final response's HTTP status.
  public var status: Int
  /// The HTTP version of the final response, as `HTTP/1.1`.
  public var httpVersion: String
  /// The final request's header fields, in the order sent.
  public var requestHeaders: [HeaderField]
  /// The final response's header fields, verbatim and in the order received.
  public var responseHeaders: [HeaderField]
  /// When the response was received.
  public var fetchedAt: Timestamp
  /// The body exactly as received (before any content decoding).
  public var body: [UInt8]
  /// Each redirect followed on the way to `finalURL`, in order.
  public var redirects: [Redirect]

  /// Bundles one exchange.
  public init(
    requestedURL: String, finalURL: String, status: Int, httpVersion: String = "HTTP/1.1",
    requestHeaders: [HeaderField], responseHeaders: [HeaderField], fetchedAt: Timestamp,
    body: [UInt8], redirects: [Redirect] = []
  ) {
    self.requestedURL = requestedURL
    self.finalURL = finalURL
    self.status = status
    self.httpVersion = httpVersion
    self.requestHeaders = requestHeaders
    self.responseHeaders = responseHeaders
    self.fetchedAt = fetchedAt
    self.body = body
    self.redirects = redirects
  }

  /// The first value of a response header, compared case-insensitively by name.
  public func responseHeader(_ name: String) -> String? {
    responseHeaders.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// One HTTP header field, kept verbatim.
public struct HeaderField: Hashable, Sendable {
  /// The name as sent or received (case kept).
  public var name: String
  /// The value as sent or received.
  public var value: String

  /// A field.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A redirect followed while fetching.
public struct Redirect: Hashable, Sendable {
  /// 301, 302, 303, 307 or 308.
  public var status: Int
  /// The URL that answered with the redirect.
  public var from: String
  /// Where its `Location` pointed, resolved against `from`.
  public var to: String

  /// A redirect.
  public init(status: Int, from: String, to: String) {
    self.status = status
    self.from = from
    self.to = to
  }

  /// 301 and 308 ask clients to update their links; the subscription follows.
  public var isPermanent: Bool { status == 301 || status == 308 }
}
