// swift-tools-version: 6.1
// libFuzzer targets for Communique, kept out of the main package: libFuzzer brings its own
// `main`, so these build only with `-sanitize=fuzzer`. Run them with tools/fuzz/run.
import Foundation
import PackageDescription

// The main package is two levels up; a path dependency's identity is its directory's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("../..").standardizedFileURL
let communique = root.lastPathComponent.lowercased()

func fuzzTarget(_ name: String) -> Target {
  .executableTarget(
    name: name,
    dependencies: [.product(name: "Archive", package: communique)],
    swiftSettings: [.unsafeFlags(["-parse-as-library"])]
  )
}

let package = Package(
  name: "CommuniqueFuzz",
  dependencies: [.package(path: root.path)],
  targets: [fuzzTarget("fuzz-feeds"), fuzzTarget("fuzz-textdump"), fuzzTarget("fuzz-extractor")]
)
