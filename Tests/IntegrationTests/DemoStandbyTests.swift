import Testing

@Suite("pgtriage demo --standby")
struct DemoStandbyTests {
    /// The pair comes up, the primary shows its standby streaming and the abandoned slots
    /// retaining WAL (flagged: past the demo's max_wal_size), and Ctrl-C removes both servers.
    @Test func demoStandbyShowsTheStandbyAndTheAbandonedSlotAndCleansUpBoth() throws {
        guard TestServers.availableMajors.contains(15) else { try TestServers.skip("PostgreSQL 15 is not available here") }
        let demo = try DemoProcess(["demo", "--standby", "--print", "--pg-version", "15"])

        let seen = demo.waitForOutput(seconds: 60) { text in
            text.contains("standby standby1 local streaming")
                && text.contains("slot old_replica (physical) inactive, retaining WAL (extended)")
        }
        let stderrText = demo.errors.text
        let folders = stderrText.components(separatedBy: "\n").compactMap { line -> String? in
            guard line.hasPrefix("pgtriage demo: server ") || line.hasPrefix("pgtriage demo: standby ") else { return nil }
            return line.components(separatedBy: " in ").dropFirst().first?.components(separatedBy: " ").first
        }
        #expect(seen, "no streaming standby and flagged slot in: \(demo.output.text.suffix(1500)) / \(stderrText)")
        #expect(folders.count == 2 && folders.allSatisfy { $0.hasPrefix("/tmp/pgtriage-15-") }, "\(stderrText)")

        try demo.interruptAndExpectNothingLeft(folders: folders)
    }
}
