// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Communique",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "communique", targets: ["communique"]),
    .library(name: "Archive", targets: ["Archive"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
  ],
  targets: [
    // The C library, as Debian ships it. Only the LMDB target imports it.
    .systemLibrary(
      name: "CLMDB",
      pkgConfig: "lmdb",
      providers: [.apt(["liblmdb-dev"])]
    ),
    // Zstandard, as Debian ships it: stored document texts are compressed (StoredForm only).
    .systemLibrary(
      name: "CZstd",
      pkgConfig: "libzstd",
      providers: [.apt(["libzstd-dev"])]
    ),
    // zlib, as Debian ships it: checksums, gzip and inflate (Codecs only).
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // SQLite, as Debian ships it (with FTS5): the search index, a projection (Search only).
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    // Cache hints Swift has no words for (header-only C): scans and probes ask for memory
    // they will read soon.
    .target(name: "CPrefetch"),
    // Every call into zlib: CRC-32 (snapshots, view-events blocks), gzip members (WARC),
    // inflating fetched bodies with a ceiling.
    .target(name: "Codecs", dependencies: ["CZlib"]),
    // Small safe types over LMDB: environment, transactions as closures, cursors, errors.
    .target(name: "LMDB", dependencies: ["CLMDB", "CPrefetch"]),
    // The append-only, hash-chained event log stored in LMDB.
    .target(
      name: "EventLog",
      dependencies: ["LMDB", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // RFC 6962/9162 Merkle tree math: roots, audit paths, consistency proofs, their checks.
    .target(name: "Merkle", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
    // The archive's vocabulary: documents, facts with evidence, events (values only).
    .target(name: "Domain", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
    // The events' stored form: the byte reader and writer, payload layouts, compressed texts
    // and their dictionaries. The one decoder of the stored bytes.
    .target(
      name: "StoredForm",
      dependencies: ["Domain", "CZstd", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The events' JSON form (export, import, --json) and the small JSON reader and writer.
    .target(name: "JSONForm", dependencies: ["Domain"]),
    // Folding text for matching (case, Arabic letter variants, marks, digits): the extractor's
    // patterns and the search index fold alike.
    .target(name: "TextFolding"),
    // Full-text search: the SQLite FTS5 index rebuilt from the log, queries, snippets.
    .target(name: "Search", dependencies: ["CSQLite", "TextFolding", "Domain"]),
    // Reading inputs: RSS, Atom, RDF, HTML pages, feed-item text dumps, encodings, entities.
    .target(name: "Feeds", dependencies: ["Domain"]),
    // Understanding: normalization, boilerplate, language, facts with evidence; language data
    // lives in Resources/ as data files.
    .target(name: "Extraction", dependencies: ["Domain", "TextFolding"], resources: [.copy("Resources")]),
    // Pure folds over events: the meeting timeline, membership history, theme statistics.
    .target(name: "Projections", dependencies: ["Domain", "StoredForm", "JSONForm", "CPrefetch"]),
    // For people: the HTML report (its model, SVG charts, page) and the terminal's text helpers.
    .target(name: "Report", dependencies: ["Domain", "JSONForm", "Projections"]),
    // Following feeds over HTTP (AsyncHTTPClient): conditional GETs, redirects, caps, politeness,
    // backoff; hands each outcome to its caller and knows nothing of the archive.
    .target(
      name: "Fetch",
      dependencies: [
        "Domain", "Codecs",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    // The LMDB-backed stores beside the log: document and release indexes, snapshots (their
    // layout and checksum), view-event bitmaps, the Merkle tree, text dictionaries, captures
    // and fetch state. Each opens its databases and knows their keys and values.
    .target(
      name: "Stores",
      dependencies: [
        "LMDB", "EventLog", "Domain", "StoredForm", "Projections", "Merkle", "Codecs",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The ingest pipeline's threading: windows prepared on every core and ahead of the append,
    // and the one text dictionary an ingest decides on.
    .target(name: "IngestPipeline", dependencies: ["StoredForm"]),
    // The facade the command line calls: ingest, read at any time, verify, export, import.
    .target(
      name: "Archive",
      dependencies: [
        "EventLog", "Domain", "StoredForm", "JSONForm", "Stores", "IngestPipeline", "Feeds", "Extraction",
        "Projections", "Report", "Merkle", "Codecs", "Search",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // Keeping followed feeds current: a fetch cycle's results kept in the archive (captures,
    // fetch state, moves), and the watch loop.
    .target(name: "Following", dependencies: ["Archive", "Fetch", "Domain", "JSONForm"]),
    // The command line: one file per subcommand, no logic a test would want to call.
    .executableTarget(
      name: "communique",
      dependencies: [
        "Archive", "Projections", "Domain", "JSONForm", "Report", "Feeds", "Fetch", "Following",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Random domain values for the property-based tests of several targets.
    .target(name: "TestSupport", dependencies: ["Domain"], path: "Tests/TestSupport"),
    // A scripted HTTP/1.1 server on 127.0.0.1 (SwiftNIO) for the tests and benches that fetch.
    .target(
      name: "FeedServer",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      path: "Tests/FeedServer"
    ),
    // The event log's half of tools/bench (the C reference is tools/bench/lmdb-reference.c).
    .executableTarget(
      name: "communique-bench", dependencies: ["EventLog", "Domain", "StoredForm", "LMDB", "Feeds", "Extraction"]),
    // tools/bench's growth rows: time travel and rebuild at 10k, 100k and 1M events.
    .executableTarget(name: "communique-growth", dependencies: ["Archive", "Projections", "Domain"]),
    // tools/bench's fetch cycle: 1,000 feeds on local servers, all 200 then all 304.
    .executableTarget(name: "communique-fetch-bench", dependencies: ["Fetch", "FeedServer", "Domain", "Codecs"]),
    .testTarget(name: "LMDBTests", dependencies: ["LMDB"]),
    .testTarget(
      name: "EventLogTests",
      dependencies: [
        "EventLog", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "DomainTests",
      dependencies: [
        "Domain", "StoredForm", "JSONForm", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "StoredFormTests",
      dependencies: [
        "StoredForm", "Domain", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "JSONFormTests",
      dependencies: [
        "JSONForm", "Domain", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "MerkleTests",
      dependencies: ["Merkle", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
    .testTarget(name: "FeedsTests", dependencies: ["Feeds", "JSONForm"]),
    .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "Feeds"]),
    .testTarget(name: "ProjectionsTests", dependencies: ["Projections", "TestSupport"]),
    .testTarget(
      name: "ArchiveTests",
      dependencies: [
        "Archive", "Stores", "StoredForm", "JSONForm", "Report", "TestSupport", "Codecs",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(name: "FollowingTests", dependencies: ["Following", "Fetch", "FeedServer", "Archive", "Domain"]),
    .testTarget(name: "SearchTests", dependencies: ["Search", "TextFolding"]),
    .testTarget(name: "ReportTests", dependencies: ["Report", "Projections", "Domain", "JSONForm"]),
    // The binary under test; Archive records what only `fetch` writes (captures) for it to read.
    .testTarget(name: "CLITests", dependencies: ["communique", "Archive", "JSONForm", "FeedServer"]),
    .testTarget(
      name: "FetchTests",
      dependencies: [
        "Fetch", "FeedServer", "Domain", "Codecs",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
  ]
)
