/// Communique's version: the one place it is written (`--version`, the `User-Agent` of fetches,
/// the `software` of a WARC file's `warcinfo`).
public enum CommuniqueVersion {
  /// The version, as `0.20.0`.
  public static let current = "0.20.0"
}
