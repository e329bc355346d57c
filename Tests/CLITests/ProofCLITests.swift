import Domain
import Foundation
import JSONForm
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
      #expect(head.stdout.hasPrefix("key\n1\n"), "\(head.stdout)")
      #expect(head.stdout.contains("\n\n\u{2014} key "), "\(head.stdout)")
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
      let verify = try communique(
        archive, ["verify", "--against", dir + "/forged.txt", "--key", dir + "/key.pub"])
      #expect(verify.status == 1)
      #expect(verify.stderr.contains("does not verify"), "\(verify.stderr)")
      let checked = try checkProof(["checkpoint", dir + "/forged.txt", "--key", dir + "/key.pub"])
      #expect(checked.status == 1 || checked.stderr.contains("SKIPPED signature"))
      _ = try communique(archive, ["keygen", "--out", dir + "/other"])
      try write(head, dir + "/head.txt")
      let otherKey = try communique(
        archive, ["verify", "--against", dir + "/head.txt", "--key", dir + "/other.pub"])
      #expect(otherKey.status == 1)
      #expect(otherKey.stderr.contains("no signature line has the given key's ID"), "\(otherKey.stderr)")
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
      #expect(bad.stderr.contains(dir + "/bad.txt: a checkpoint has an origin"), "\(bad.stderr)")
      #expect(try communique(archive, ["checkpoint", "--sign", dir + "/none.key"]).status == 66)
      #expect(try communique(archive, ["prove", "99"]).status == 64)
      #expect(try communique(archive, ["prove", "1", "--size", "5"]).status == 64)
      _ = try communique(archive, ["keygen", "--out", dir + "/key"])
      #expect(try communique(archive, ["keygen", "--out", dir + "/key"]).status == 64)
      #expect(try checkProof(["checkpoint", dir + "/bad.txt"]).status == 65)
      #expect(try checkProof(["checkpoint", dir + "/none.txt"]).status == 66)
    }
  }

  @Test func theVerifierKeyKeygenPrintsChecksTheSignedNoteInTheIndependentPythonChecker() throws {
    try withSeededArchive { archive, dir in
      let keygen = try communique(archive, ["keygen", "--out", dir + "/k", "--name", "example.org/cifg"])
      #expect(keygen.status == 0, "\(keygen.stderr)")
      let vkey = keygen.stdout.trimmingCharacters(in: .newlines)
      #expect(
        vkey.hasPrefix("example.org/cifg+") && vkey.split(separator: "+", maxSplits: 2).count == 3, "\(vkey)")
      let keyID = String(vkey.split(separator: "+")[1])
      let head = try communique(
        archive, ["checkpoint", "--sign", dir + "/k.key", "--origin", "example.org/cifg-archive"])
      #expect(head.stdout.hasPrefix("example.org/cifg-archive\n1\n"), "\(head.stdout)")
      #expect(head.stdout.contains("\n\n\u{2014} example.org/cifg "), "\(head.stdout)")
      try write(head.stdout, dir + "/head.txt")
      // check-proof.py computes the key ID from the key and name itself (SHA-256 per the spec)
      // and checks the signature with PyPI's `cryptography`.
      for key in [vkey, dir + "/k.pub"] {
        let checked = try checkProof(["checkpoint", dir + "/head.txt", "--key", key])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(
          checked.stdout.contains("by example.org/cifg (key ID \(keyID)) valid")
            || checked.stderr.contains("'cryptography' is not installed"),
          "\(checked.stdout)\(checked.stderr)")
        let verify = try communique(archive, ["verify", "--against", dir + "/head.txt", "--key", key])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("signature valid for the given key (\(vkey))"), "\(verify.stdout)")
      }
      let unkeyed = try communique(archive, ["verify", "--against", dir + "/head.txt"])
      #expect(unkeyed.status == 0)
      #expect(unkeyed.stdout.contains("not checked: pass --key"), "\(unkeyed.stdout)")
      // A signature line made with another key under the same name: a wrong key ID.
      _ = try communique(archive, ["keygen", "--out", dir + "/other", "--name", "example.org/cifg"])
      let forged = try communique(
        archive, ["checkpoint", "--sign", dir + "/other.key", "--origin", "example.org/cifg-archive"])
      try write(forged.stdout, dir + "/forged.txt")
      let wrongID = try communique(archive, ["verify", "--against", dir + "/forged.txt", "--key", vkey])
      #expect(wrongID.status == 1)
      #expect(wrongID.stderr.contains("no signature line has the given key's ID"), "\(wrongID.stderr)")
      #expect(try checkProof(["checkpoint", dir + "/forged.txt", "--key", vkey]).status == 1)
    }
  }

  @Test func malformedSignedNotesAreRefusedWithOneLineAndExit65ByBothVerifiers() throws {
    try withSeededArchive { archive, dir in
      _ = try communique(archive, ["keygen", "--out", dir + "/key"])
      let head = try communique(archive, ["checkpoint", "--sign", dir + "/key.key"]).stdout
      let signatureLine = try #require(head.split(separator: "\n").last)
      let cases: [(String, String)] = [
        (head.replacingOccurrences(of: "\n\n", with: "\n"), "no blank line"),
        (head.replacingOccurrences(of: signatureLine, with: "\u{2014} key %%%%"), "not base64"),
        (head.replacingOccurrences(of: "\u{2014} ", with: "-- "), "starts with"),
      ]
      for (text, problem) in cases {
        try write(text, dir + "/bad.txt")
        let verify = try communique(
          archive, ["verify", "--against", dir + "/bad.txt", "--key", dir + "/key.pub"])
        #expect(verify.status == 65, "\(verify.stderr)")
        #expect(
          verify.stderr.contains(dir + "/bad.txt: ") && verify.stderr.contains(problem), "\(verify.stderr)")
        #expect(verify.stderr.split(separator: "\n").count == 1, "\(verify.stderr)")
        #expect(try checkProof(["checkpoint", dir + "/bad.txt", "--key", dir + "/key.pub"]).status == 65)
      }
    }
  }

  /// Heads published before checkpoints became signed notes keep verifying, signature and all.
  @Test func anOldFormTreeHeadStillVerifiesAgainstTheArchive() throws {
    try withSeededArchive { archive, dir in
      _ = try communique(archive, ["keygen", "--out", dir + "/key"])
      let json = try JSONParser.parse(
        try communique(archive, ["checkpoint", "--sign", dir + "/key.key", "--json"]).stdout)
      #expect(json["format"] == .string("communique tree head v1"))
      // The old text, rebuilt from the JSON's fields as docs/PROOFS.md gave it.
      var old = "communique tree head v1\nsize \(json["size"]?.intValue ?? -1)\n"
      old += "root \(json["root"]?.stringValue ?? "")\ntime \(json["time"]?.stringValue ?? "")\n"
      for subtree in json["subtrees"]?.arrayValue ?? [] {
        old += "subtree \(subtree["start"]?.intValue ?? -1) \(subtree["size"]?.intValue ?? -1) "
        old += "\(subtree["hash"]?.stringValue ?? "")\n"
      }
      old += "\nsignature ed25519 \(json["signature"]?["publicKey"]?.stringValue ?? "") "
      old += "\(json["signature"]?["value"]?.stringValue ?? "")\n"
      try write(old, dir + "/old.txt")
      #expect(try communique(archive, ["ingest", "Fixtures/labeled"]).status == 0)
      let verify = try communique(
        archive, ["verify", "--against", dir + "/old.txt", "--key", dir + "/key.pub"])
      #expect(verify.status == 0, "\(verify.stderr)")
      #expect(verify.stdout.contains("signature valid for the given key"), "\(verify.stdout)")
      try write(old.replacingOccurrences(of: "time 20", with: "time 19"), dir + "/forged.txt")
      let forged = try communique(archive, ["verify", "--against", dir + "/forged.txt"])
      #expect(forged.status == 1)
      #expect(forged.stderr.contains("signature does not verify"), "\(forged.stderr)")
      let note = try JSONParser.parse(
        try communique(archive, ["checkpoint", "--sign", dir + "/key.key", "--json"]).stdout)["checkpoint"]
      #expect(note?.stringValue?.hasPrefix("key\n") == true)
    }
  }

  @Test func anArchiveWrittenBeforeProofsIsProvedFromMemoryUnchangedAndTheNextWriteStoresItsTree() throws {
    try withSeededArchive { archive, dir in
      let before = try communique(archive, ["checkpoint", "--json"]).stdout
      // Drop the tree and the record of migrations, as in an archive written before proofs
      // (with Debian's python3-lmdb).
      let drop = try execute(
        "/usr/bin/python3",
        [
          "-c",
          "import lmdb,sys; e=lmdb.open(sys.argv[1], max_dbs=16)\n"
            + "for name in (b'merkle', b'migrations'):\n"
            + "    d=e.open_db(name)\n"
            + "    with e.begin(write=True) as t: t.drop(d, delete=True)", archive,
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
