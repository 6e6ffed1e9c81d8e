import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// A conninfo string or URI checked by libpq's own parser (`PQconninfoParse`), never ours.
public enum ConninfoCheck {
    /// The line as libpq read it, as `keyword=value` pairs in libpq's order without the
    /// password (for display), or libpq's reason for rejecting it.
    public static func check(_ conninfo: String) -> Result<String, PGError> {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            let reason = errorMessage.map { PGConnection.oneLine(String(cString: $0)) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            return .failure(PGError(kind: .connect, message: reason))
        }
        defer { PQconninfoFree(options) }
        var pairs: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let name = String(cString: keyword)
            if name != "password", let value = option.pointee.val {
                let text = String(cString: value)
                if !text.isEmpty { pairs.append("\(name)=\(text)") }
            }
            option += 1
        }
        return .success(pairs.joined(separator: " "))
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
