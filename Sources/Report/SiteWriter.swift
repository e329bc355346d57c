#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a site could not be written: the path and the system's reason, or a refusal.
package struct SiteError: Error, CustomStringConvertible, Equatable {
  /// The message, one line naming the path.
  package var description: String
  /// Whether the fault is the caller's (a directory that is not ours to replace), not I/O.
  package var isUsage: Bool

  init(_ path: String, code: Int32) {
    description = "\(path): \(String(cString: strerror(code)))"
    isUsage = false
  }

  init(refusing message: String) {
    description = message
    isUsage = true
  }
}

/// Writes a site into a directory beside its target and renames it into place once every
/// page is written, so a reader sees the old site or the new one, never half of one; a
/// failure leaves the target as it was and removes what was written.
///
/// The target may be missing, an empty directory, or a site this writer made before (it
/// holds ``ReportSite/marker``): anything else is refused, never replaced.
package struct SiteWriter {
  /// The target directory, without a trailing `/`.
  package let directory: String
  /// Where the pages are written until ``commit()``.
  let temporary: String
  /// Pages written so far, their bytes, and the largest.
  package private(set) var pages = 0
  /// Bytes written so far.
  package private(set) var bytes = 0
  /// The largest page's path and size.
  package private(set) var largest: (path: String, bytes: Int) = ("", 0)

  /// Prepares to write a site at `path` (a trailing `/` is allowed).
  package init(directory path: String) throws(SiteError) {
    var path = path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    directory = path
    temporary = path + ".partial-\(getpid())"
    var info = stat()
    if stat(path, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFDIR else {
        throw SiteError(refusing: "\(path): exists and is not a directory")
      }
      let entries = SiteWriter.entries(of: path)
      guard entries.isEmpty || entries.contains(ReportSite.marker) else {
        throw SiteError(
          refusing: "\(path): a directory that holds other files; give a new or empty directory for the site")
      }
    }
    SiteWriter.remove(temporary)
    for dir in [temporary, temporary + "/meetings", temporary + "/documents"] where mkdir(dir, 0o755) != 0 {
      let code = errno
      SiteWriter.remove(temporary)
      throw SiteError(dir == temporary ? path : dir, code: code)
    }
  }

  /// Writes one page (`path` relative to the site's root).
  package mutating func write(_ path: String, _ text: String) throws(SiteError) {
    let file = temporary + "/" + path
    let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else { throw SiteError(file, code: errno) }
    defer { close(descriptor) }
    var utf8 = text
    let count = utf8.withUTF8 { buffer -> Int in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return -Int(errno)
        }
        offset += written
      }
      return offset
    }
    guard count >= 0 else { throw SiteError(file, code: Int32(-count)) }
    pages += 1
    bytes += count
    if count > largest.bytes { largest = (path, count) }
  }

  /// Puts the site in place: the marker, then the renames (the old site, if any, moved
  /// aside first and removed after).
  package mutating func commit() throws(SiteError) {
    try write(ReportSite.marker, "A site written by `communique report`: writing one again may replace it.\n")
    pages -= 1
    let old = directory + ".old-\(getpid())"
    var info = stat()
    let exists = stat(directory, &info) == 0
    if exists {
      if SiteWriter.entries(of: directory).isEmpty {
        rmdir(directory)
      } else if rename(directory, old) != 0 {
        let code = errno
        abandon()
        throw SiteError(directory, code: code)
      }
    }
    if rename(temporary, directory) != 0 {
      let code = errno
      if exists { rename(old, directory) }
      abandon()
      throw SiteError(directory, code: code)
    }
    SiteWriter.remove(old)
  }

  /// Removes what was written; the target is left as it was.
  package func abandon() { SiteWriter.remove(temporary) }

  /// The names in a directory, without `.` and `..`.
  static func entries(of path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Removes a file or a directory tree; a missing path is not an error.
  static func remove(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    if info.st_mode & S_IFMT == S_IFDIR {
      for name in entries(of: path) { remove(path + "/" + name) }
      rmdir(path)
    } else {
      unlink(path)
    }
  }
}
