/// The selection and scroll of a list whose rows have a stable key (a statement's key, a
/// relation's oid): the key follows the row across refreshes and re-sorts; when the row is gone
/// the selection stays at the same height.
public struct ListCursor<Key: Hashable & Sendable>: Sendable, Equatable {
    public var key: Key?
    public var index: Int
    /// First row shown.
    public var top: Int

    public init(key: Key? = nil, index: Int = 0, top: Int = 0) {
        self.key = key; self.index = index; self.top = top
    }

    /// The same row again in `keys` (by key, else by height); nil key for an empty list.
    public func resolved(in keys: [Key]) -> ListCursor {
        guard !keys.isEmpty else { return ListCursor(key: nil, index: 0, top: 0) }
        var out = self
        if let key, let i = keys.firstIndex(of: key) {
            out.index = i
        } else {
            out.index = min(max(0, index), keys.count - 1)
        }
        out.key = keys[out.index]
        return out
    }

    /// Resolved, with `top` moved just enough to show the selection in `visible` rows.
    public func window(in keys: [Key], visible: Int) -> ListCursor {
        var out = resolved(in: keys)
        guard !keys.isEmpty else { return out }
        let visible = max(1, visible)
        if out.index < out.top { out.top = out.index }
        if out.index >= out.top + visible { out.top = out.index - visible + 1 }
        out.top = max(0, min(out.top, max(0, keys.count - visible)))
        return out
    }

    /// Moves the selection by `delta` rows (clamped), keeping it in view.
    public mutating func move(by delta: Int, in keys: [Key], visible: Int) {
        var sel = resolved(in: keys)
        guard !keys.isEmpty else { self = sel; return }
        sel.index = stepped(sel.index, by: delta, count: keys.count)
        sel.key = keys[sel.index]
        self = sel.window(in: keys, visible: visible)
    }
}

/// The row `delta` rows from `index` in a list of `count` (> 0), clamped to its ends; a delta of
/// `Int.min / 2` or `Int.max / 2` (Home, End) never overflows. Every list moves with it.
func stepped(_ index: Int, by delta: Int, count: Int) -> Int {
    let target = delta >= 0
        ? (index > Int.max - delta ? count - 1 : index + delta)
        : (index < Int.min - delta ? 0 : index + delta)
    return min(max(0, target), count - 1)
}

/// Sorting list rows by an optional key: rows without a value go last in either direction, and
/// ties fall back to `tieBreak` so the order is stable between refreshes.
enum ListOrder {
    static func sorted<Row, Value: Comparable, Tie: Comparable>(
        _ rows: [Row], by value: (Row) -> Value?, descending: Bool, tieKey: (Row) -> Tie
    ) -> [Row] {
        // Sort positions by keys taken once, never the rows: a row is a large value to copy
        // (5000 statements; ties are common, zero rates above all).
        let values = rows.map(value), ties = rows.map(tieKey)
        return rows.indices.sorted { i, j in
            precedes(values[i], values[j], descending: descending) { ties[i] < ties[j] }
        }.map { rows[$0] }
    }

    /// The order `sorted` sorts by: a row with value `a` comes before one with `b`.
    @inline(__always)
    static func precedes<Value: Comparable>(_ a: Value?, _ b: Value?, descending: Bool, tie: () -> Bool) -> Bool {
        switch (a, b) {
        case let (x?, y?) where x != y: return descending ? x > y : x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return tie()
        }
    }
}
