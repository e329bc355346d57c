import Foundation
import Testing

@testable import Archive

@Suite("Foundation's errors in plain words")
struct ErrorTextTests {
  @Test("a Cocoa error reads as a few words, never as its domain and code")
  func cocoaErrors() {
    for error in [
      CocoaError(.fileReadUnknown), CocoaError(.fileWriteUnknown), CocoaError(.fileReadNoSuchFile),
    ] {
      let text = ErrorText.describe(error)
      #expect(!text.contains("NSCocoaErrorDomain"), "\(text)")
      #expect(!text.contains("\n"))
    }
    #expect(ErrorText.describe(CocoaError(.fileReadNoPermission)) == "permission denied")
    #expect(ErrorText.describe(POSIXError(.EIO)) == "Input/output error")
    let wrapped = NSError(
      domain: NSCocoaErrorDomain, code: 512,
      userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
    #expect(ErrorText.describe(wrapped) == "No space left on device")
  }
}
