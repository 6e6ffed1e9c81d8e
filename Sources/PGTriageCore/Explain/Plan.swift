/// Which EXPLAIN output a plan was read from.
public enum PlanSourceFormat: String, Sendable {
    case json
    case text
}

/// How a node hangs from its parent (`Parent Relationship`).
public enum PlanRelationship: String, Sendable {
    case outer = "Outer"
    case inner = "Inner"
    case subPlan = "SubPlan"
    case initPlan = "InitPlan"
    case member = "Member"
    case other
}

/// One parallel worker's share of a node (`Workers` in JSON, `Worker N:` lines in text).
public struct PlanWorker: Sendable {
    public var number: Int
    /// Every property of the worker, JSON names, in input order.
    public var properties: [(String, PlanValue)]

    public init(number: Int, properties: [(String, PlanValue)]) {
        self.number = number
        self.properties = properties
    }

    public func value(_ key: String) -> PlanValue? { properties.first { $0.0 == key }?.1 }
    public var actualTotalTime: Double? { value("Actual Total Time")?.double }
    public var actualRows: Double? { value("Actual Rows")?.double }
    public var loops: Double? { value("Actual Loops")?.double }
}

/// Block counts of a node (inclusive of its children, as PostgreSQL reports them) or of a plan.
public struct PlanBuffers: Sendable, Equatable {
    public var sharedHit = 0, sharedRead = 0, sharedDirtied = 0, sharedWritten = 0
    public var localHit = 0, localRead = 0, localDirtied = 0, localWritten = 0
    public var tempRead = 0, tempWritten = 0

    public init() {}

    public var isZero: Bool { self == PlanBuffers() }

    public static func - (lhs: PlanBuffers, rhs: PlanBuffers) -> PlanBuffers {
        var out = PlanBuffers()
        out.sharedHit = max(0, lhs.sharedHit - rhs.sharedHit)
        out.sharedRead = max(0, lhs.sharedRead - rhs.sharedRead)
        out.sharedDirtied = max(0, lhs.sharedDirtied - rhs.sharedDirtied)
        out.sharedWritten = max(0, lhs.sharedWritten - rhs.sharedWritten)
        out.localHit = max(0, lhs.localHit - rhs.localHit)
        out.localRead = max(0, lhs.localRead - rhs.localRead)
        out.localDirtied = max(0, lhs.localDirtied - rhs.localDirtied)
        out.localWritten = max(0, lhs.localWritten - rhs.localWritten)
        out.tempRead = max(0, lhs.tempRead - rhs.tempRead)
        out.tempWritten = max(0, lhs.tempWritten - rhs.tempWritten)
        return out
    }

    public static func + (lhs: PlanBuffers, rhs: PlanBuffers) -> PlanBuffers {
        var out = lhs
        out.sharedHit += rhs.sharedHit; out.sharedRead += rhs.sharedRead
        out.sharedDirtied += rhs.sharedDirtied; out.sharedWritten += rhs.sharedWritten
        out.localHit += rhs.localHit; out.localRead += rhs.localRead
        out.localDirtied += rhs.localDirtied; out.localWritten += rhs.localWritten
        out.tempRead += rhs.tempRead; out.tempWritten += rhs.tempWritten
        return out
    }

    /// As EXPLAIN's text prints it: `shared hit=5 read=2, temp written=10` (zeros left out).
    public var summary: String {
        func group(_ name: String, _ parts: [(String, Int)]) -> String? {
            let shown = parts.filter { $0.1 != 0 }.map { "\($0.0)=\($0.1)" }
            return shown.isEmpty ? nil : name + " " + shown.joined(separator: " ")
        }
        return [
            group("shared", [("hit", sharedHit), ("read", sharedRead), ("dirtied", sharedDirtied), ("written", sharedWritten)]),
            group("local", [("hit", localHit), ("read", localRead), ("dirtied", localDirtied), ("written", localWritten)]),
            group("temp", [("read", tempRead), ("written", tempWritten)]),
        ].compactMap { $0 }.joined(separator: ", ")
    }

    static func from(_ lookup: (String) -> PlanValue?) -> PlanBuffers {
        // Clamped, so sums of absurd (fuzzed) counts cannot overflow.
        func n(_ key: String) -> Int { min(max(lookup(key)?.int ?? 0, 0), 1 << 50) }
        var b = PlanBuffers()
        b.sharedHit = n("Shared Hit Blocks"); b.sharedRead = n("Shared Read Blocks")
        b.sharedDirtied = n("Shared Dirtied Blocks"); b.sharedWritten = n("Shared Written Blocks")
        b.localHit = n("Local Hit Blocks"); b.localRead = n("Local Read Blocks")
        b.localDirtied = n("Local Dirtied Blocks"); b.localWritten = n("Local Written Blocks")
        b.tempRead = n("Temp Read Blocks"); b.tempWritten = n("Temp Written Blocks")
        return b
    }
}

/// One plan node. `properties` holds every property as EXPLAIN named it in JSON (the text
/// parser uses the same names), in input order, known or not; the typed accessors read from it.
/// Children are referenced by id: a plan is a flat array in pre-order, so an id is the node's
/// index and stays stable for a UI (selection, collapsed set, search results).
public struct PlanNode: Sendable, Identifiable {
    public let id: Int
    public var parentID: Int?
    public var childIDs: [Int] = []
    public var depth: Int
    public var properties: [(String, PlanValue)]
    public var workers: [PlanWorker]

    public init(id: Int, parentID: Int?, depth: Int, properties: [(String, PlanValue)], workers: [PlanWorker] = []) {
        self.id = id
        self.parentID = parentID
        self.depth = depth
        self.properties = properties
        self.workers = workers
    }

    public func value(_ key: String) -> PlanValue? { properties.first { $0.0 == key }?.1 }
    public func string(_ key: String) -> String? { value(key)?.string }
    public func double(_ key: String) -> Double? { value(key)?.double }
    public func int(_ key: String) -> Int? { value(key)?.int }

    // MARK: identity
    public var nodeType: String { string("Node Type") ?? "?" }
    public var relationName: String? { string("Relation Name") }
    public var schema: String? { string("Schema") }
    public var alias: String? { string("Alias") }
    public var indexName: String? { string("Index Name") }
    public var cteName: String? { string("CTE Name") }
    public var functionName: String? { string("Function Name") }
    public var joinType: String? { string("Join Type") }
    public var strategy: String? { string("Strategy") }
    public var partialMode: String? { string("Partial Mode") }
    public var operation: String? { string("Operation") }
    public var scanDirection: String? { string("Scan Direction") }
    public var parentRelationshipText: String? { string("Parent Relationship") }
    public var parentRelationship: PlanRelationship? {
        parentRelationshipText.map { PlanRelationship(rawValue: $0) ?? .other }
    }
    /// `InitPlan 1 (returns $0)`, `SubPlan 2`, `CTE name`.
    public var subplanName: String? { string("Subplan Name") }
    public var parallelAware: Bool { value("Parallel Aware")?.bool ?? false }

    // MARK: estimates
    public var startupCost: Double? { double("Startup Cost") }
    public var totalCost: Double? { double("Total Cost") }
    public var planRows: Double? { double("Plan Rows") }
    public var planWidth: Double? { double("Plan Width") }

    // MARK: actuals (per loop, as PostgreSQL reports them)
    public var actualStartupTime: Double? { double("Actual Startup Time") }
    public var actualTotalTime: Double? { double("Actual Total Time") }
    public var actualRows: Double? { double("Actual Rows") }
    public var actualLoops: Double? { double("Actual Loops") }
    /// ANALYZE ran and this node never started (`never executed`).
    public var neverExecuted: Bool { actualLoops == 0 }
    public var workersPlanned: Int? { int("Workers Planned") }
    public var workersLaunched: Int? { int("Workers Launched") }

    // MARK: buffers and I/O
    public var buffers: PlanBuffers { PlanBuffers.from(value) }
    public var hasBuffers: Bool { value("Shared Hit Blocks") != nil || value("Temp Read Blocks") != nil || value("Local Hit Blocks") != nil }
    /// Milliseconds reading blocks (shared, local and temp; 13-18 names).
    public var ioReadTime: Double? {
        let keys = ["I/O Read Time", "Shared I/O Read Time", "Local I/O Read Time", "Temp I/O Read Time"]
        let values = keys.compactMap { double($0) }
        return values.isEmpty ? nil : values.reduce(0, +)
    }
    public var ioWriteTime: Double? {
        let keys = ["I/O Write Time", "Shared I/O Write Time", "Local I/O Write Time", "Temp I/O Write Time"]
        let values = keys.compactMap { double($0) }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    // MARK: filters
    public var rowsRemovedByFilter: Double? { double("Rows Removed by Filter") }
    public var rowsRemovedByIndexRecheck: Double? { double("Rows Removed by Index Recheck") }
    public var rowsRemovedByJoinFilter: Double? { double("Rows Removed by Join Filter") }
    public var filter: String? { string("Filter") }
    public var indexCond: String? { string("Index Cond") }
    public var recheckCond: String? { string("Recheck Cond") }
    public var joinFilter: String? { string("Join Filter") }
    public var hashCond: String? { string("Hash Cond") }
    public var mergeCond: String? { string("Merge Cond") }
    public var output: [String]? { value("Output")?.array?.compactMap(\.string) }

    // MARK: sort, hash, aggregate
    public var sortMethod: String? { string("Sort Method") }
    public var sortSpaceType: String? { string("Sort Space Type") }
    /// kB.
    public var sortSpaceUsed: Double? { double("Sort Space Used") }
    public var sortKey: [String]? { value("Sort Key")?.array?.compactMap(\.string) }
    public var hashBuckets: Int? { int("Hash Buckets") }
    public var hashBatches: Int? { int("Hash Batches") }
    public var originalHashBatches: Int? { int("Original Hash Batches") }
    /// kB.
    public var peakMemoryUsage: Double? { double("Peak Memory Usage") }
    public var hashAggBatches: Int? { int("HashAgg Batches") }
    /// kB written to disk by a hash aggregate.
    public var diskUsage: Double? { double("Disk Usage") }

    /// `Seq Scan on orders o`, `Index Scan using orders_pkey on orders`, `Hash Left Join`,
    /// `HashAggregate`, `CTE Scan on recent`: the one-line title EXPLAIN's text format shows.
    public var title: String { PlanText.title(of: self) }
}

/// A trigger's share of the execution (`Triggers`).
public struct PlanTrigger: Sendable, Equatable {
    public var name: String
    public var constraintName: String?
    public var relation: String?
    /// Milliseconds (nil with TIMING OFF).
    public var time: Double?
    public var calls: Double?

    /// The constraint's name for a constraint trigger (its internal trigger name means little).
    public var displayName: String { constraintName ?? name }
}

/// A parsed plan: the tree (flat, pre-order, `nodes[0]` the root), plan-level properties
/// (`Planning Time`, `Execution Time`, `Triggers`, `JIT`, `Settings`, `Planning`, ...), and the
/// raw input so a plan can be saved and opened again exactly as it came.
public struct Plan: Sendable {
    public var nodes: [PlanNode]
    public var properties: [(String, PlanValue)]
    public var rawText: String
    public var sourceFormat: PlanSourceFormat
    /// Things the parser noticed but went on with ("the input holds 2 plans; showing the first").
    public var warnings: [String]

    public init(nodes: [PlanNode], properties: [(String, PlanValue)], rawText: String, sourceFormat: PlanSourceFormat, warnings: [String] = []) {
        self.nodes = nodes
        self.properties = properties
        self.rawText = rawText
        self.sourceFormat = sourceFormat
        self.warnings = warnings
    }

    public var root: PlanNode { nodes[0] }
    public subscript(id: Int) -> PlanNode { nodes[id] }
    public func children(of id: Int) -> [PlanNode] { nodes[id].childIDs.map { nodes[$0] } }
    /// The ids of a node's subtree, itself first (pre-order).
    public func subtree(of id: Int) -> [Int] {
        var out: [Int] = []
        var stack = [id]
        while let next = stack.popLast() {
            out.append(next)
            stack.append(contentsOf: nodes[next].childIDs.reversed())
        }
        return out
    }
    public func ancestors(of id: Int) -> [Int] {
        var out: [Int] = []
        var current = nodes[id].parentID
        while let parent = current { out.append(parent); current = nodes[parent].parentID }
        return out
    }

    public func value(_ key: String) -> PlanValue? { properties.first { $0.0 == key }?.1 }

    /// ms.
    public var planningTime: Double? { value("Planning Time")?.double }
    /// ms (EXPLAIN ANALYZE only).
    public var executionTime: Double? { value("Execution Time")?.double }
    /// auto_explain's `duration:` (ms), when the plan came from a server log.
    public var logDuration: Double? { value("Duration")?.double }
    public var queryText: String? { value("Query Text")?.string }
    /// ANALYZE ran: nodes carry actual rows and loops.
    public var isAnalyzed: Bool { nodes.contains { $0.actualLoops != nil } }
    public var hasTiming: Bool { nodes.contains { $0.actualTotalTime != nil } }
    /// Buffers used while planning (13+, `Planning:` section).
    public var planningBuffers: PlanBuffers? {
        guard let planning = value("Planning"), planning.members != nil else { return nil }
        return PlanBuffers.from { planning[$0] }
    }

    public var triggers: [PlanTrigger] {
        (value("Triggers")?.array ?? []).map { item in
            PlanTrigger(name: item["Trigger Name"]?.string ?? "?", constraintName: item["Constraint Name"]?.string,
                        relation: item["Relation"]?.string, time: item["Time"]?.double, calls: item["Calls"]?.double)
        }
    }

    /// Number of JIT-compiled functions, when JIT ran.
    public var jitFunctions: Int? { value("JIT")?["Functions"]?.int }
    /// Total JIT time in ms.
    public var jitTotalTime: Double? { value("JIT")?["Timing"]?["Total"]?.double }

    /// `Settings` (SETTINGS option): changed planner settings.
    public var settings: [(String, String)] {
        (value("Settings")?.members ?? []).map { ($0.0, $0.1.description) }
    }
}
