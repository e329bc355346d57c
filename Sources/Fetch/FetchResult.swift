import Domain

/// One feed to fetch: its URL and what the archive knows of it.
package struct FeedJob: Hashable, Sendable {
  /// The subscription's URL.
  package var url: String
  /// Its validators, failures and due time.
  package var state: FeedFetchState

  /// A job.
  package init(url: String, state: FeedFetchState = FeedFetchState()) {
    self.url = url
    self.state = state
  }
}

/// How fetching one feed ended, with the state to keep for it.
package struct FetchResult: Sendable {
  /// The job's URL (the subscription's, before any redirect).
  package var url: String
  /// The feed's state after this attempt: validators, status, error, failures, next due.
  package var state: FeedFetchState
  /// What came back.
  package var outcome: Outcome
  /// Set when the feed answered (200 or 304) after permanent redirects (301, 308) from its
  /// URL: the subscription should move to `to`.
  package var movedPermanently: Move?

  /// A result.
  package init(url: String, state: FeedFetchState, outcome: Outcome, movedPermanently: Move? = nil) {
    self.url = url
    self.state = state
    self.outcome = outcome
    self.movedPermanently = movedPermanently
  }

  /// What came back.
  package enum Outcome: Sendable {
    /// A 2xx with its body: the exchange as received, and the body with its content coding
    /// (gzip, deflate) undone, for the reader.
    case captured(Capture, decodedBody: [UInt8])
    /// 304: the feed has not changed since the validators sent.
    case notModified
    /// Nothing to ingest; `state.lastError` says the same in one line.
    case failed(FetchFailure)
  }

  /// A permanent move of the subscription.
  package struct Move: Hashable, Sendable {
    /// The subscription's URL.
    package var from: String
    /// Where the last of the permanent redirects at the start of the chain pointed.
    package var to: String

    /// A move.
    package init(from: String, to: String) {
      self.from = from
      self.to = to
    }
  }
}

/// Why a fetch brought nothing to ingest, naming the URL where it went wrong.
package struct FetchFailure: Error, Hashable, Sendable, CustomStringConvertible {
  /// The URL that failed (a redirect's target when the chain got that far).
  package var url: String
  /// What went wrong.
  package var problem: Problem

  /// A failure.
  package init(url: String, problem: Problem) {
    self.url = url
    self.problem = problem
  }

  /// What went wrong.
  package enum Problem: Hashable, Sendable {
    /// The URL is not an absolute `http` or `https` URL with a host.
    case badURL
    /// A status that is neither 2xx, 304 nor a redirect followed (404, 410, 429, 500…).
    case status(Int, reason: String)
    /// No connection within the connect timeout.
    case connectTimeout(Duration)
    /// The request did not finish within the total timeout.
    case timeout(Duration)
    /// The host refused the connection.
    case connectionRefused
    /// The body passed the cap on bytes received.
    case bodyTooLarge(limit: Int)
    /// The body inflated past the cap on decoded bytes: a decompression bomb.
    case decodedTooLarge(limit: Int)
    /// The body is not valid for its `Content-Encoding`, or the coding is one not asked for.
    case badContentEncoding(String)
    /// A redirect pointed back at a URL already visited.
    case redirectLoop
    /// More redirects than the policy follows.
    case tooManyRedirects(Int)
    /// A redirect without a usable `Location`.
    case badRedirect(status: Int, location: String?)
    /// Anything else the connection reported.
    case transport(String)
  }

  /// The HTTP status when the failure is one.
  package var status: Int? {
    if case .status(let code, _) = problem { return code }
    return nil
  }

  /// One line: the URL, then the problem.
  package var description: String {
    "\(url): \(problemDescription)"
  }

  private var problemDescription: String {
    switch problem {
    case .badURL: return "not an absolute http or https URL"
    case .status(410, let reason):
      return
        "410 \(reason.isEmpty ? "Gone" : reason): the server says the feed is gone (still retried, at the longest interval)"
    case .status(let code, let reason): return reason.isEmpty ? "HTTP \(code)" : "\(code) \(reason)"
    case .connectTimeout(let limit): return "no connection within \(limit.secondsText)"
    case .timeout(let limit): return "timed out after \(limit.secondsText)"
    case .connectionRefused: return "connection refused"
    case .bodyTooLarge(let limit): return "body larger than the cap of \(limit) bytes; nothing kept"
    case .decodedTooLarge(let limit):
      return "body inflates past the cap of \(limit) bytes (a decompression bomb?); nothing kept"
    case .badContentEncoding(let why): return "body not decodable: \(why)"
    case .redirectLoop: return "redirect loop"
    case .tooManyRedirects(let limit): return "more than \(limit) redirects"
    case .badRedirect(let status, let location):
      return location.map { "\(status) redirect to an unusable Location \"\($0)\"" }
        ?? "\(status) redirect without Location"
    case .transport(let why): return why
    }
  }
}

extension Duration {
  /// `2.5 s`, `60 s`: a limit as an error message states it.
  var secondsText: String {
    let micros = microseconds
    if micros % 1_000_000 == 0 { return "\(micros / 1_000_000) s" }
    return "\(Double(micros) / 1_000_000) s"
  }
}
