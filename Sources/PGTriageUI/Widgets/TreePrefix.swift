/// Prefixes that draw a flattened tree in a text column:
///
///     1234 root
///     ├─ 1240 child
///     │  └─ 1250 grandchild
///     └─ 1241 last child
public enum TreePrefix {
    /// The prefix of a node. `ancestorsAreLast[i]` says whether the ancestor at depth i+1 (roots
    /// are depth 0 and have no prefix) was the last child of its parent; `isLast` is the node's own.
    /// `depth` = `ancestorsAreLast.count + 1` for non-roots.
    public static func prefix(depth: Int, isLast: Bool, ancestorsAreLast: [Bool]) -> String {
        guard depth > 0 else { return "" }
        var s = ""
        // Ancestors between the root and this node: their continuation lines.
        let levels = ancestorsAreLast.suffix(depth - 1)
        for _ in 0..<(depth - 1 - levels.count) { s += "│  " }
        for last in levels { s += last ? "   " : "│  " }
        s += isLast ? "└─ " : "├─ "
        return s
    }

    /// The prefix from a path of "is last child" flags, one per level below the root, the node's
    /// own last: `[]` for a root, `[false]` "├─ ", `[false, true]` "│  └─ ".
    public static func prefix(lastFlags: [Bool]) -> String {
        guard let own = lastFlags.last else { return "" }
        return prefix(depth: lastFlags.count, isLast: own, ancestorsAreLast: Array(lastFlags.dropLast()))
    }

    /// One node of a flattened tree.
    public struct Row<Node> {
        public var node: Node
        public var depth: Int
        public var prefix: String
        public var isLast: Bool
    }

    /// Flattens a forest depth-first, with each row's prefix. Stops at `maxDepth` (cycles safe
    /// when `children` is finite; a cycle is cut at maxDepth).
    public static func flatten<Node>(roots: [Node], maxDepth: Int = 64,
                                     children: (Node) -> [Node]) -> [Row<Node>] {
        var out: [Row<Node>] = []
        func visit(_ node: Node, _ flags: [Bool]) {
            out.append(Row(node: node, depth: flags.count, prefix: prefix(lastFlags: flags),
                           isLast: flags.last ?? true))
            guard flags.count < maxDepth else { return }
            let kids = children(node)
            for (i, kid) in kids.enumerated() { visit(kid, flags + [i == kids.count - 1]) }
        }
        for root in roots { visit(root, []) }
        return out
    }
}
