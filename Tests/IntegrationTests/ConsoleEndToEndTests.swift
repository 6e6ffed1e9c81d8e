#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The real binary in tmux against a real server with a real blocking chain, driven by keys as a
/// DBA would drive it.
@Suite("Console end to end in tmux", .serialized)
struct ConsoleEndToEndTests {
    @Test func terminateTheRootFromTheLocksPane() throws {
        let (server, tmux) = try Self.setUp()
        defer { tmux.stop(); server.stop() }
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let (a, b, c) = (chain.a.backendPid, chain.b.backendPid, chain.c.backendPid)
        let state = tmux.folder + "/state"
        try tmux.start([Binary.path, server.conninfo(database: chain.database), "--refresh", "0.5"], environment: ["XDG_STATE_HOME": state])

        #expect(tmux.waitForScreen(seconds: 15) { $0.contains("Activity") }, "no console: \(tmux.screen())")
        tmux.send("2")
        let tree = tmux.waitForScreen(seconds: 10) { screen in Self.treeLines(in: screen, a: a, b: b, c: c) != nil }
        #expect(tree, "no A -> B -> C tree in:\n\(tmux.screen())")
        let lines = try #require(Self.treeLines(in: tmux.screen(), a: a, b: b, c: c))
        // B one level under A, C one level under B, with tree lines.
        #expect(lines.b.contains("└─ \(b)"))
        #expect(lines.c.contains("└─ \(c)"))
        #expect(lines.b.firstRange(of: "└─")!.lowerBound < lines.c.firstRange(of: "└─")!.lowerBound)
        #expect(lines.a.contains("IDLE IN XACT"))
        #expect(tmux.screen().contains("2 blocked"))

        tmux.send("K")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains("Terminate pid \(a)?") }, "no confirmation: \(tmux.screen())")
        tmux.send("y")
        #expect(tmux.waitForScreen(seconds: 10) { $0.contains("terminated pid \(a)") }, "no result: \(tmux.screen())")
        // In the database: A is gone, B got A's row; once B commits, C gets B's.
        #expect(Sessions.waitUntil(seconds: 10) { chain.bWait.isFinished })
        #expect(!chain.a.waitIdle(seconds: 0.1))
        _ = try chain.b.execute("COMMIT")
        #expect(Sessions.waitUntil(seconds: 10) { chain.cWait.isFinished })
        // The service reports the result before it writes the audit entry: wait for the entry.
        var audit: [AuditEntry] = []
        #expect(try Sessions.waitUntil(seconds: 10) {
            audit = try AuditLog(path: state + "/pgtriage/audit.log").entries()
            return !audit.isEmpty
        }, "no audit entry")
        #expect(audit.map(\.pid) == [a])

        // Ctrl-C ends the console cleanly.
        tmux.sendKey("C-c")
        #expect(tmux.waitForExit(seconds: 5), "console still running after Ctrl-C")
    }

    @Test func readOnlyChangesNothing() throws {
        let (server, tmux) = try Self.setUp()
        defer { tmux.stop(); server.stop() }
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let a = chain.a.backendPid
        try tmux.start([Binary.path, server.conninfo(database: chain.database), "--refresh", "0.5", "--read-only"], environment: ["XDG_STATE_HOME": tmux.folder])
        tmux.send("2")
        #expect(tmux.waitForScreen(seconds: 15) { Self.treeLines(in: $0, a: a, b: chain.b.backendPid, c: chain.c.backendPid) != nil }, "\(tmux.screen())")
        tmux.send("K")
        #expect(tmux.waitForScreen(seconds: 5) { $0.lowercased().contains("read-only") }, "no refusal: \(tmux.screen())")
        tmux.send("y")
        // Nothing to confirm: the key must do nothing. The screen changes every second (ages);
        // two changes after the key mean the console has read it and drawn since.
        var last = tmux.screen()
        for _ in 0..<2 {
            let before = last
            #expect(tmux.waitForScreen(seconds: 10) { last = $0; return $0 != before }, "the console stopped drawing:\n\(last)")
        }
        #expect(!last.contains("sending terminate"), "a terminate was sent in read-only mode:\n\(last)")
        #expect(Self.treeLines(in: last, a: a, b: chain.b.backendPid, c: chain.c.backendPid) != nil, "the chain is gone:\n\(last)")
        #expect(chain.a.waitIdle(seconds: 0.1), "A was terminated in read-only mode")
        #expect(!chain.bWait.isFinished)
        #expect(!FileManager.default.fileExists(atPath: tmux.folder + "/pgtriage/audit.log"))
        tmux.send("q")
        #expect(tmux.waitForExit(seconds: 5))
    }

    static func setUp() throws -> (LocalServer, Tmux) {
        guard Binary.shellStatus("command -v tmux") == 0 else { try Test.cancel("tmux is not installed") }
        guard let server = try TestServers.dedicated(major: 15) else { try Test.cancel("PostgreSQL 15 is not available here") }
        return (server, try Tmux())
    }

    /// The screen rows of A, B and C when they appear in that order, B and C indented.
    static func treeLines(in screen: String, a: Int32, b: Int32, c: Int32) -> (a: String, b: String, c: String)? {
        let rows = screen.components(separatedBy: "\n")
        guard let ia = rows.firstIndex(where: { $0.range(of: "^\\s*\(a)\\s", options: .regularExpression) != nil }),
              ia + 2 < rows.count,
              rows[ia + 1].contains("└─ \(b) "), rows[ia + 2].contains("└─ \(c) ") else { return nil }
        return (rows[ia], rows[ia + 1], rows[ia + 2])
    }
}

/// One tmux server of a test's own (its own socket), 100x30.
final class Tmux {
    let socket: String
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "pgtriage-tmux-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        socket = folder + "/tmux.sock"
    }

    func start(_ command: [String], environment: [String: String] = [:]) throws {
        let env = environment.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let line = "env TERM=xterm-256color \(env) " + command.map(Self.quote).joined(separator: " ")
        let status = Binary.shellStatus("tmux -S \(Self.quote(socket)) new-session -d -s console -x 100 -y 30 \(Self.quote(line))")
        guard status == 0 else { throw TestServerError(message: "tmux new-session failed (\(status))") }
    }

    func screen() -> String {
        (try? Binary.shell("tmux -S \(Self.quote(socket)) capture-pane -p -t console 2>/dev/null")) ?? ""
    }

    func send(_ text: String) { _ = Binary.shellStatus("tmux -S \(Self.quote(socket)) send-keys -t console -l \(Self.quote(text))") }
    func sendKey(_ key: String) { _ = Binary.shellStatus("tmux -S \(Self.quote(socket)) send-keys -t console \(key)") }

    func waitForScreen(seconds: Double, _ condition: (String) -> Bool) -> Bool {
        Sessions.waitUntil(seconds: seconds) { condition(screen()) }
    }

    func waitForExit(seconds: Double) -> Bool {
        Sessions.waitUntil(seconds: seconds) { Binary.shellStatus("tmux -S \(Self.quote(socket)) has-session -t console 2>/dev/null") != 0 }
    }

    func stop() {
        _ = Binary.shellStatus("tmux -S \(Self.quote(socket)) kill-server 2>/dev/null")
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
