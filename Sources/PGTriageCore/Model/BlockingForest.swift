/// Who blocks whom, as trees: each root blocks others and waits for nobody; each node's
/// `blocked` are the backends waiting for it. A backend waiting for several others appears under
/// each of them (a DBA must see every holder), and a cycle (no backend in it waits for nobody) is
/// broken at its oldest member, which becomes a root marked `inCycle`.
public struct BlockingNode: Sendable, Equatable, Hashable, Codable {
    public var pid: Int32
    public var blocked: [BlockingNode]
    /// True for a root chosen to break a cycle of waits (a deadlock in the making).
    public var inCycle: Bool

    public init(pid: Int32, blocked: [BlockingNode] = [], inCycle: Bool = false) {
        self.pid = pid; self.blocked = blocked; self.inCycle = inCycle
    }

    /// Distinct backends held up below this node, at any depth.
    public var heldUpCount: Int {
        var seen = Set<Int32>()
        func walk(_ node: BlockingNode) {
            for child in node.blocked where seen.insert(child.pid).inserted { walk(child) }
        }
        walk(self)
        seen.remove(pid)
        return seen.count
    }

    /// Every pid in this tree, depth first, the root first.
    public var allPids: [Int32] {
        [pid] + blocked.flatMap(\.allPids)
    }
}

public struct BlockingForest: Sendable, Equatable, Codable {
    public var roots: [BlockingNode]

    public init(roots: [BlockingNode] = []) { self.roots = roots }

    /// Distinct backends that wait for another (a cycle's root waits too).
    public var blockedCount: Int {
        Set(roots.flatMap { $0.inCycle ? $0.allPids : Array($0.allPids.dropFirst()) }).count
    }

    /// Drops the edges a longer path already implies: when C waits for both A and B, and B waits
    /// for A, C is shown under B only (A still holds it up, through B). Without this a chain
    /// A -> B -> C would also show C directly under A.
    static func reduced(_ waits: [Int32: [Int32]]) -> [Int32: [Int32]] {
        var ancestorsMemo: [Int32: Set<Int32>] = [:]
        func ancestors(_ pid: Int32) -> Set<Int32> {
            if let known = ancestorsMemo[pid] { return known }
            var seen = Set<Int32>()
            var stack = waits[pid] ?? []
            while let next = stack.popLast() {
                if seen.insert(next).inserted { stack.append(contentsOf: waits[next] ?? []) }
            }
            ancestorsMemo[pid] = seen
            return seen
        }
        var result: [Int32: [Int32]] = [:]
        for (waiter, blockers) in waits {
            let distinct = Set(blockers).subtracting([waiter])
            result[waiter] = distinct.filter { blocker in
                // Keep the edge unless another direct blocker waits (transitively) for this one,
                // and not the other way round (members of one cycle keep their edges).
                !distinct.contains { other in
                    other != blocker && ancestors(other).contains(blocker) && !ancestors(blocker).contains(other)
                }
            }.sorted()
        }
        return result
    }

    /// Builds the forest from each waiting backend's blockers (`pg_blocking_pids`).
    /// - Parameters:
    ///   - waits: waiter pid -> pids it waits for. Pids absent from `order` (e.g. gone since) are
    ///     kept: a blocker we cannot see is still the root of its tree.
    ///   - ages: seconds each backend has been in its transaction (or state); roots holding up more
    ///     backends come first, then the older, then the lower pid.
    public static func build(waits: [Int32: [Int32]], ages: [Int32: Double] = [:]) -> BlockingForest {
        var waitersOf: [Int32: [Int32]] = [:]
        var nodes = Set<Int32>()
        for (waiter, blockers) in reduced(waits) {
            let distinctBlockers = Set(blockers).subtracting([waiter])
            guard !distinctBlockers.isEmpty else { continue }
            nodes.insert(waiter)
            for blocker in distinctBlockers {
                waitersOf[blocker, default: []].append(waiter)
                nodes.insert(blocker)
            }
        }
        for key in waitersOf.keys { waitersOf[key]!.sort() }
        func isWaiting(_ pid: Int32) -> Bool {
            guard let blockers = waits[pid] else { return false }
            return blockers.contains { $0 != pid }
        }

        // Expands a subtree; a pid already on the current path closes a cycle and is not expanded.
        func expand(_ pid: Int32, path: inout Set<Int32>, reached: inout Set<Int32>) -> BlockingNode {
            path.insert(pid)
            reached.insert(pid)
            var children: [BlockingNode] = []
            for waiter in waitersOf[pid] ?? [] where !path.contains(waiter) {
                children.append(expand(waiter, path: &path, reached: &reached))
            }
            path.remove(pid)
            return BlockingNode(pid: pid, blocked: children)
        }

        func isOlder(_ a: Int32, than b: Int32) -> Bool {
            let ageA = ages[a] ?? 0, ageB = ages[b] ?? 0
            return ageA != ageB ? ageA > ageB : a < b
        }

        var reached = Set<Int32>()
        var roots: [BlockingNode] = []
        for pid in nodes.sorted() where !isWaiting(pid) {
            var path = Set<Int32>()
            roots.append(expand(pid, path: &path, reached: &reached))
        }
        // What no real root reached lies on a cycle (or hangs below one): break each at its
        // oldest member, lowest pid on ties.
        while true {
            let unreached = nodes.subtracting(reached)
            guard !unreached.isEmpty else { break }
            // Prefer members of a cycle: a pid from which the walk over waiters returns to itself.
            let onCycle = unreached.filter { start in
                var stack = waitersOf[start] ?? [], seen = Set<Int32>()
                while let next = stack.popLast() {
                    if next == start { return true }
                    if seen.insert(next).inserted { stack.append(contentsOf: waitersOf[next] ?? []) }
                }
                return false
            }
            let candidates = onCycle.isEmpty ? unreached : onCycle
            let pick = candidates.min { a, b in isOlder(a, than: b) }!
            var path = Set<Int32>()
            var root = expand(pick, path: &path, reached: &reached)
            root.inCycle = true
            roots.append(root)
        }
        roots.sort { a, b in
            let ha = a.heldUpCount, hb = b.heldUpCount
            return ha != hb ? ha > hb : isOlder(a.pid, than: b.pid)
        }
        return BlockingForest(roots: roots)
    }
}
