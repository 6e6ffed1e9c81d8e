#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One server of the fleet: the name its row shows and where libpq connects. A server named by
/// a service is `service=NAME` and nothing else: host, port, user and password stay libpq's
/// business (the service file, `.pgpass`, `PG*` variables), exactly as for psql.
public struct FleetServer: Sendable, Equatable {
    /// The service name, or the `--hosts` line without its password.
    public var name: String
    public var target: ConnectionTarget
    /// Set when the server could not even be named properly (a `--hosts` line libpq rejects):
    /// its row is down with this reason and it is never connected.
    public var invalid: String?

    public init(name: String, target: ConnectionTarget, invalid: String? = nil) {
        self.name = name; self.target = target; self.invalid = invalid
    }

    /// A service, as libpq reads it: `service='NAME'` (a conninfo value, quoted so a name with
    /// spaces or quotes is passed whole).
    public static func service(_ name: String) -> FleetServer {
        var quoted = ""
        for character in name {
            if character == "\\" || character == "'" { quoted.append("\\") }
            quoted.append(character)
        }
        return FleetServer(name: name, target: ConnectionTarget(conninfo: "service='\(quoted)'"))
    }
}

/// Naming the fleet: services by name, every service of the service file libpq would read, or
/// one conninfo or URI a line. The only parsing done here is listing a service file's section
/// names (`[name]` lines); everything else is libpq's (a line it rejects, a service it cannot
/// find, a file it cannot parse: the row says what libpq said).
public enum FleetServers {
    /// The service files libpq reads, in its order: `PGSERVICEFILE` (else `~/.pg_service.conf`),
    /// then `PGSYSCONFDIR/pg_service.conf`. libpq's compiled-in system directory is used only
    /// when `PGSYSCONFDIR` is unset and cannot be asked for, so it is not listed (its services
    /// still connect when named).
    public static func serviceFiles(environment: [String: String]) -> [String] {
        var files: [String] = []
        if let file = environment["PGSERVICEFILE"], !file.isEmpty {
            files.append(file)
        } else if let home = environment["HOME"], !home.isEmpty {
            files.append(home + "/.pg_service.conf")
        }
        if let directory = environment["PGSYSCONFDIR"], !directory.isEmpty {
            files.append(directory + "/pg_service.conf")
        }
        return files
    }

    /// The section names of a service file, in file order, each once. Lines are trimmed as
    /// libpq trims them; `#` starts a comment line.
    public static func sectionNames(in text: String) -> [String] {
        var names: [String] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = trimmed(raw)
            guard line.hasPrefix("["), line.hasSuffix("]"), line.count > 2 else { continue }
            let name = String(line.dropFirst().dropLast())
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Every service of the files libpq would read (`files`, first file first; a name in two
    /// files counts once, as libpq uses the first). Files that are absent are skipped; fails
    /// only when none of them could be read.
    public static func allServices(files: [String]) throws -> [FleetServer] {
        var names: [String] = []
        var readAny = false
        for file in files {
            guard let data = FileSystem.read(file) else { continue }
            readAny = true
            for name in sectionNames(in: String(decoding: data, as: UTF8.self)) where !names.contains(name) {
                names.append(name)
            }
        }
        guard readAny else {
            throw FleetNamingError("no service file to read (looked for \(files.isEmpty ? "none: HOME and PGSERVICEFILE are unset" : files.joined(separator: ", ")))")
        }
        guard !names.isEmpty else {
            throw FleetNamingError("no service in \(files.joined(separator: ", "))")
        }
        return names.map(FleetServer.service)
    }

    /// One server a line of a `--hosts` file: a conninfo string or a URI. Blank lines and lines
    /// starting with `#` are skipped. libpq checks each line (`ConninfoCheck`); a line it rejects
    /// becomes a server that is down with libpq's reason, so the rest still work; it is named by
    /// its line number, since a line libpq cannot read cannot be shown without its password.
    public static func hostsFile(_ text: String) -> [FleetServer] {
        var servers: [FleetServer] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            switch ConninfoCheck.check(line) {
            case .success(let display):
                servers.append(FleetServer(name: display, target: ConnectionTarget(conninfo: line)))
            case .failure(let error):
                servers.append(FleetServer(name: "line \(number + 1)", target: ConnectionTarget(conninfo: line),
                                           invalid: error.message))
            }
        }
        return servers
    }
}

/// A line without its leading and trailing blanks.
private func trimmed(_ line: Substring) -> String {
    String(line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed()
        .drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
}

/// The fleet has no server to look at (exit status 2).
public struct FleetNamingError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
