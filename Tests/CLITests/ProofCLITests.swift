import Domain
import Foundation
import Testing

/// Runs tools/check-proof.py (in the venv tools/setup makes, else Debian's python3).
func checkProof(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
  let venv = root.appendingPathComponent(".build/proof-venv/bin/python3").path
  return try execute(
    FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3",
    [root.appendingPathComponent("tools/check-proof.py").path] + arguments, environment: environment)
}

@Suite struct ProofCLITests {
  /// A scratch directory with an archive holding the seed, removed afterwards.
  func withSeededArchive(_ body: (String, String) throws -> Void) throws {
    let dir = NSTemporaryDirectory() + "communique-proofs-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let archive = dir + "/archive"
    let ingest = try communique(archive, ["ingest", "Fixtures/seed"])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    try body(archive, dir)
  }

  func write(_ text: String, _ path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test func aSignedCheckpointAnInclusionProofAndAConsistencyProofAllCheckWithThePythonChecker() throws {
    try withSeededArchive { archive, dir in
      #expect(try communique(archive, ["keygen", "--out", dir + "/key"]).status == 0)
      let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/key.key")
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
      let head = try communique(archive, ["checkpoint", "--sign", dir + "/key.key"])
      #expect(head.status == 0, "\(head.stderr)")
      #expect(head.stdout.hasPrefix("communique tree head v1\nsize 1\n"))
      try write(head.stdout, dir + "/head.txt")

      #expect(try communique(archive, ["ingest", "Fixtures/labeled"]).status == 0)
      let proof = try communique(archive, ["prove", "1", "--size", "1", "--json"])
      #expect(proof.status == 0, "\(proof.stderr)")
      try write(proof.stdout, dir + "/proof.json")
      let document = try JSONParser.parse(proof.stdout)["document"]?.stringValue
      #expect(document?.hasPrefix("sha256:") == true)
      let byDocument = try communique(archive, ["prove", document ?? "", "--json"])
      #expect(try JSONParser.parse(byDocument.stdout)["seq"] == .int(1))

      let verify = try communique(
        archive, ["verify", "--against", dir + "/head.txt", "--key", dir + "/key.pub", "--json"])
      #expect(verify.status == 0, "\(verify.stderr)")
      try write(verify.stdout, dir + "/consistency.json")
      let now = try communique(archive, ["checkpoint", "--sign", dir + "/key.key", "--json"])
      try write(now.stdout, dir + "/now.json")

      for arguments in [
        ["checkpoint", dir + "/head.txt", "--key", dir + "/key.pub"],
        ["inclusion", dir + "/proof.json", "--checkpoint", dir + "/head.txt", "--key", dir + "/key.pub"],
        [
          "consistency", dir + "/consistency.json", "--old", dir + "/head.txt", "--new", dir + "/now.json",
          "--key", dir + "/key.pub",
        ],
      ] {
        let checked = try checkProof(arguments)
        #expect(checked.status == 0, "\(arguments[0]): \(checked.stdout)\(checked.stderr)")
        #expect(
          checked.stdout.contains("signature of") || checked.stderr.contains("SKIPPED signature"),
          "\(checked.stdout)\(checked.stderr)")
      }
    }
  }

  @Test func aForgedCheckpointFailsInBothVerifiersWithExit1() throws {
    try withSeededArchive { archive, dir in
      _ = try communique(archive, ["keygen", "--out", dir + "/key"])
      let head = try communique(archive, ["checkpoint", "--sign", dir + "/key.key"]).stdout
      let forged = head.replacingOccurrences(of: "time 20", with: "time 19")
      try write(forged, dir + "/forged.txt")
      let verify = try communique(archive, ["verify", "--against", dir + "/forged.txt"])
      #expect(verify.status == 1)
      #expect(verify.stderr.contains("signature does not verify"))
      let checked = try checkProof(["checkpoint", dir + "/forged.txt"])
      #expect(checked.status == 1 || checked.stderr.contains("SKIPPED signature"))
      _ = try communique(archive, ["keygen", "--out", dir + "/other"])
      try write(head, dir + "/head.txt")
      let otherKey = try communique(
        archive, ["verify", "--against", dir + "/head.txt", "--key", dir + "/other.pub"])
      #expect(otherKey.status == 1)
      #expect(otherKey.stderr.contains("another key"))
    }
  }

  @Test func withoutTheCryptographyPackageTheCheckerSkipsSignaturesAndStillChecksHashes() throws {
    try withSeededArchive { archive, dir in
      _ = try communique(archive, ["keygen", "--out", dir + "/key"])
      try write(
        try communique(archive, ["checkpoint", "--sign", dir + "/key.key"]).stdout, dir + "/head.txt")
      // A package named `cryptography` that fails to import, first on the path.
      let shadow = dir + "/shadow/cryptography"
      try FileManager.default.createDirectory(atPath: shadow, withIntermediateDirectories: true)
      try write("raise ImportError('hidden by the test')\n", shadow + "/__init__.py")
      let checked = try checkProof(
        ["checkpoint", dir + "/head.txt", "--key", dir + "/key.pub"],
        environment: ["PYTHONPATH": dir + "/shadow"])
      #expect(checked.status == 0)
      #expect(checked.stdout.contains("is a whole tree head"))
      #expect(checked.stderr.contains("SKIPPED signature"))
      #expect(checked.stderr.contains("'cryptography' is not installed"))
    }
  }

  @Test func badMissingAndUnprovableInputsExitWithTheContractsCodes() throws {
    try withSeededArchive { archive, dir in
      let missing = try communique(archive, ["verify", "--against", dir + "/none.txt"])
      #expect(missing.status == 66)
      #expect(missing.stderr.contains(dir + "/none.txt"))
      try write("not a head\n", dir + "/bad.txt")
      let bad = try communique(archive, ["verify", "--against", dir + "/bad.txt"])
      #expect(bad.status == 65)
      #expect(bad.stderr.contains(dir + "/bad.txt: not a tree head"))
      #expect(try communique(archive, ["checkpoint", "--sign", dir + "/none.key"]).status == 66)
      #expect(try communique(archive, ["prove", "99"]).status == 64)
      #expect(try communique(archive, ["prove", "1", "--size", "5"]).status == 64)
      _ = try communique(archive, ["keygen", "--out", dir + "/key"])
      #expect(try communique(archive, ["keygen", "--out", dir + "/key"]).status == 64)
      #expect(try checkProof(["checkpoint", dir + "/bad.txt"]).status == 65)
      #expect(try checkProof(["checkpoint", dir + "/none.txt"]).status == 66)
    }
  }

  @Test func anArchiveWrittenBeforeProofsIsProvedFromMemoryUnchangedAndTheNextWriteStoresItsTree() throws {
    try withSeededArchive { archive, dir in
      let before = try communique(archive, ["checkpoint", "--json"]).stdout
      // Drop the tree, as in an archive written before proofs (with Debian's python3-lmdb).
      let drop = try execute(
        "/usr/bin/python3",
        [
          "-c",
          "import lmdb,sys; e=lmdb.open(sys.argv[1], max_dbs=16); d=e.open_db(b'merkle')\n"
            + "with e.begin(write=True) as t: t.drop(d, delete=True)", archive,
        ])
      #expect(drop.status == 0)
      try write(before, dir + "/head.json")
      let data = FileManager.default.contents(atPath: archive + "/data.mdb")
      // Read commands never write a store: the tree is computed in memory, each time.
      for args in [
        ["checkpoint", "--json"], ["prove", "1", "--json"], ["verify", "--against", dir + "/head.json"],
      ] {
        let run = try communique(archive, args)
        #expect(run.status == 0, "\(args): \(run.stderr)")
        #expect(run.stderr.contains("computing it in memory"), "\(run.stderr)")
      }
      let first = try communique(archive, ["checkpoint", "--json"])
      #expect(try JSONParser.parse(first.stdout)["root"] == JSONParser.parse(before)["root"])
      #expect(FileManager.default.contents(atPath: archive + "/data.mdb") == data)
      let ingest = try communique(archive, ["ingest", "Fixtures/seed"])
      #expect(ingest.stderr.contains("built the Merkle tree over 1 events"), "\(ingest.stderr)")
      let second = try communique(archive, ["checkpoint", "--json"])
      #expect(second.stderr.isEmpty)
      #expect(try JSONParser.parse(second.stdout)["root"] == JSONParser.parse(before)["root"])
      #expect(try communique(archive, ["verify"]).stdout.contains("Merkle tree of 1 events equals a rebuild"))
    }
  }
}
