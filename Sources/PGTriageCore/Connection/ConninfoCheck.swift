import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// A conninfo string or URI checked by libpq's own parser (`PQconninfoParse`), never ours.
public enum ConninfoCheck {
    /// The line as libpq read it, without the password (for display), or libpq's reason for
    /// rejecting it.
    /// Where it leads first, as `user@host:port/db` (what is given of it), then the other
    /// keywords: at 80 columns a fleet row still tells its servers apart.
    public static func check(_ conninfo: String) -> Result<String, PGError> {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            let reason = errorMessage.map { PGConnection.oneLine(String(cString: $0)) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            return .failure(PGError(kind: .connect, message: reason))
        }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var others: [String] = []
        let place: Set<String> = ["user", "host", "port", "dbname"]
        var option = options
        while let keyword = option.pointee.keyword {
            let name = String(cString: keyword)
            if name != "password", let value = option.pointee.val {
                let text = String(cString: value)
                if place.contains(name) { values[name] = text } else if !text.isEmpty { others.append("\(name)=\(text)") }
            }
            option += 1
        }
        var label = values["host"].map { $0.isEmpty ? "" : $0 } ?? ""
        if let port = values["port"], !port.isEmpty { label += ":" + port }
        if let user = values["user"], !user.isEmpty { label = user + "@" + label }
        if let database = values["dbname"], !database.isEmpty { label += "/" + database }
        return .success(([label] + others).filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// One keyword's value in a conninfo string or URI, as libpq reads it (nil: not set, or not
    /// a conninfo at all, e.g. a plain database name).
    public static func value(of keyword: String, in conninfo: String) -> String? {
        guard let options = PQconninfoParse(conninfo, nil) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let name = option.pointee.keyword {
            if String(cString: name) == keyword { return option.pointee.val.map { String(cString: $0) } }
            option += 1
        }
        return nil
    }
}
