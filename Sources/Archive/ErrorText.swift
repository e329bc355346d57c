import Foundation

/// Foundation's errors in a few plain words: what a user reads never holds
/// "NSCocoaErrorDomain error 256".
package enum ErrorText {
  /// The system's words for the error's errno when it carries one, else a short phrase for
  /// its kind; an error that is not Foundation's keeps its own description.
  package static func describe(_ error: any Error) -> String {
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    guard let cocoa = error as? CocoaError else { return "\(error)" }
    switch cocoa.code {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
    case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
    case .fileWriteOutOfSpace: return "no space left on device"
    case .fileWriteVolumeReadOnly: return "read-only file system"
    case .fileWriteFileExists: return "the file exists"
    case .fileReadTooLarge: return "too large"
    case .fileReadCorruptFile: return "not in a readable form"
    case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding:
      return "not in the expected encoding"
    default:
      return cocoa.code.rawValue < 512 || (4_000..<4_200).contains(cocoa.code.rawValue)
        ? "read failed" : "write failed"
    }
  }
}
