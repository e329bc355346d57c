// swift-tools-version: 6.1
// libFuzzer targets for Communique, kept out of the main package: they link libFuzzer, so they
// build only with `-sanitize=fuzzer` and would break a plain `swift build`. Run tools/fuzz/run.
import Foundation
import PackageDescription

// The main package is two levels up; a path dependency's identity is its directory's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("../..").standardizedFileURL
let communique = root.lastPathComponent.lowercased()

func fuzzTarget(_ name: String) -> Target {
  .executableTarget(
    name: name,
    dependencies: ["FuzzDriver", .product(name: "Archive", package: communique)]
  )
}

let package = Package(
  name: "CommuniqueFuzz",
  dependencies: [.package(path: root.path)],
  targets: [
    .target(name: "FuzzDriver"),
    fuzzTarget("fuzz-feeds"), fuzzTarget("fuzz-textdump"), fuzzTarget("fuzz-extractor"),
    fuzzTarget("fuzz-payload"),
  ]
)
