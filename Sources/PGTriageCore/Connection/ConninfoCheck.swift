import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// A conninfo string or URI checked by libpq's own parser (`PQconninfoParse`), never ours.
public enum ConninfoCheck {
    /// The keywords given in a conninfo string or URI with their values, in libpq's order, or
    /// libpq's reason for rejecting it.
    static func options(_ conninfo: String) -> Result<[(keyword: String, value: String)], PGError> {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            let reason = errorMessage.map { PGConnection.oneLine(String(cString: $0)) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            return .failure(PGError(kind: .connect, message: reason))
        }
        defer { PQconninfoFree(options) }
        var given: [(keyword: String, value: String)] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { given.append((String(cString: keyword), String(cString: value))) }
            option += 1
        }
        return .success(given)
    }

    /// The line as libpq read it, without the password (for display), or libpq's reason for
    /// rejecting it. Where it leads first, as `user@host:port/db` (what is given of it), then
    /// the other keywords: at 80 columns a fleet row still tells its servers apart.
    public static func check(_ conninfo: String) -> Result<String, PGError> {
        options(conninfo).map { given in
            var place: [String: String] = [:]
            var others: [String] = []
            for (keyword, value) in given where keyword != "password" {
                if ["user", "host", "port", "dbname"].contains(keyword) { place[keyword] = value }
                else if !value.isEmpty { others.append("\(keyword)=\(value)") }
            }
            var label = place["host"] ?? ""
            if let port = place["port"], !port.isEmpty { label += ":" + port }
            if let user = place["user"], !user.isEmpty { label = user + "@" + label }
            if let database = place["dbname"], !database.isEmpty { label += "/" + database }
            return ([label] + others).filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    /// One keyword's value in a conninfo string or URI, as libpq reads it (nil: not set, or not
    /// a conninfo at all, e.g. a plain database name).
    public static func value(of keyword: String, in conninfo: String) -> String? {
        (try? options(conninfo).get())?.first { $0.keyword == keyword }?.value
    }
}
