#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import Testing

/// A loopback socket that accepts connections and never says a word: a server that hangs, as
/// the client sees it.
final class SilentListener {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        guard fd >= 0 else { throw PGError(kind: .connect, message: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw PGError(kind: .connect, message: "bind/listen: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

@Suite("A server that never answers")
struct SilentServerTests {
    /// The console says what it waits for instead of a blank terminal, then gives up with one
    /// line and exit status 2.
    @Test func theConsoleSaysItIsWaitingThenGivesUp() throws {
        let silent = try SilentListener()
        let started = Date()
        let run = try Binary.run(["-h", "127.0.0.1", "-p", "\(silent.port)", "-U", "nobody", "-d", "nothing"], timeout: 30)
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 2)
        #expect(run.stderr.contains("waiting for the server to answer"), "\(run.stderr)")
        #expect(run.stderr.contains("timed out"), "\(run.stderr)")
        // The connect timeout (10 s), not a hang.
        #expect(elapsed < 25, "\(elapsed) s")
    }

    /// The connect timeout is the user's, as psql takes it: the conninfo's `connect_timeout`,
    /// else `PGCONNECT_TIMEOUT`; 10 s only when neither says.
    @Test func theUsersConnectTimeoutIsTheOneWaited() throws {
        let silent = try SilentListener()
        var started = Date()
        let fromConninfo = try Binary.run(["snapshot", "host=127.0.0.1 port=\(silent.port) user=nobody connect_timeout=2"], timeout: 30)
        var elapsed = Date().timeIntervalSince(started)
        #expect(fromConninfo.status == 2)
        #expect(fromConninfo.stderr.contains("timed out after 2 s"), "\(fromConninfo.stderr)")
        #expect(elapsed < 6, "\(elapsed) s")
        started = Date()
        let fromEnvironment = try Binary.run(["snapshot", "host=127.0.0.1 port=\(silent.port) user=nobody"],
                                             environment: ["PGCONNECT_TIMEOUT": "3"], timeout: 30)
        elapsed = Date().timeIntervalSince(started)
        #expect(fromEnvironment.stderr.contains("timed out after 3 s"), "\(fromEnvironment.stderr)")
        #expect(elapsed < 7, "\(elapsed) s")
    }

    @Test func theConnectTimeoutFollowsLibpqsRules() {
        #expect(ConnectionTarget(conninfo: "host=db connect_timeout=7").connectTimeout(fallback: 10) == 7)
        #expect(ConnectionTarget(conninfo: "postgresql://db/x?connect_timeout=1").connectTimeout(fallback: 10) == 2, "1 reads as 2")
        #expect(ConnectionTarget(conninfo: "host=db connect_timeout=0").connectTimeout(fallback: 10) == .infinity)
        let unset = ConnectionTarget(conninfo: "host=db port=5432").connectTimeout(fallback: 10)
        #expect(unset == (getenv("PGCONNECT_TIMEOUT") == nil ? 10 : ConnectionTarget(conninfo: "host=db connect_timeout=\(String(cString: getenv("PGCONNECT_TIMEOUT")!))").connectTimeout(fallback: 10)))
    }
}
