#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import PGTriageCore

/// The audit log is the DBA's trace of what was done: it goes only to its own file, readable by
/// its owner alone.
@Suite struct AuditLogTests {
    let folder = "/tmp/pgtriage-audit-test-\(UInt32.random(in: 0...UInt32.max))"

    func entry() -> AuditEntry {
        AuditEntry(time: Date(timeIntervalSince1970: 1_800_000_000), server: "u@h:5432/db", role: "triage", signal: .terminate,
                   pid: 42, target: nil, result: ActionResult(signal: .terminate, pid: 42, outcome: .signalled))
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test func aSymlinkAtThePathIsRefusedNotFollowed() throws {
        try FileSystem.makeDirectories(folder)
        defer { unlink(folder + "/audit.log"); unlink(folder + "/elsewhere"); rmdir(folder) }
        let elsewhere = folder + "/elsewhere"
        try FileSystem.write(Data("before\n".utf8), to: elsewhere)
        #expect(symlink(elsewhere, folder + "/audit.log") == 0)
        #expect(throws: FileSystemError.self) { try AuditLog(path: folder + "/audit.log").append(entry()) }
        #expect(FileSystem.read(elsewhere).map { String(decoding: $0, as: UTF8.self) } == "before\n")
    }

    @Test func anExistingLooseFileBecomesOwnerOnly() throws {
        try FileSystem.makeDirectories(folder)
        defer { unlink(folder + "/audit.log"); rmdir(folder) }
        let path = folder + "/audit.log"
        try FileSystem.write(Data(), to: path, mode: 0o644)
        chmod(path, 0o644)
        #expect(mode(path) == 0o644)
        try AuditLog(path: path).append(entry())
        #expect(mode(path) == 0o600)
        #expect(try AuditLog(path: path).entries().map(\.pid) == [42])
    }
}
