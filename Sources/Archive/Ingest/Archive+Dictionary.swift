import StoredForm
import Stores

extension Archive {
  /// The input bytes from which an ingest into an archive without a dictionary trains one:
  /// below it, the first window holds too few texts to learn from.
  static let dictionaryTrainingBytes = 512 << 10

  /// The dictionary new texts are compressed against: the archive's intact one with the
  /// lowest id (two processes that trained at once leave two; either serves).
  func currentDictionary() throws -> TextDictionary? {
    try log.read { [dictionaries] reader in
      try dictionaries.load(in: reader.transaction).min { $0.id < $1.id }
    }
  }
}
