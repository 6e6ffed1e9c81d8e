import Foundation
import Testing
import PGTriageCore
@testable import PGTriageUI

@Suite struct FleetListTests {
    let now = Date(timeIntervalSince1970: 2_000_000)

    func row(_ name: String, _ change: (inout FleetRow) -> Void = { _ in }) -> FleetRow {
        var row = FleetRow(service: name)
        row.state = .up; row.error = nil; row.pending = false; row.role = .primary; row.versionNum = 150018
        row.connections = 12; row.maxConnections = 100; row.active = 2; row.idleInTransaction = 0; row.waiting = 0
        row.blockingRoots = 0; row.longestTransactionSeconds = 3; row.tps = 154.3; row.cacheHitRatio = 0.999
        row.dataAt = now.addingTimeInterval(-1)
        change(&row)
        return row
    }

    func state() -> FleetListState {
        var state = FleetListState(width: 80, height: 10, interval: 2, now: now)
        var refused = FleetRow(service: "db-refused")
        refused.fail(PGError(kind: .connect, message: "connection to server at \"127.0.0.1\", port 1 failed: Connection refused"))
        state.rows = [
            row("db-quiet"),
            row("db-locks") { $0.waiting = 3; $0.blockingRoots = 1; $0.idleInTransaction = 1; $0.longestTransactionSeconds = 400 },
            refused,
            row("db-standby") { $0.role = .standby; $0.worstLagBytes = 200 << 20; $0.tps = nil },
        ]
        return state
    }

    @Test func worstFirstAt80Columns() {
        expectScreen(state().render().lines(), [
            " Fleet 4 servers: 3 up, 1 down  refresh 2s",
            "  STATE   ROLE     CONN ITX WAIT ROOT   XACT    LAG    TPS   AGE SERVER",
            "  down    -           -   -    -    -      -      -      -     - db-refused",
            "  up      pri    12/100   1    3    1  6m40s      -    154  1.0s db-locks",
            "  up      sby    12/100   0    0    0   3.0s  200MB      -  1.0s db-standby",
            "  up      pri    12/100   0    0    0   3.0s      -    154  1.0s db-quiet",
            "",
            "",
            " db-refused: connection to server at \"127.0.0.1\", port 1 failed: Connection refu",
            " ? keys  Enter console  / filter  s sort  r refresh  q quit",
        ])
    }

    @Test func filterSortAndOpen() {
        var state = state()
        #expect(state.handle(.char("j")) == .none)
        #expect(state.handle(.enter) == .open("db-locks"))
        for key in "/standby" { _ = state.handle(.char(key)) }
        #expect(state.visibleRows.map(\.service) == ["db-standby"])
        _ = state.handle(.enter)
        #expect(!state.filterEditing && state.handle(.enter) == .open("db-standby"))
        _ = state.handle(.escape)
        #expect(state.visibleRows.count == 4)
        _ = state.handle(.char("s"))
        #expect(state.sort == .name && state.visibleRows.map(\.service) == ["db-locks", "db-quiet", "db-refused", "db-standby"])
        #expect(state.status == "sort: name", "A to Z is the name's own order, not reversed")
        _ = state.handle(.char("S"))
        #expect(state.visibleRows.first?.service == "db-standby")
        #expect(state.status == "sort: name (reversed)")
        _ = state.handle(.char("?"))
        #expect(state.render().lines()[9] == " " + FleetListState.keyHelp, "fits 80 columns")
        #expect(state.handle(.char("q")) == .quit)
    }
}

/// A console opened from the fleet list says where its `q` goes.
@Suite struct FleetReturnHintTests {
    @Test func theKeyLineSaysQGoesBackToTheFleet() {
        var state = AppState(connectionLabel: "db1", width: 80, height: 24)
        #expect(view(state).lines()[23].hasSuffix("q quit"))
        state.quitHint = "fleet"
        #expect(view(state).lines()[23].hasSuffix("q fleet"), "\(view(state).lines()[23])")
    }
}

/// The fleet console's loop: Enter hands the terminal to the console opener and takes it back.
@Suite struct FleetConsoleTests {
    @Test func enterOpensTheServerThenComesBack() {
        // A socket folder that does not exist (libpq fails at once, no network), and a line libpq
        // rejected (never connected).
        let servers = [FleetServer(name: "db1", target: ConnectionTarget(conninfo: "host=/nonexistent/pgtriage port=1")),
                       FleetServer(name: "line 2", target: ConnectionTarget(conninfo: "y"), invalid: "missing \"=\"")]
        let poller = FleetPoller(servers: servers, interval: 60)
        let backend = MemoryBackend(width: 80, height: 24)
        var opened: [String] = []
        let fleet = FleetConsole(backend: backend, poller: poller, interval: 60) { server in
            opened.append(server.name)
            backend.draw(ScreenGrid(width: 80, height: 24))  // what the console would leave on screen
        }
        fleet.start()
        #expect(backend.lines()[0].contains("2 servers:"))
        // Both down: by name, db1 first.
        backend.pushKeys([.enter])
        #expect(fleet.step(timeoutMilliseconds: 0))
        #expect(opened == ["db1"])
        // Back on the list, drawn whole again.
        #expect(backend.invalidateCount == 1 && backend.lines()[0].contains("Fleet"))
        // A line libpq rejected has nothing to open: the key line says why.
        backend.pushKeys([.down, .enter])
        #expect(fleet.step(timeoutMilliseconds: 0))
        #expect(opened == ["db1"] && backend.lines()[23].contains("cannot open line 2: missing"), "\(backend.lines())")
        backend.pushKeys([.char("q")])
        #expect(!fleet.step(timeoutMilliseconds: 0))
        fleet.finish()
    }
}
