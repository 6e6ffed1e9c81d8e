#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// One line of the audit log: who did what to which backend, and what happened.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var time: String
    public var server: String
    public var role: String
    public var action: String
    public var pid: Int32
    public var targetUser: String?
    public var targetDatabase: String?
    public var targetQuery: String?
    public var result: String

    public init(time: Date, server: String, role: String, signal: BackendSignal, pid: Int32, target: BackendActivity?, result: ActionResult) {
        self.time = ISOTime.string(time)
        self.server = server
        self.role = role
        self.action = signal.rawValue
        self.pid = pid
        self.targetUser = target?.user
        self.targetDatabase = target?.database
        self.targetQuery = target.map { String($0.query.prefix(500)) }
        self.result = result.summary
    }
}

/// Appends JSON lines to `$XDG_STATE_HOME/pgtriage/audit.log` (default
/// `~/.local/state/pgtriage/audit.log`), so an incident leaves a trace of what was killed.
public struct AuditLog: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The default location from the environment.
    public static func standard(environment: [String: String] = ProcessEnvironment.all()) -> AuditLog {
        let base: String
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            base = state
        } else {
            base = (environment["HOME"] ?? "/tmp") + "/.local/state"
        }
        return AuditLog(path: base + "/pgtriage/audit.log")
    }

    public func append(_ entry: AuditEntry) throws {
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        try FileSystem.makeDirectories(directory)
        var line = try JSONEncoder().encode(entry)
        line.append(UInt8(ascii: "\n"))
        // Never through a symlink planted at the path (the trace would go wherever it points),
        // and only the owner may read it, whatever mode an existing file had.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw FileSystemError(path: path, errno: errno) }
        defer { Glibc.close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw FileSystemError(path: path, errno: errno) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw FileSystemError(path: path, errno: errno) }
    }

    public func entries() throws -> [AuditEntry] {
        guard let data = FileSystem.read(path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(AuditEntry.self, from: Data($0)) }
    }
}
