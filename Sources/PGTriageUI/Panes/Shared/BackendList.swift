/// The selection in a list of backends (Activity, Locks): a row key (the pid, or the path of
/// pids from the root in the Locks tree) that follows the row across refreshes and re-sorts.
enum BackendList {
    /// Moves `selection` by `delta` rows in `keys` (clamped).
    static func move(_ selection: RowSelection, by delta: Int, in keys: [[Int32]]) -> RowSelection {
        guard !keys.isEmpty else { return selection }
        var sel = resolve(selection, in: keys)
        sel.index = stepped(sel.index, by: delta, count: keys.count)
        sel.key = keys[sel.index]
        return sel
    }
}

/// Finds the selected key again after a refresh or a re-sort: the same row, else the same pid
/// elsewhere (a waiter under another holder), else the row now at the same height.
func resolve(_ sel: RowSelection, in keys: [[Int32]]) -> RowSelection {
    guard !keys.isEmpty else { return RowSelection(key: nil, index: 0) }
    if let key = sel.key {
        if let i = keys.firstIndex(of: key) { return RowSelection(key: key, index: i) }
        if let pid = key.last, let i = keys.firstIndex(where: { $0.last == pid }) {
            return RowSelection(key: keys[i], index: i)
        }
    }
    let i = min(max(0, sel.index), keys.count - 1)
    return RowSelection(key: keys[i], index: i)
}

/// The resolved selection and the first row shown, for a list of `keys` with `visible` lines.
func listWindow(_ selection: RowSelection, scroll: Int, keys: [[Int32]], visible: Int) -> (selection: RowSelection, top: Int) {
    let sel = resolve(selection, in: keys)
    var top = scroll
    if sel.index < top { top = sel.index }
    if sel.index >= top + visible { top = sel.index - visible + 1 }
    top = max(0, min(top, max(0, keys.count - visible)))
    return (sel, top)
}
