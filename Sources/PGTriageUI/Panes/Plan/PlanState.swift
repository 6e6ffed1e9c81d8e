#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore
import Synchronization

/// A plan on screen: parsed, analysed, and where it came from. A class compared by identity, so
/// `AppState` stays cheap to copy and compare (a plan has thousands of properties).
///
/// It also keeps what the browser derives from the plan, so a key does not rebuild it from every
/// node (a plan of 10 000 nodes): the visible rows for the last collapsed set, the matches of the
/// last search, each node's search text, and the column layout per screen width. The plan never
/// changes, so these only depend on their key.
public final class PlanDocument: Sendable, Equatable {
    public let plan: Plan
    public let analysis: PlanAnalysis
    /// What it is the plan of: "pid 4242 in shop", "typed SQL in shop", "file plan.json".
    public let source: String
    /// The request that made it (nil for a file): `e` and `a` on the Plan pane run it again.
    public let request: ExplainRequest?

    public init(plan: Plan, analysis: PlanAnalysis? = nil, source: String, request: ExplainRequest? = nil) {
        self.plan = plan
        self.analysis = analysis ?? PlanAnalysis(plan: plan)
        self.source = source
        self.request = request
    }

    public static func == (lhs: PlanDocument, rhs: PlanDocument) -> Bool { lhs === rhs }

    /// The visible rows for a collapsed set, and where each node is among them (-1: hidden).
    struct VisibleRows: Sendable {
        var collapsed: Set<Int>
        var rows: [PlanRow]
        var indexOfNode: [Int]
    }

    private struct Cache: Sendable {
        var visible: VisibleRows?
        var searchTexts: [String]?
        var matches: (search: String, ids: [Int])?
        var columns: (width: Int, columns: [(PlanRows.Column, Int)])?
        var widest: [PlanRows.Column: Int] = [:]
    }

    private let cache = Mutex(Cache())

    /// `PlanRows.rows(plan, collapsed:)`, built again only when the collapsed set changed.
    func visibleRows(collapsed: Set<Int>) -> VisibleRows {
        if let hit = cache.withLock({ $0.visible }), hit.collapsed == collapsed { return hit }
        let rows = PlanRows.rows(plan, collapsed: collapsed)
        var index = [Int](repeating: -1, count: plan.nodes.count)
        for (i, row) in rows.enumerated() where row.id >= 0 && row.id < index.count { index[row.id] = i }
        let visible = VisibleRows(collapsed: collapsed, rows: rows, indexOfNode: index)
        cache.withLock { $0.visible = visible }
        return visible
    }

    /// `PlanRows.matches(plan, search:)`, on search texts made once per node.
    func matches(_ search: String) -> [Int] {
        let needle = search.lowercased()
        guard !needle.isEmpty else { return [] }
        if let hit = cache.withLock({ $0.matches }), hit.search == needle { return hit.ids }
        let texts = cache.withLock { $0.searchTexts } ?? {
            let made = plan.nodes.map(PlanRows.searchText)
            cache.withLock { $0.searchTexts = made }
            return made
        }()
        var ids: [Int] = []
        for (id, text) in texts.enumerated() where text.contains(needle) { ids.append(id) }
        cache.withLock { $0.matches = (needle, ids) }
        return ids
    }

    /// `PlanRows.columns(self, width:)`, made once per width.
    func columns(width: Int) -> [(PlanRows.Column, Int)] {
        if let hit = cache.withLock({ $0.columns }), hit.width == width { return hit.columns }
        let columns = PlanRows.columns(self, width: width)
        cache.withLock { $0.columns = (width, columns) }
        return columns
    }

    /// The widest cell of a column (not the node column) over every node, measured once.
    func widestCell(_ column: PlanRows.Column) -> Int {
        if let hit = cache.withLock({ $0.widest[column] }) { return hit }
        var widest = 0
        for node in plan.nodes {
            let row = PlanRow(id: node.id, prefix: "", hasChildren: false, isCollapsed: false, hiddenCount: 0)
            for line in PlanRows.cells(row, self, columns: [(column, 0)], matches: []).lines {
                widest = max(widest, line.displayWidth)
            }
        }
        cache.withLock { $0.widest[column] = widest }
        return widest
    }
}

/// An EXPLAIN on its way: what was asked, by whom, since when.
public struct RunningExplain: Sendable, Equatable {
    public var request: ExplainRequest
    /// "pid 4242", "typed SQL", "statement".
    public var origin: String
    public var startedAt: Date
    /// Esc was pressed: the cancel is on its way.
    public var cancelling = false
    /// An index what-if on this node of the plan shown (`i`).
    public var whatIfNode: Int?
}

/// The `x` input line: SQL to explain, the database to run it in, ANALYZE or not.
public struct ExplainInput: Sendable, Equatable {
    public var text: String
    /// Empty: the connection's database.
    public var database: String
    public var analyze: Bool
    /// Typing goes to the database field (Tab switches).
    public var editingDatabase = false
    /// Where typing goes in `text`, in characters from its start.
    public var cursor: Int
    /// The entry of `PlanState.inputHistory` shown (Up/Down), nil: the text being typed.
    public var historyIndex: Int?

    public init(text: String = "", database: String = "", analyze: Bool = false) {
        self.text = text
        self.database = database
        self.analyze = analyze
        self.cursor = text.count
    }

    private var cursorIndex: String.Index { text.index(text.startIndex, offsetBy: min(max(0, cursor), text.count)) }

    /// Types at the cursor (the database field: at its end).
    public mutating func insert(_ c: Character) {
        if editingDatabase { database.append(c); return }
        text.insert(c, at: cursorIndex)
        cursor += 1
    }

    /// Backspace: the character before the cursor.
    public mutating func deleteBackward() {
        if editingDatabase { if !database.isEmpty { database.removeLast() }; return }
        guard cursor > 0 else { return }
        text.remove(at: text.index(before: cursorIndex))
        cursor -= 1
    }

    /// Delete: the character under the cursor.
    public mutating func deleteForward() {
        guard !editingDatabase, cursor < text.count else { return }
        text.remove(at: cursorIndex)
    }

    /// Ctrl-W: the word before the cursor (and the spaces after it), as in a shell.
    public mutating func deleteWordBackward() {
        if editingDatabase { database = ""; return }
        var start = cursor
        let characters = Array(text)
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        text = String(characters[..<start]) + String(characters[cursor...])
        cursor = start
    }

    /// Ctrl-Left (Alt-b): to the start of the word before the cursor; Ctrl-Right (Alt-f): past
    /// the end of the next. A word is letters, digits and `_`, as readline's: in SQL the
    /// punctuation between names is skipped over.
    public mutating func moveWord(forward: Bool) {
        guard !editingDatabase else { return }
        let characters = Array(text)
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        var position = min(max(0, cursor), characters.count)
        if forward {
            while position < characters.count, !isWord(characters[position]) { position += 1 }
            while position < characters.count, isWord(characters[position]) { position += 1 }
        } else {
            while position > 0, !isWord(characters[position - 1]) { position -= 1 }
            while position > 0, isWord(characters[position - 1]) { position -= 1 }
        }
        cursor = position
    }

    /// Left/Right by one character, Home/End to the ends.
    public mutating func moveCursor(to position: Int) {
        cursor = min(max(0, position), text.count)
    }
}

/// `e` on a query the list shows cut: its whole text was asked for; the EXPLAIN follows.
public struct PendingQueryText: Sendable, Equatable {
    public var pid: Int32
    public var database: String?
    public var analyze: Bool
}

/// An ANALYZE waiting for `y`.
public struct PendingAnalyze: Sendable, Equatable {
    public var request: ExplainRequest
    public var origin: String
}

/// The node detail (`Enter` or `d` on a node): every property, scrollable.
public struct PlanNodeDetailState: Sendable, Equatable {
    public var nodeID: Int
    public var scroll = 0
}

/// Everything about EXPLAIN and the plan browser, as one property of `AppState`.
public struct PlanState: Sendable, Equatable {
    public var document: PlanDocument?
    /// Every plan of the input when it held several (a statement with rules, a log with nested
    /// statements): `[` and `]` move between them. Empty for one plan.
    public var siblings: [PlanDocument] = []
    public var siblingIndex = 0
    /// Collapsed nodes (their subtrees are hidden).
    public var collapsed: Set<Int> = []
    /// The selected node's id.
    public var selected = 0
    /// First tree row shown.
    public var scroll = 0
    /// The findings area at the bottom of the pane.
    public var findingsShown = true
    /// Arrows move in the findings list; Enter jumps to the finding's node.
    public var findingsFocused = false
    public var findingIndex = 0
    public var findingsScroll = 0
    public var detail: PlanNodeDetailState?
    /// The index what-if view (`i` on a scan).
    public var whatIf: PlanWhatIfState?
    /// Search in node titles and conditions (`/`, `n`, `N`).
    public var search = ""
    public var searchEditing = false
    /// The node selected when the search input opened (typing searches from there).
    public var searchOrigin = 0
    public var running: RunningExplain?
    public var input: ExplainInput?
    /// SQL typed and run from the input line, oldest first (Up/Down bring it back).
    public var inputHistory: [String] = []
    static let inputHistoryLimit = 50
    /// What was being typed when Up went into the history (Down past the newest brings it back).
    public var draft = ""
    public var pendingAnalyze: PendingAnalyze?
    public var waitingForText: PendingQueryText?
    /// `pgtriage plan FILE`: no server behind the console.
    public var offline = false

    public init() {}

    /// Shows a new plan: everything expanded, the root selected.
    public mutating func show(_ document: PlanDocument) {
        showOne(document)
        siblings = []
        siblingIndex = 0
    }

    /// Shows the first of several plans of one input; `[` and `]` go to the others.
    public mutating func show(all documents: [PlanDocument]) {
        guard let first = documents.first else { return }
        show(first)
        if documents.count > 1 { siblings = documents }
    }

    /// Shows plan `index` of the input's plans.
    mutating func showSibling(_ index: Int) {
        guard siblings.indices.contains(index) else { return }
        showOne(siblings[index])
        siblingIndex = index
    }

    private mutating func showOne(_ document: PlanDocument) {
        self.document = document
        collapsed = []
        selected = 0
        scroll = 0
        findingsFocused = false
        findingIndex = 0
        findingsScroll = 0
        detail = nil
        whatIf = nil
        search = ""
        searchEditing = false
    }
}

extension AppState {
    /// A console with no server that opens on the Plan pane with `document` (`pgtriage plan FILE`).
    public static func offlinePlan(_ document: PlanDocument, label: String, width: Int = 80, height: Int = 24) -> AppState {
        offlinePlans([document], label: label, width: width, height: height)
    }

    /// The same with every plan of the input (`[` and `]` move between them).
    public static func offlinePlans(_ documents: [PlanDocument], label: String, width: Int = 80, height: Int = 24) -> AppState {
        var state = AppState(connectionLabel: label, width: width, height: height)
        state.pane = .plan
        state.plan.offline = true
        state.plan.show(all: documents)
        return state
    }
}
