/// Cancel and terminate, with the outcome a person needs: signalled, gone, or not allowed.
public enum BackendActions {
    /// Sends `signal` to `pid` over `connection` (the action session). Never throws: every
    /// failure is an outcome to show.
    public static func send(_ signal: BackendSignal, to pid: Int32, on connection: PGConnection) -> ActionOutcome {
        do {
            let result = try connection.query("SELECT \(signal.function)($1::int) AS signalled", ["\(pid)"])
            if try result.first?.bool("signalled") == true { return .signalled }
            // false comes with a WARNING: "PID n is not a PostgreSQL backend process".
            if result.notices.contains(where: { $0.contains("not a PostgreSQL") }) { return .notFound }
            return .failed(result.notices.first ?? "the server did not signal it")
        } catch let error as PGError {
            if error.isPermissionDenied { return .notPermitted(error.message + (error.detail.map { ": \($0)" } ?? "")) }
            return .failed(error.description)
        } catch {
            return .failed("\(error)")
        }
    }
}
