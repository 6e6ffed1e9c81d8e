/// Index what-if: from a scan whose filter throws most rows away to candidate indexes, and (with
/// HypoPG) what the planner would do with each. The pure half lives here: reading the columns
/// out of a condition, ordering them, dropping what an existing index covers, the report and its
/// JSON. The half that talks to a server is `ExplainRunner.runWhatIf` (IndexWhatIfRun.swift).

/// The scan a what-if is about: the relation and the condition texts as EXPLAIN printed them.
public struct IndexWhatIfTarget: Sendable, Equatable {
    public var relation: String
    /// Known when the plan is VERBOSE (or came from the runner's own EXPLAIN).
    public var schema: String?
    public var alias: String?
    /// `Filter`, then `Recheck Cond` (a bitmap heap scan), as EXPLAIN printed them.
    public var conditions: [String]
    /// `Seq Scan on orders o`.
    public var nodeTitle: String

    public init(relation: String, schema: String? = nil, alias: String? = nil, conditions: [String], nodeTitle: String) {
        self.relation = relation
        self.schema = schema
        self.alias = alias
        self.conditions = conditions
        self.nodeTitle = nodeTitle
    }

    /// A node a what-if makes sense on: a `Seq Scan` with a `Filter`, or a bitmap heap scan
    /// (or any scan on a relation) whose filter or recheck the analysis says removes most rows.
    public static func of(_ node: PlanNode, findings: [PlanFinding] = []) -> IndexWhatIfTarget? {
        guard let relation = node.relationName else { return nil }
        let removesMost = findings.contains { $0.nodeID == node.id && ($0.kind == .filterRemovesRows || $0.kind == .recheckRemovesRows) }
        let conditions: [String]
        switch node.nodeType {
        case "Seq Scan":
            guard let filter = node.filter else { return nil }
            conditions = [filter]
        case "Bitmap Heap Scan" where removesMost:
            conditions = [node.filter, node.recheckCond].compactMap { $0 }
        case "Index Scan" where removesMost && node.filter != nil, "Index Only Scan" where removesMost && node.filter != nil:
            conditions = [node.indexCond, node.filter].compactMap { $0 }
        default:
            return nil
        }
        guard !conditions.isEmpty else { return nil }
        return IndexWhatIfTarget(relation: relation, schema: node.schema, alias: node.alias, conditions: conditions, nodeTitle: node.title)
    }
}

/// The columns a condition compares with constants, as a btree index could use them.
public struct ConditionColumns: Sendable, Equatable {
    /// `col = const`, `col = ANY (...)`, `col IS NULL`, a bare boolean column: in order of appearance.
    public var equality: [String] = []
    /// `<`, `<=`, `>`, `>=` against a constant.
    public var range: [String] = []
    /// Parts no plain btree serves (`OR`, `<>`, `LIKE`, expressions), as printed.
    public var unusable: [String] = []

    public init(equality: [String] = [], range: [String] = [], unusable: [String] = []) {
        self.equality = equality
        self.range = range
        self.unusable = unusable
    }

    /// Adds another condition's columns (a bitmap heap scan has a filter and a recheck).
    mutating func merge(_ other: ConditionColumns) {
        let (eq, rg, un) = (equality, range, unusable)
        equality += other.equality.filter { !eq.contains($0) }
        range += other.range.filter { !rg.contains($0) }
        unusable += other.unusable.filter { !un.contains($0) }
        let allEqual = equality
        range.removeAll { allEqual.contains($0) }
    }
}

/// Column statistics the ordering uses (`pg_stats`), and the relation's size.
public struct WhatIfColumnStats: Sendable, Equatable {
    public var name: String
    /// As `pg_stats.n_distinct`: positive a count, negative a fraction of the rows; nil when not analysed.
    public var nDistinct: Double?

    public init(name: String, nDistinct: Double?) {
        self.name = name
        self.nDistinct = nDistinct
    }
}

/// An index that exists on the relation (key columns in order; "" for an expression).
public struct ExistingIndex: Sendable, Equatable {
    public var name: String
    public var accessMethod: String
    public var columns: [String]
    public var isPartial: Bool

    public init(name: String, accessMethod: String, columns: [String], isPartial: Bool) {
        self.name = name
        self.accessMethod = accessMethod
        self.columns = columns
        self.isPartial = isPartial
    }
}

/// One proposed index and, when HypoPG tried it, what the planner made of it.
public struct IndexCandidate: Sendable, Equatable {
    public var schema: String?
    public var relation: String
    public var columns: [String]
    /// The node the candidate is for (`Seq Scan on orders o`).
    public var nodeBefore: String
    /// Filled by the what-if (nil when HypoPG is not there).
    public var costAfter: Double?
    public var used: Bool?
    public var sizeBytes: Int?
    /// The node that uses the hypothetical index in the new plan (`Index Scan using <13556>btree_orders_amount on orders o`).
    public var nodeAfter: String?

    public init(schema: String?, relation: String, columns: [String], nodeBefore: String) {
        self.schema = schema
        self.relation = relation
        self.columns = columns
        self.nodeBefore = nodeBefore
    }

    public var qualifiedRelation: String {
        (schema.map { IndexWhatIf.quote($0) + "." } ?? "") + IndexWhatIf.quote(relation)
    }

    /// `CREATE INDEX ON public.orders (status, created_at)`: what HypoPG is given and the DBA copies.
    public var ddl: String {
        "CREATE INDEX ON \(qualifiedRelation) (\(columns.map(IndexWhatIf.quote).joined(separator: ", ")))"
    }
}

/// What a what-if looks at: one scan (the browser's `i`), or every scan with a filter in the plan
/// (`explain --what-if`).
public enum IndexWhatIfScope: Sendable, Equatable {
    case node(IndexWhatIfTarget)
    case everyScan
}

/// Whether HypoPG can be used in the database.
public enum HypoPGStatus: Sendable, Equatable {
    /// `CREATE EXTENSION hypopg` was run in this database (its version).
    case installed(String)
    /// The server has it (`pg_available_extensions`) but this database has not created it.
    case available
    /// The server does not have it.
    case missing
    /// No server was asked (an offline plan).
    case unknown

    public var isInstalled: Bool { if case .installed = self { return true } else { return false } }
}

/// Everything a what-if found, for the browser's view, `explain --what-if` and its JSON.
public struct IndexWhatIfReport: Sendable, Equatable {
    public var database: String?
    public var serverVersion: Int
    public var hypopg: HypoPGStatus
    /// The root's total cost of a plain EXPLAIN before any hypothetical index.
    public var planCostBefore: Double?
    public var candidates: [IndexCandidate]
    /// Candidates dropped because an existing index covers them: (DDL, the index's name).
    public var covered: [(ddl: String, by: String)]
    /// The scans looked at and the condition parts no candidate serves.
    public var scans: [String]
    public var unusable: [String]
    /// What could not be done, and why ("no statistics for orders: ANALYZE it").
    public var notes: [String]

    public init(database: String?, serverVersion: Int, hypopg: HypoPGStatus, planCostBefore: Double?,
                candidates: [IndexCandidate] = [], covered: [(ddl: String, by: String)] = [], scans: [String] = [],
                unusable: [String] = [], notes: [String] = []) {
        self.database = database
        self.serverVersion = serverVersion
        self.hypopg = hypopg
        self.planCostBefore = planCostBefore
        self.candidates = candidates
        self.covered = covered
        self.scans = scans
        self.unusable = unusable
        self.notes = notes
    }

    public static func == (lhs: IndexWhatIfReport, rhs: IndexWhatIfReport) -> Bool {
        lhs.database == rhs.database && lhs.serverVersion == rhs.serverVersion && lhs.hypopg == rhs.hypopg
            && lhs.planCostBefore == rhs.planCostBefore && lhs.candidates == rhs.candidates
            && lhs.covered.map(\.ddl) == rhs.covered.map(\.ddl) && lhs.covered.map(\.by) == rhs.covered.map(\.by)
            && lhs.scans == rhs.scans && lhs.unusable == rhs.unusable && lhs.notes == rhs.notes
    }

    /// How to get HypoPG when it is not in the database (nil when it is).
    public var howToGetHypoPG: String? {
        let place = database.map { " in \($0)" } ?? ""
        let major = serverVersion / 10000
        let package = major > 0 ? "postgresql-\(major)-hypopg" : "postgresql-NN-hypopg"
        switch hypopg {
        case .installed: return nil
        case .available:
            return "HypoPG is not installed\(place): CREATE EXTENSION hypopg; (the server has it) tests these without building them"
        case .missing:
            return "HypoPG is not on this server: install Debian's \(package) (or build HypoPG), then CREATE EXTENSION hypopg\(place)"
        case .unknown:
            return "no server behind this plan: the candidates are untested (pgtriage explain --what-if tests them with HypoPG)"
        }
    }

    /// The text a DBA copies: each candidate with what the what-if said about it, as comments.
    public var clipboardText: String {
        var out = "-- index what-if" + (database.map { " in \($0)" } ?? "") + "\n"
        for c in candidates {
            var comment = "-- for \(c.nodeBefore)"
            if let after = c.costAfter, let before = planCostBefore {
                comment += ": cost \(PlanText.fixed(before, 2)) -> \(PlanText.fixed(after, 2))"
                comment += c.used == true ? ", used" : ", not used by the planner"
            }
            if let size = c.sizeBytes { comment += ", about \(IndexWhatIf.bytes(size))" }
            out += comment + "\n" + c.ddl + ";\n"
        }
        return out
    }

    /// `{"plan_cost_before": N, "candidates": [{"ddl", "cost_after", "used", "size_bytes", ...}], ...}`.
    public var json: JSONValue {
        .object([
            ("plan_cost_before", .optional(planCostBefore)),
            ("candidates", .array(candidates.map { c in
                .object([
                    ("ddl", .string(c.ddl)),
                    ("cost_after", .optional(c.costAfter)),
                    ("used", c.used.map(JSONValue.bool) ?? .null),
                    ("size_bytes", .optional(c.sizeBytes)),
                    ("relation", .string(c.qualifiedRelation)),
                    ("node_before", .string(c.nodeBefore)),
                    ("node_after", .optional(c.nodeAfter)),
                ])
            })),
            ("hypopg", .string(hypopgWord)),
            ("covered", .array(covered.map { .object([("ddl", .string($0.ddl)), ("by", .string($0.by))]) })),
            ("unusable", .array(unusable.map(JSONValue.string))),
            ("notes", .array(notes.map(JSONValue.string) + (howToGetHypoPG.map { [.string($0)] } ?? []))),
        ])
    }

    /// The JSON as text, members in the order above.
    public var jsonText: String { PlanReport.jsonText(json) }

    var hypopgWord: String {
        switch hypopg {
        case .installed: return "installed"
        case .available: return "available"
        case .missing: return "missing"
        case .unknown: return "unknown"
        }
    }

    /// What `explain --what-if` prints, and the browser's view shows.
    public var lines: [String] {
        var out: [String] = []
        switch hypopg {
        case .installed(let version):
            out.append("HypoPG \(version)" + (database.map { " in \($0)" } ?? "") + ": hypothetical indexes, plain EXPLAIN (never ANALYZE), then hypopg_reset()")
        default:
            if let how = howToGetHypoPG { out.append(how) }
        }
        for scan in scans { out.append("scan: " + scan) }
        if let before = planCostBefore { out.append("plan cost before: " + PlanText.fixed(before, 2)) }
        if candidates.isEmpty { out.append("no candidate index") }
        for c in candidates {
            out.append("")
            out.append(c.ddl + ";")
            if let after = c.costAfter {
                // Before and after side by side: the plan's total cost without and with the index.
                var line = "  cost " + (planCostBefore.map { PlanText.fixed($0, 2) + " -> " } ?? "after ") + PlanText.fixed(after, 2)
                if let before = planCostBefore, before > 0 {
                    let change = (after - before) / before * 100
                    // -99.7 % is not -100 %: a drop that large keeps a decimal.
                    let decimals = abs(change) >= 99 && abs(change) < 100 ? 1 : 0
                    line += " (" + (change <= 0 ? "" : "+") + PlanText.fixed(change, decimals) + " %)"
                }
                line += c.used == true ? ", used" : ", not used by the planner"
                if let size = c.sizeBytes { line += ", estimated size " + IndexWhatIf.bytes(size) }
                out.append(line)
                if let node = c.nodeAfter { out.append("  \(c.nodeBefore) -> \(node)") }
            } else {
                out.append("  for \(c.nodeBefore) (untested)")
            }
        }
        if !covered.isEmpty { out.append("") }
        for item in covered { out.append("already covered: \(item.ddl) (by \(item.by))") }
        for part in unusable { out.append("not served by a btree index: " + part) }
        for note in notes { out.append(note) }
        return out
    }
}

public enum IndexWhatIf {
    /// At most this many candidates per scan: the composite and the single columns it is made of.
    static let maxCandidatesPerScan = 4

    /// Words that must be quoted as column or table names in DDL.
    static let reserved: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or",
        "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
        "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
        "window", "with",
    ]

    /// An identifier as SQL needs it written.
    public static func quote(_ name: String) -> String {
        let quoted = PlanText.quoteIdentifier(name)
        return quoted == name && reserved.contains(name) ? "\"\(name)\"" : quoted
    }

    /// `2605056` -> `2.5 MB`.
    public static func bytes(_ count: Int) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(count) bytes" : PlanText.fixed(value, value < 10 ? 1 : 0) + " " + units[unit]
    }

    // MARK: reading a condition

    /// The columns `condition` compares with constants. `columns`: the relation's column names
    /// when known (then only those count as columns); nil: any plain name does.
    public static func columns(in condition: String, tableColumns: Set<String>? = nil) -> ConditionColumns {
        var out = ConditionColumns()
        func add(_ name: String, to list: WritableKeyPath<ConditionColumns, [String]>) {
            if !out[keyPath: list].contains(name) { out[keyPath: list].append(name) }
        }
        for part in splitTopLevel(stripParens(condition), word: "AND") {
            let term = stripParens(part)
            if splitTopLevel(term, word: "OR").count > 1 { out.unusable.append(term); continue }
            if let name = columnName(term, tableColumns) {
                add(name, to: \.equality)  // a bare boolean column
                continue
            }
            if term.uppercased().hasPrefix("NOT "), let name = columnName(String(term.dropFirst(4)), tableColumns) {
                add(name, to: \.equality)
                continue
            }
            if term.hasSuffix(" IS NULL"), let name = columnName(String(term.dropLast(8)), tableColumns) {
                add(name, to: \.equality)
                continue
            }
            guard let (left, op, right) = comparison(term) else { out.unusable.append(term); continue }
            var column: String?
            var other = right
            var oper = op
            if let name = columnName(left, tableColumns) {
                column = name
            } else if let name = columnName(right, tableColumns) {
                column = name
                other = left
                oper = ["<": ">", ">": "<", "<=": ">=", ">=": "<="][op] ?? op
            }
            guard let column, isConstant(other, tableColumns) else { out.unusable.append(term); continue }
            switch oper {
            case "=": add(column, to: \.equality)
            case "<", "<=", ">", ">=": add(column, to: \.range)
            default: out.unusable.append(term)
            }
        }
        let equality = out.equality
        out.range.removeAll { equality.contains($0) }
        return out
    }

    /// Removes parentheses that wrap the whole text, as often as they do.
    static func stripParens(_ text: String) -> String {
        var s = Substring(text).trimmedOfBlanks
        while s.hasPrefix("("), s.hasSuffix(")"), closingParen(of: s) == s.index(before: s.endIndex) {
            s = s.dropFirst().dropLast().trimmedOfBlanks
        }
        return String(s)
    }

    /// The index of the parenthesis that closes the one `s` starts with (quotes respected).
    static func closingParen(of s: Substring) -> String.Index? {
        var depth = 0
        var quote: Character?
        for i in s.indices {
            let c = s[i]
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "'", "\"": quote = c
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
        }
        return nil
    }

    /// Splits at ` WORD ` outside parentheses and quotes.
    static func splitTopLevel(_ text: String, word: String) -> [String] {
        let chars = Array(text)
        let needle = Array(" \(word) ")
        var parts: [String] = []
        var depth = 0
        var quote: Character?
        var start = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
                i += 1
                continue
            }
            switch c {
            case "'", "\"": quote = c
            case "(": depth += 1
            case ")": depth -= 1
            default:
                if depth == 0, c == " ", i + needle.count <= chars.count, Array(chars[i..<(i + needle.count)]) == needle {
                    parts.append(String(chars[start..<i]))
                    i += needle.count
                    start = i
                    continue
                }
            }
            i += 1
        }
        parts.append(String(chars[start...]))
        return parts
    }

    static let operatorCharacters = Set("+-*/<>=~!@#%^&|`?")

    /// `left OP right` at the top level (EXPLAIN writes a space either side of an operator).
    static func comparison(_ term: String) -> (String, String, String)? {
        let chars = Array(term)
        var depth = 0
        var quote: Character?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote { if c == q { quote = nil }; i += 1; continue }
            switch c {
            case "'", "\"": quote = c
            case "(": depth += 1
            case ")": depth -= 1
            case " " where depth == 0 && i + 1 < chars.count && operatorCharacters.contains(chars[i + 1]):
                var j = i + 1
                while j < chars.count, operatorCharacters.contains(chars[j]) { j += 1 }
                if j < chars.count, chars[j] == " " {
                    let op = String(chars[(i + 1)..<j])
                    var right = String(chars[(j + 1)...])
                    var opName = op
                    for any in ["ANY ", "ALL "] where right.hasPrefix(any) {
                        // `col = ANY ('{a,b}'::text[])` is an IN list: equality; ALL is not.
                        right = String(right.dropFirst(any.count))
                        if any == "ALL " { opName = op + " ALL" }
                    }
                    return (String(chars[..<i]), opName, right)
                }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The column a side of a comparison is: `status`, `o.status`, `"Status"`, `(status)::text`.
    static func columnName(_ side: String, _ tableColumns: Set<String>?) -> String? {
        var s = stripParens(side)
        if let cast = topLevelCast(s) { s = stripParens(String(s[..<cast])) }
        guard !s.isEmpty else { return nil }
        let parts = splitQualifiedName(s)
        guard let parts, let last = parts.last, parts.count <= 3 else { return nil }
        if let tableColumns { return tableColumns.contains(last) ? last : nil }
        return reserved.contains(last.lowercased()) && !s.hasPrefix("\"") ? nil : last
    }

    /// Where `::type` starts at the top level.
    static func topLevelCast(_ s: String) -> String.Index? {
        var depth = 0
        var quote: Character?
        var previous: Character = " "
        for i in s.indices {
            let c = s[i]
            if let q = quote { if c == q { quote = nil }; previous = c; continue }
            switch c {
            case "'", "\"": quote = c
            case "(": depth += 1
            case ")": depth -= 1
            case ":" where depth == 0 && previous == ":": return s.index(before: i)
            default: break
            }
            previous = c
        }
        return nil
    }

    /// `a.b` / `"A"."b"` -> its names; nil unless the whole text is one (qualified) identifier.
    static func splitQualifiedName(_ s: String) -> [String]? {
        var names: [String] = []
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "\"" {
                var name = ""
                var j = s.index(after: i)
                var closed = false
                while j < s.endIndex {
                    if s[j] == "\"" {
                        let next = s.index(after: j)
                        if next < s.endIndex, s[next] == "\"" { name.append("\""); j = s.index(after: next); continue }
                        closed = true
                        j = next
                        break
                    }
                    name.append(s[j])
                    j = s.index(after: j)
                }
                guard closed else { return nil }
                names.append(name)
                i = j
            } else {
                var j = i
                while j < s.endIndex, s[j] == "_" || s[j] == "$" || s[j].isLetter || s[j].isNumber { j = s.index(after: j) }
                guard j > i, !s[i].isNumber, s[i] != "$" else { return nil }
                names.append(String(s[i..<j]))
                i = j
            }
            if i < s.endIndex {
                guard s[i] == "." else { return nil }
                i = s.index(after: i)
                guard i < s.endIndex else { return nil }
            }
        }
        return names.isEmpty ? nil : names
    }

    /// Words in an expression that are not names of columns: casts' type names are skipped
    /// separately; these are SQL's value keywords.
    static let valueKeywords: Set<String> = [
        "null", "true", "false", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
        "current_user", "session_user", "current_role", "array", "interval", "and", "or", "not", "is",
    ]

    /// Whether a side holds no column of the relation: literals, `$n`, functions of constants.
    static func isConstant(_ side: String, _ tableColumns: Set<String>?) -> Bool {
        let chars = Array(side)
        var i = 0
        var quote: Character?
        var afterCast = false
        while i < chars.count {
            let c = chars[i]
            if let q = quote { if c == q { quote = nil }; i += 1; continue }
            if c == "'" { quote = c; i += 1; continue }
            if c == ":" && i + 1 < chars.count && chars[i + 1] == ":" { afterCast = true; i += 2; continue }
            if c == "\"" || c.isLetter || c == "_" {
                var j = i
                var word = ""
                if c == "\"" {
                    j += 1
                    while j < chars.count, chars[j] != "\"" { word.append(chars[j]); j += 1 }
                    j += 1
                } else {
                    while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "$" { word.append(chars[j]); j += 1 }
                }
                var k = j
                while k < chars.count, chars[k] == " " { k += 1 }
                let isFunction = k < chars.count && chars[k] == "("
                if !afterCast && !isFunction && !valueKeywords.contains(word.lowercased()) {
                    // `(InitPlan 1).col1`, `$1`: parameters of the scan, constant for it.
                    let isSubplan = word == "InitPlan" || word == "SubPlan"
                    if isSubplan { return true }
                    if let tableColumns { if tableColumns.contains(word) { return false } } else { return false }
                }
                i = j
                continue
            }
            if c != " " && c != "[" && c != "]" { afterCast = false }
            i += 1
        }
        return true
    }

    // MARK: candidates

    /// Estimated distinct values: `n_distinct` read with the relation's row count.
    static func distinct(_ stat: WhatIfColumnStats?, rows: Double) -> Double {
        guard let n = stat?.nDistinct else { return 0 }
        return n >= 0 ? n : -n * max(rows, 1)
    }

    /// Candidate indexes for one scan: the equality columns (most distinct first), then the
    /// range columns; then each of those columns alone, so the what-if shows whether a narrower
    /// index does as well. What an existing btree covers with a leading prefix is left out.
    public static func candidates(
        for target: IndexWhatIfTarget, schema: String?, columns found: ConditionColumns,
        stats: [WhatIfColumnStats], rows: Double, existing: [ExistingIndex]
    ) -> (candidates: [IndexCandidate], covered: [(ddl: String, by: String)]) {
        let byName = Dictionary(stats.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let equality = found.equality.enumerated().sorted { a, b in
            let da = distinct(byName[a.element], rows: rows), db = distinct(byName[b.element], rows: rows)
            return da != db ? da > db : a.offset < b.offset
        }.map(\.element)
        let composite = equality + found.range
        guard !composite.isEmpty else { return ([], []) }
        var lists = [composite]
        if composite.count > 1 { lists += composite.map { [$0] } }
        var out: [IndexCandidate] = []
        var covered: [(ddl: String, by: String)] = []
        for columns in lists.prefix(maxCandidatesPerScan) {
            let candidate = IndexCandidate(schema: schema, relation: target.relation, columns: columns, nodeBefore: target.nodeTitle)
            if let index = existing.first(where: { covers($0, columns) }) {
                covered.append((candidate.ddl, index.name))
            } else {
                out.append(candidate)
            }
        }
        return (out, covered)
    }

    /// pghero's `index_covers?`: a btree (not partial) whose leading key columns are these.
    static func covers(_ index: ExistingIndex, _ columns: [String]) -> Bool {
        index.accessMethod == "btree" && !index.isPartial && index.columns.count >= columns.count
            && Array(index.columns.prefix(columns.count)) == columns
    }

    /// Without a server (`pgtriage plan FILE`): the candidates from the condition alone, columns
    /// in the order they appear, untested.
    public static func offlineReport(_ target: IndexWhatIfTarget) -> IndexWhatIfReport {
        var found = ConditionColumns()
        for condition in target.conditions { found.merge(columns(in: condition)) }
        let made = candidates(for: target, schema: target.schema, columns: found, stats: [], rows: 0, existing: [])
        return IndexWhatIfReport(database: nil, serverVersion: 0, hypopg: .unknown, planCostBefore: nil,
                                 candidates: made.candidates, covered: made.covered, scans: [target.nodeTitle],
                                 unusable: found.unusable,
                                 notes: ["columns in the order of the condition: n_distinct and the existing indexes were not read"])
    }
}

extension Substring {
    var trimmedOfBlanks: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\n" || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" { s = s.dropLast() }
        return s
    }
}
