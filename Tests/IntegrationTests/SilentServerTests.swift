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
}
