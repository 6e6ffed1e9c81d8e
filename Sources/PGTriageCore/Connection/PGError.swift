/// An error from libpq or the server, with what a person needs to act on it.
/// Never carries a password: messages come from libpq, which does not echo one.
public struct PGError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Could not connect (bad host, port, password, database, conninfo).
        case connect
        /// The connection broke mid-session (server restart, network).
        case connectionLost
        /// The server answered with an error.
        case server
        /// Cancelled through PQcancel (SQLSTATE 57014 raised by our own request).
        case cancelled
        /// A result we could not decode.
        case decode
    }

    public var kind: Kind
    public var message: String
    public var sqlState: String?
    public var detail: String?
    public var hint: String?

    public init(kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
    }

    /// One line: the message, then the SQLSTATE, detail and hint where present.
    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += ". Detail: \(detail)" }
        if let hint, !hint.isEmpty { text += ". Hint: \(hint)" }
        return text
    }

    /// insufficient_privilege
    public var isPermissionDenied: Bool { sqlState == "42501" }
    /// query_canceled: statement_timeout or a cancel request.
    public var isQueryCanceled: Bool { sqlState == "57014" }
    /// lock_not_available: our lock_timeout fired.
    public var isLockTimeout: Bool { sqlState == "55P03" }
}
