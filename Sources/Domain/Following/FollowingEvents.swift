import Crypto

/// A feed was followed: `fetch` will fetch it.
public struct SubscriptionAdded: Hashable, Sendable {
  /// The feed's URL (http or https).
  public let url: String
  /// The group slug its documents are expected to be about, if the follower said.
  public let group: String?
  /// The language of its documents (`en`, `ar`), if the follower said.
  public let language: String?

  /// Creates the event.
  public init(url: String, group: String? = nil, language: String? = nil) {
    self.url = url
    self.group = group
    self.language = language
  }
}

/// A followed feed changed: its options were set again, or a permanent redirect moved it.
///
/// It states the subscription's whole new setting, so a fold needs no earlier event to apply it.
public struct SubscriptionChanged: Hashable, Sendable {
  /// The URL followed until now.
  public let url: String
  /// The URL followed from now on, when it moved (a 301 or 308); nil when it stays.
  public let movedTo: String?
  /// The group from now on.
  public let group: String?
  /// The language from now on.
  public let language: String?
  /// Why, in a few words (`permanent redirect (301)`, `options changed`).
  public let reason: String?

  /// Creates the event.
  public init(
    url: String, movedTo: String? = nil, group: String? = nil, language: String? = nil, reason: String? = nil
  ) {
    self.url = url
    self.movedTo = movedTo
    self.group = group
    self.language = language
    self.reason = reason
  }
}

/// A feed is no longer followed; its captures stay in the log.
public struct SubscriptionRemoved: Hashable, Sendable {
  /// The URL no longer followed.
  public let url: String
  /// Why, if the person said.
  public let reason: String?

  /// Creates the event.
  public init(url: String, reason: String? = nil) {
    self.url = url
    self.reason = reason
  }
}

/// One HTTP exchange that returned content: everything of a ``Capture`` but its body, which
/// is kept once beside the log under ``bodySHA256`` (docs/FORMAT.md, **capture bodies**).
public struct CaptureRecorded: Hashable, Sendable {
  /// The URL asked for.
  public let requestedURL: String
  /// The URL that answered, after redirects.
  public let finalURL: String
  /// The final response's status.
  public let status: Int
  /// `HTTP/1.1`, `HTTP/2`…
  public let httpVersion: String
  /// The final request's header fields, in order.
  public let requestHeaders: [HeaderField]
  /// The final response's header fields, verbatim and in order.
  public let responseHeaders: [HeaderField]
  /// When the response was received.
  public let fetchedAt: Timestamp
  /// The redirects followed, in order.
  public let redirects: [Redirect]
  /// The SHA-256 of the body as received (before content decoding): 32 bytes.
  public let bodySHA256: [UInt8]
  /// The body's length in bytes.
  public let bodyLength: Int

  /// Creates the event.
  public init(
    requestedURL: String, finalURL: String, status: Int, httpVersion: String, requestHeaders: [HeaderField],
    responseHeaders: [HeaderField], fetchedAt: Timestamp, redirects: [Redirect], bodySHA256: [UInt8],
    bodyLength: Int
  ) {
    self.requestedURL = requestedURL
    self.finalURL = finalURL
    self.status = status
    self.httpVersion = httpVersion
    self.requestHeaders = requestHeaders
    self.responseHeaders = responseHeaders
    self.fetchedAt = fetchedAt
    self.redirects = redirects
    self.bodySHA256 = bodySHA256
    self.bodyLength = bodyLength
  }

  /// The event recording `capture`, its body hashed.
  public init(_ capture: Capture) {
    self.init(
      requestedURL: capture.requestedURL, finalURL: capture.finalURL, status: capture.status,
      httpVersion: capture.httpVersion, requestHeaders: capture.requestHeaders,
      responseHeaders: capture.responseHeaders, fetchedAt: capture.fetchedAt, redirects: capture.redirects,
      bodySHA256: Array(SHA256.hash(data: capture.body)), bodyLength: capture.body.count)
  }

  /// The capture this records, given its body.
  public func capture(body: [UInt8]) -> Capture {
    Capture(
      requestedURL: requestedURL, finalURL: finalURL, status: status, httpVersion: httpVersion,
      requestHeaders: requestHeaders, responseHeaders: responseHeaders, fetchedAt: fetchedAt, body: body,
      redirects: redirects)
  }

  /// `sha256:` and the body's digest in hex: the name of its stored body.
  public var bodyName: String { "sha256:" + Hex.encode(bodySHA256) }

  /// The first value of a response header, by case-insensitive name.
  public func responseHeader(_ name: String) -> String? {
    responseHeaders.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}
