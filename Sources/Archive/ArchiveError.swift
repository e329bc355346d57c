import Domain
import EventLog
import LMDB
import Stores

/// Why an archive operation failed, each case naming what it concerns and carrying the
/// sysexits code the command line exits with.
public enum ArchiveError: Error, CustomStringConvertible {
  /// The archive could not be opened or written (exit 74).
  case cannotOpen(path: String, reason: String)
  /// An input path does not exist (exit 66).
  case missingInput(String)
  /// An input's content is unusable (exit 65).
  case badInput(source: String, problem: String)
  /// A request that makes no sense: unknown target, bad value, bad spec (exit 64).
  case usage(String)
  /// The archive failed verification (exit 1).
  case verificationFailed(ChainFailure)
  /// Reading or writing the store failed (exit 74).
  case storage(String)

  /// The sysexits code: 1, 64, 65, 66 or 74.
  public var exitCode: Int32 {
    switch self {
    case .verificationFailed: 1
    case .usage: 64
    case .badInput: 65
    case .missingInput: 66
    case .cannotOpen, .storage: 74
    }
  }

  /// One line naming the input and the problem.
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason): "cannot open archive \(path): \(reason)"
    case .missingInput(let path): "\(path): no such file or directory"
    case .badInput(let source, let problem): "\(source): \(problem)"
    case .usage(let message): message
    case .verificationFailed(let failure): "verification failed at \(failure)"
    case .storage(let message): message
    }
  }

  /// Wraps an error from a lower layer as a storage error of `operation`.
  static func wrap(_ error: any Error, _ operation: String) -> ArchiveError {
    if let archive = error as? ArchiveError { return archive }
    // A store's fault is already one line for the user.
    if let store = error as? StoreError { return .storage(store.description) }
    return .storage("\(operation): \(ErrorText.describe(error))")
  }
}
