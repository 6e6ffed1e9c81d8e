/// How bad a finding is (pev2's three levels).
public enum FindingSeverity: Int, Sendable, Comparable, CustomStringConvertible {
    case info = 0
    case warning = 1
    case critical = 2

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { ["info", "warning", "critical"][rawValue] }
}

public enum FindingKind: String, Sendable {
    case slowNode = "slow_node"
    case misestimate
    case filterRemovesRows = "filter_removes_rows"
    case recheckRemovesRows = "recheck_removes_rows"
    case sortSpilled = "sort_spilled"
    case hashSpilled = "hash_spilled"
    case hashAggSpilled = "hashagg_spilled"
    case fewerWorkers = "fewer_workers"
    case nestedLoopManyLoops = "nested_loop_many_loops"
    case neverExecuted = "never_executed"
    case subplanCost = "subplan_cost"
}

/// Something worth a look, tied to a node.
public struct PlanFinding: Sendable, Equatable {
    public var kind: FindingKind
    public var severity: FindingSeverity
    public var nodeID: Int
    /// One line for a person: "Seq Scan on orders: 91 % of the time (10.2 ms self)".
    public var message: String
    /// The number the threshold was applied to (share, factor, fraction, loops...).
    public var value: Double
}

/// Which way the planner was wrong about rows.
public enum RowEstimateDirection: String, Sendable {
    /// More rows came than planned.
    case under
    /// Fewer rows came than planned.
    case over
    case exact
}

/// The analysis of one node. Times are in ms, over all loops.
public struct NodeAnalysis: Sendable {
    public let id: Int
    /// Inclusive time of the node over all its loops; for nodes under a Gather, divided by the
    /// processes that ran them (PostgreSQL reports per-process averages), so it reads as wall time.
    public var inclusiveTime: Double?
    /// Exclusive time: inclusive minus the children's, with InitPlans and CTEs charged once to the
    /// node that ran them; never below 0.
    public var selfTime: Double?
    /// selfTime over the plan's total time (0...1).
    public var selfShare: Double?
    /// Total cost minus the children's (plain EXPLAIN has no times: this is what it has).
    public var selfCost: Double?
    public var selfCostShare: Double?
    /// Planned and actual rows per loop, and the factor between them (>= 1).
    public var plannedRows: Double?
    public var actualRows: Double?
    public var misestimateFactor: Double?
    public var misestimateDirection: RowEstimateDirection?
    /// Rows removed by the filter over all loops, and the fraction of rows read that it removed.
    public var rowsRemoved: Double?
    public var removedFraction: Double?
    /// Blocks this node touched itself (its own minus its children's).
    public var selfBuffers: PlanBuffers
    public var neverExecuted: Bool
    /// An ancestor may have stopped reading this node before its end (a Limit, a semi or anti
    /// join, a merge join, an EXISTS subplan): fewer rows than planned is then no misestimate.
    public var mayStopEarly: Bool
    /// The worst finding on this node, for highlighting.
    public var worstSeverity: FindingSeverity?
}

/// pev2-style analysis of a plan: self time and share per node, row misestimates, buffers and
/// findings, with the thresholds of docs/explain.md.
public struct PlanAnalysis: Sendable {
    public let nodes: [NodeAnalysis]
    /// Findings, worst first (then by the node's self time).
    public let findings: [PlanFinding]
    /// The time shares are of: the root's inclusive time (ms), or nil without timing.
    public let totalTime: Double?
    public let totalCost: Double?
    /// Blocks of the whole execution (the root's, which include its children's).
    public let buffers: PlanBuffers
    public let isAnalyzed: Bool

    public subscript(id: Int) -> NodeAnalysis { nodes[id] }

    // Thresholds (pev2's).
    public static let slowShares: [(Double, FindingSeverity)] = [(0.9, .critical), (0.4, .warning), (0.1, .info)]
    public static let misestimateFactors: [(Double, FindingSeverity)] = [(1000, .critical), (100, .warning), (10, .info)]
    public static let filterFractions: [(Double, FindingSeverity)] = [(0.9, .warning), (0.5, .info)]
    /// Fewer rows than this removed is noise, whatever the fraction.
    public static let filterMinimumRows: Double = 1000
    public static let nestedLoopLoops: [(Double, FindingSeverity)] = [(100_000, .warning), (1000, .info)]
    public static let subplanShares: [(Double, FindingSeverity)] = [(0.4, .warning), (0.1, .info)]

    public init(plan: Plan) {
        let count = plan.nodes.count
        let analyzed = plan.isAnalyzed
        isAnalyzed = analyzed

        // Processes that ran each node: the nearest Gather's workers + the leader.
        var processes = [Double](repeating: 1, count: count)
        for node in plan.nodes {
            if let parent = node.parentID {
                let p = plan.nodes[parent]
                if p.nodeType == "Gather" || p.nodeType == "Gather Merge" {
                    processes[node.id] = Double((p.workersLaunched ?? p.workersPlanned ?? 0) + 1)
                } else {
                    processes[node.id] = processes[parent]
                }
            }
        }

        var inclusive = [Double?](repeating: nil, count: count)
        let hasTiming = plan.hasTiming
        for node in plan.nodes {
            guard let total = node.actualTotalTime, let loops = node.actualLoops else {
                if node.neverExecuted && hasTiming { inclusive[node.id] = 0 }
                continue
            }
            inclusive[node.id] = total * loops / processes[node.id]
        }

        // Self time: inclusive minus the children's; an InitPlan (CTEs included) is not subtracted
        // from the node it hangs from but from the node that ran it (the one referring to its
        // result: a CTE Scan, or the node whose expressions name `$n` / `(InitPlan n)`), since
        // its time is inside that node's and every ancestor's.
        var selfTime = inclusive
        for node in plan.nodes {
            guard var own = inclusive[node.id] else { continue }
            for child in node.childIDs where plan.nodes[child].parentRelationship != .initPlan {
                own -= inclusive[child] ?? 0
            }
            selfTime[node.id] = own
        }
        // Who refers to what, read once for every InitPlan (not a scan of the plan per InitPlan:
        // a query with a thousand InitPlans made that quadratic).
        let references = PlanReferences(plan)
        for node in plan.nodes where node.parentRelationship == .initPlan {
            guard var remaining = inclusive[node.id], remaining > 0, let parent = node.parentID else { continue }
            for candidate in PlanAnalysis.initPlanRunners(plan, initPlan: node.id, parent: parent, references: references) {
                guard remaining > 0 else { break }
                let available = max(0, selfTime[candidate] ?? 0)
                let take = min(available, remaining)
                selfTime[candidate] = (selfTime[candidate] ?? 0) - take
                remaining -= take
            }
        }
        for id in 0..<count { if let value = selfTime[id] { selfTime[id] = max(0, value) } }
        let total = inclusive[0]
        totalTime = total

        // Costs: the same subtraction (InitPlans are in the parent's cost? They are not: costs of
        // init plans are added to the node they attach to, so subtract them there).
        var selfCost = [Double?](repeating: nil, count: count)
        for node in plan.nodes {
            guard var own = node.totalCost else { continue }
            for child in node.childIDs { own -= plan.nodes[child].totalCost ?? 0 }
            selfCost[node.id] = max(0, own)
        }
        totalCost = plan.root.totalCost

        // Whether something above can stop reading a node early (an ancestor may stop its child
        // on the path), top-down (ids are pre-order:
        // a parent comes before its children), instead of a walk up from every node.
        var stopsEarly = [Bool](repeating: false, count: count)
        for node in plan.nodes {
            guard let parent = node.parentID else { continue }
            stopsEarly[node.id] = stopsEarly[parent] || PlanAnalysis.parentMayStop(plan.nodes[parent], child: node)
        }
        let nodeBuffers = plan.nodes.map(\.buffers)

        var results: [NodeAnalysis] = []
        results.reserveCapacity(count)
        var findings: [PlanFinding] = []
        for node in plan.nodes {
            let own = nodeBuffers[node.id] - node.childIDs.reduce(PlanBuffers()) { $0 + nodeBuffers[$1] }
            var analysis = NodeAnalysis(id: node.id, inclusiveTime: inclusive[node.id], selfTime: selfTime[node.id],
                                        selfShare: nil, selfCost: selfCost[node.id], selfCostShare: nil,
                                        plannedRows: node.planRows, actualRows: node.actualRows,
                                        misestimateFactor: nil, misestimateDirection: nil, rowsRemoved: nil,
                                        removedFraction: nil, selfBuffers: own, neverExecuted: node.neverExecuted,
                                        mayStopEarly: stopsEarly[node.id], worstSeverity: nil)
            if let total, total > 0, let own = selfTime[node.id] { analysis.selfShare = own / total }
            if let cost = totalCost, cost > 0, let own = selfCost[node.id] { analysis.selfCostShare = own / cost }
            let loops = node.actualLoops ?? 0
            if let planned = node.planRows, let actual = node.actualRows, loops > 0 {
                let high = max(planned, actual), low = min(planned, actual)
                analysis.misestimateFactor = high / max(low, 1)
                analysis.misestimateDirection = actual > planned ? .under : (actual < planned ? .over : .exact)
                if analysis.misestimateFactor! < 1 { analysis.misestimateFactor = 1 }
            }
            if let removed = node.rowsRemovedByFilter ?? node.rowsRemovedByJoinFilter, loops > 0 {
                let removedTotal = removed * loops
                let kept = (node.actualRows ?? 0) * loops
                analysis.rowsRemoved = removedTotal
                if removedTotal + kept > 0 { analysis.removedFraction = removedTotal / (removedTotal + kept) }
            }
            findings.append(contentsOf: PlanAnalysis.findings(for: node, analysis: analysis, plan: plan,
                                                              inclusive: inclusive, total: total))
            results.append(analysis)
        }
        for finding in findings {
            let current = results[finding.nodeID].worstSeverity
            if current == nil || finding.severity > current! { results[finding.nodeID].worstSeverity = finding.severity }
        }
        self.findings = findings.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            let sa = results[a.nodeID].selfTime ?? 0, sb = results[b.nodeID].selfTime ?? 0
            if sa != sb { return sa > sb }
            return a.nodeID < b.nodeID
        }
        nodes = results
        buffers = nodeBuffers[0]
    }

    /// Nodes to charge an InitPlan's time to, in order: the nodes that ran it, then their
    /// ancestors up to (and including) the node it hangs from.
    static func initPlanRunners(_ plan: Plan, initPlan: Int, parent: Int, references: PlanReferences? = nil) -> [Int] {
        let node = plan.nodes[initPlan]
        let name = node.subplanName ?? ""
        let references = references ?? PlanReferences(plan)
        var runners: [Int] = []
        if name.hasPrefix("CTE ") {
            let cte = PlanExpressionScan.unquoteCTE(String(name.dropFirst(4)))
            runners = (references.cteScans[cte] ?? []).filter { !references.isInSubtree($0, of: initPlan) }
        } else {
            // `InitPlan 1 (returns $0,$1)` (13-16) or `InitPlan 1` referred to as `(InitPlan 1).col1` (17+).
            var needles: [String] = []
            if let open = name.firstRange(of: "(returns ") {
                needles = name[open.upperBound...].dropLast().split(separator: ",").map { String($0).trimmedPlanSpaces() }
            }
            let label = name.split(separator: " ").prefix(2).joined(separator: " ")
            needles.append("(" + label + ")")
            // In plan order, as a walk of the parent's subtree would find them.
            let referring = references.nodes(referringTo: needles).filter {
                references.isInSubtree($0, of: parent) && !references.isInSubtree($0, of: initPlan)
            }
            // A Gather that evaluated it for its workers ran it; otherwise the deepest referrer.
            if let gather = referring.first(where: { plan.nodes[$0].value("Params Evaluated") != nil }) {
                runners = [gather]
            } else if let deepest = referring.max(by: { plan.nodes[$0].depth < plan.nodes[$1].depth }) {
                runners = [deepest]
            }
        }
        var chain: [Int] = []
        for runner in runners {
            chain.append(runner)
        }
        if let first = runners.first {
            for ancestor in plan.ancestors(of: first) {
                chain.append(ancestor)
                if ancestor == parent { break }
            }
        }
        var inChain = Set(chain)
        if inChain.insert(parent).inserted { chain.append(parent) }
        // Timing noise can leave a rest: the ancestors above take it rather than losing it.
        for ancestor in plan.ancestors(of: parent) where inChain.insert(ancestor).inserted { chain.append(ancestor) }
        return chain
    }

    /// Whether `parent` can stop pulling rows from `child` (its child) before `child` is done.
    static func parentMayStop(_ parent: PlanNode, child: PlanNode) -> Bool {
        if parent.nodeType == "Limit" || parent.nodeType == "Merge Join" { return true }
        if let join = parent.joinType, join.hasSuffix("Semi") || join.hasSuffix("Anti") { return true }
        if let relationship = child.parentRelationship, relationship == .subPlan || relationship == .initPlan,
           !(child.subplanName ?? "").hasPrefix("CTE ") { return true }
        return false
    }

    private static func severity(_ value: Double, _ thresholds: [(Double, FindingSeverity)]) -> FindingSeverity? {
        thresholds.first { value > $0.0 }?.1
    }

    private static func percent(_ share: Double) -> String {
        let value = share * 100
        return value >= 10 ? PlanText.fixed(value, 0) + " %" : PlanText.fixed(value, 1) + " %"
    }

    static func ms(_ value: Double) -> String {
        value >= 100 ? PlanText.fixed(value, 0) + " ms" : (value >= 1 ? PlanText.fixed(value, 1) : PlanText.fixed(value, 3)) + " ms"
    }

    static func count(_ value: Double) -> String {
        if value >= 10_000_000 { return PlanText.fixed(value / 1_000_000, 0) + "M" }
        if value >= 100_000 { return PlanText.fixed(value / 1000, 0) + "k" }
        return value == value.rounded() ? PlanText.fixed(value, 0) : PlanText.fixed(value, 2)
    }

    private static func findings(for node: PlanNode, analysis: NodeAnalysis, plan: Plan, inclusive: [Double?], total: Double?) -> [PlanFinding] {
        var out: [PlanFinding] = []
        let title = node.title
        func add(_ kind: FindingKind, _ severity: FindingSeverity, _ message: String, _ value: Double) {
            out.append(PlanFinding(kind: kind, severity: severity, nodeID: node.id, message: "\(title): \(message)", value: value))
        }
        if node.neverExecuted {
            add(.neverExecuted, .info, "never executed", 0)
            return out
        }
        if let share = analysis.selfShare, let own = analysis.selfTime, let level = severity(share, slowShares) {
            add(.slowNode, level, "\(percent(share)) of the time (\(ms(own)) self)", share)
        }
        if let factor = analysis.misestimateFactor, let direction = analysis.misestimateDirection,
           !(direction == .over && analysis.mayStopEarly), let level = severity(factor, misestimateFactors) {
            let loops = node.actualLoops ?? 1
            let word = direction == .under ? "underestimated" : "overestimated"
            add(.misestimate, level, "rows \(word) \(count(factor.rounded()))x (planned \(count((node.planRows ?? 0) * loops)), actual \(count((node.actualRows ?? 0) * loops)))", factor)
        }
        if let fraction = analysis.removedFraction, let removed = analysis.rowsRemoved, removed >= filterMinimumRows,
           let level = severity(fraction, filterFractions) {
            let what = node.rowsRemovedByFilter != nil ? "filter" : "join filter"
            add(.filterRemovesRows, level, "\(what) removes \(percent(fraction)) of the rows it reads (\(count(removed)) removed)", fraction)
        }
        if let recheck = node.rowsRemovedByIndexRecheck, let loops = node.actualLoops, recheck * loops >= filterMinimumRows {
            let kept = (node.actualRows ?? 0) * loops
            let fraction = recheck * loops / (recheck * loops + kept)
            if let level = severity(fraction, filterFractions) {
                add(.recheckRemovesRows, level, "index recheck removes \(percent(fraction)) of the rows (\(count(recheck * loops)) removed; lossy bitmap?)", fraction)
            }
        }
        let spilledSort = node.sortSpaceType == "Disk" || (node.sortMethod?.hasPrefix("external") ?? false)
            || node.workers.contains { $0.value("Sort Space Type")?.string == "Disk" }
        if spilledSort {
            let used = node.sortSpaceUsed.map { " (\(PlanValue.format($0)) kB on disk)" } ?? ""
            add(.sortSpilled, .warning, "sort spilled to disk\(used): raise work_mem or sort less", node.sortSpaceUsed ?? 0)
        }
        if let batches = node.hashBatches, batches > 1 {
            let original = node.originalHashBatches.map { $0 != batches ? " (planned \($0))" : "" } ?? ""
            add(.hashSpilled, .warning, "hash used \(batches) batches\(original): it spilled to disk; raise work_mem", Double(batches))
        }
        if let batches = node.hashAggBatches, batches > 1 {
            let disk = node.diskUsage.map { ", \(PlanValue.format($0)) kB on disk" } ?? ""
            add(.hashAggSpilled, .warning, "hash aggregate used \(batches) batches\(disk): it spilled to disk", Double(batches))
        }
        if let planned = node.workersPlanned, let launched = node.workersLaunched, launched < planned {
            add(.fewerWorkers, .warning, "\(launched) of \(planned) parallel workers launched (max_parallel_workers busy?)", Double(planned - launched))
        }
        if node.nodeType == "Nested Loop", node.childIDs.count >= 2 {
            let inner = plan.nodes[node.childIDs.filter { plan.nodes[$0].parentRelationship != .initPlan && plan.nodes[$0].parentRelationship != .subPlan }.dropFirst().first ?? node.childIDs[1]]
            if let loops = inner.actualLoops, let level = severity(loops, nestedLoopLoops) {
                add(.nestedLoopManyLoops, level, "inner side (\(inner.title)) runs \(count(loops)) times", loops)
            }
        }
        if let relationship = node.parentRelationship, relationship == .initPlan || relationship == .subPlan,
           let own = inclusive[node.id], let total, total > 0 {
            let share = min(1, own / total)
            let loops = node.actualLoops ?? 1
            let name = node.subplanName ?? relationship.rawValue
            var level = severity(share, subplanShares)
            if relationship == .subPlan, loops >= 1000, share > 0.05 { level = max(level ?? .info, .warning) }
            if let level {
                let runs = loops > 1 ? ", runs \(count(loops)) times" : ""
                out.append(PlanFinding(kind: .subplanCost, severity: level, nodeID: node.id,
                                       message: "\(name): \(percent(share)) of the time (\(ms(own)))\(runs)", value: share))
            }
        }
        return out
    }
}

/// The references between a plan's nodes, found in one pass: which nodes' expressions name an
/// InitPlan's output (`$3` before 17, `(InitPlan 2).col1` from 17), the CTE Scans of each CTE,
/// and each node's subtree as a range of ids (the nodes are in pre-order).
struct PlanReferences: Sendable {
    /// `$3`, `(InitPlan 2)` -> the nodes naming it, in plan order.
    let nodesByToken: [String: [Int]]
    let cteScans: [String: [Int]]
    /// The ids of a node's subtree are `id ..< id + subtreeSize[id]`.
    let subtreeSize: [Int]

    init(_ plan: Plan) {
        var byToken: [String: [Int]] = [:]
        var ctes: [String: [Int]] = [:]
        for node in plan.nodes {
            if node.nodeType == "CTE Scan", let name = node.cteName { ctes[name, default: []].append(node.id) }
            var tokens = Set<String>()
            for (key, value) in node.properties where key != "Subplan Name" {
                if let text = value.string {
                    PlanExpressionScan.references(in: text, into: &tokens)
                } else if let items = value.array {
                    for case .string(let text) in items { PlanExpressionScan.references(in: text, into: &tokens) }
                }
            }
            for token in tokens { byToken[token, default: []].append(node.id) }
        }
        nodesByToken = byToken
        cteScans = ctes
        var sizes = [Int](repeating: 1, count: plan.nodes.count)
        for node in plan.nodes.reversed() {
            for child in node.childIDs where child > node.id && child < sizes.count { sizes[node.id] += sizes[child] }
        }
        // A plan built otherwise than in pre-order (never by the parsers): subtrees are only
        // themselves, and `isInSubtree` walks up instead.
        var preOrder = true
        for node in plan.nodes {
            var next = node.id + 1
            for child in node.childIDs {
                if child != next { preOrder = false; break }
                next += sizes[child]
            }
            if !preOrder { break }
        }
        subtreeSize = sizes
        nodes = plan.nodes
        self.preOrder = preOrder
        self.parents = preOrder ? [] : plan.nodes.map(\.parentID)
    }

    private let preOrder: Bool
    private let parents: [Int?]
    private let nodes: [PlanNode]

    func isInSubtree(_ id: Int, of root: Int) -> Bool {
        if preOrder { return id >= root && id < root + subtreeSize[root] }
        var current: Int? = id
        var steps = 0
        while let at = current, steps <= parents.count {
            if at == root { return true }
            current = parents[at]
            steps += 1
        }
        return false
    }

    /// The nodes whose expressions name one of `needles` (`$1` not matching `$10`), in plan order.
    func nodes(referringTo needles: [String]) -> [Int] {
        var ids = Set<Int>()
        for needle in needles {
            if PlanExpressionScan.isReferenceToken(needle) {
                ids.formUnion(nodesByToken[needle] ?? [])
            } else {
                // Not a form the index knows: look in every node, as a text search.
                ids.formUnion(nodes.filter { PlanExpressionScan.refers($0, to: [needle]) }.map(\.id))
            }
        }
        return ids.sorted()
    }
}

/// Text searches in node properties.
enum PlanExpressionScan {
    /// Adds the InitPlan references of an expression: `$12` (whole numbers) and `(InitPlan 2)`.
    static func references(in text: String, into tokens: inout Set<String>) {
        let bytes = Array(text.utf8)
        var i = 0
        let initPlan = Array("(InitPlan ".utf8)
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$") {
                var j = i + 1
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
                if j > i + 1 { tokens.insert(String(decoding: bytes[i..<j], as: UTF8.self)) }
                i = max(j, i + 1)
                continue
            }
            if bytes[i] == UInt8(ascii: "("), bytes.count - i > initPlan.count, bytes[i..<(i + initPlan.count)].elementsEqual(initPlan) {
                var j = i + initPlan.count
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
                if j > i + initPlan.count, j < bytes.count, bytes[j] == UInt8(ascii: ")") {
                    tokens.insert(String(decoding: bytes[i...j], as: UTF8.self))
                }
            }
            i += 1
        }
    }

    /// Whether `needle` is one of the tokens `references(in:into:)` makes (`$3`, `(InitPlan 2)`):
    /// then a text holds it (as `contains(_:_:)` finds it) exactly when its tokens do.
    static func isReferenceToken(_ needle: String) -> Bool {
        var tokens = Set<String>()
        references(in: needle, into: &tokens)
        return tokens == [needle]
    }

    static func unquoteCTE(_ name: String) -> String { PlanTextParser.unquote(name) }

    /// Whether any expression of the node mentions one of `needles` (`$1` must not match `$10`).
    static func refers(_ node: PlanNode, to needles: [String]) -> Bool {
        for (key, value) in node.properties where key != "Subplan Name" {
            var texts: [String] = []
            if let text = value.string { texts = [text] } else if let items = value.array { texts = items.compactMap(\.string) }
            for text in texts {
                for needle in needles where contains(text, needle) { return true }
            }
        }
        return false
    }

    static func contains(_ text: String, _ needle: String) -> Bool {
        guard needle.hasPrefix("$") else { return text.contains(needle) }
        for range in text.ranges(of: needle) {
            if range.upperBound == text.endIndex || !(text[range.upperBound].isNumber) { return true }
        }
        return false
    }
}
