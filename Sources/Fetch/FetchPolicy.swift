import Domain

/// How politely and how far a fetch may go: timeouts, caps, redirects, per-host spacing.
package struct FetchPolicy: Hashable, Sendable {
  /// Sent as `User-Agent` with every request.
  package var userAgent: String
  /// Sent as `Accept`: feeds first, pages after.
  package var accept: String
  /// The longest wait for a TCP connection.
  package var connectTimeout: Duration
  /// The longest one request may take, from sending it to the body's last byte.
  package var totalTimeout: Duration
  /// The most body bytes accepted as received (still encoded); more is a failure.
  package var maxBodyBytes: Int
  /// The most bytes a `gzip`/`deflate` body may inflate to; more is a failure (a bomb).
  package var maxDecodedBytes: Int
  /// The most redirects followed for one feed.
  package var maxRedirects: Int
  /// The least time between two requests to the same host (host and port).
  package var hostInterval: Duration
  /// How many hosts are fetched from at once.
  package var maxConcurrentHosts: Int

  /// A policy; the defaults suit a few hundred public feeds.
  package init(
    userAgent: String = "Communique/\(CommuniqueVersion.current)",
    accept: String =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
      + "text/xml;q=0.9, text/html;q=0.5, */*;q=0.1",
    connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(60),
    maxBodyBytes: Int = 32 << 20, maxDecodedBytes: Int = 64 << 20, maxRedirects: Int = 5,
    hostInterval: Duration = .seconds(1), maxConcurrentHosts: Int = 8
  ) {
    self.userAgent = userAgent
    self.accept = accept
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
    self.maxBodyBytes = maxBodyBytes
    self.maxDecodedBytes = maxDecodedBytes
    self.maxRedirects = maxRedirects
    self.hostInterval = hostInterval
    self.maxConcurrentHosts = maxConcurrentHosts
  }
}
