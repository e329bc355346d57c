import Domain
import LMDB

/// The migrations an archive has recorded (`migrations`): the migration's name (UTF-8) →
/// applied (1 byte: 1 applied, 0 found current) ‖ recorded at (µs, 8 bytes big-endian) ‖
/// events it went over (8 bytes big-endian).
struct MigrationLedger {
  /// The database; nil in an archive opened read-only that was written before the registry.
  let database: Database?

  init(environment: Environment) throws {
    database = try environment.databaseIfPresent(named: "migrations")
  }

  /// Every record, in the order the migrations apply (unknown names, from a later release,
  /// last in name order).
  func records(in txn: some ReadableTransaction) throws -> [MigrationRecord] {
    guard let database else { return [] }
    var records: [MigrationRecord] = []
    try txn.forEach(database) { key, value in
      if let record = MigrationLedger.decode(name: String(decoding: key, as: UTF8.self), Array(value)) {
        records.append(record)
      }
      return true
    }
    let order = Dictionary(uniqueKeysWithValues: Migration.all.enumerated().map { ($1.name, $0) })
    return records.sorted { (order[$0.name] ?? Int.max, $0.name) < (order[$1.name] ?? Int.max, $1.name) }
  }

  /// Whether `name` is recorded.
  func holds(_ name: String, in txn: some ReadableTransaction) throws -> Bool {
    guard let database else { return false }
    return try txn.withValue(database, key: Array(name.utf8)) { $0 != nil }
  }

  /// Records `record`, replacing any record of the same name.
  func save(_ record: MigrationRecord, in txn: WriteTransaction) throws {
    guard let database else { return }
    let value =
      [record.applied ? 1 : 0] + UInt64(bitPattern: record.recordedAt.microseconds).bigEndianBytes
      + record.events.bigEndianBytes
    try txn.put(database, key: Array(record.name.utf8), value: value)
  }

  static func decode(name: String, _ value: [UInt8]) -> MigrationRecord? {
    guard value.count == 17, value[0] <= 1,
      let micros = UInt64(bigEndianBytes: value[1..<9]), let events = UInt64(bigEndianBytes: value[9..<17])
    else { return nil }
    return MigrationRecord(
      name: name, recordedAt: Timestamp(microseconds: Int64(bitPattern: micros)), applied: value[0] == 1,
      events: events)
  }
}
