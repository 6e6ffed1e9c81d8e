import Testing
@testable import PGTriageUI

/// Renders a widget into a fresh grid through a MemoryBackend, as the app does.
private func screen(_ width: Int, _ height: Int, _ draw: (inout ScreenGrid) -> Void) -> MemoryBackend {
    let backend = MemoryBackend(width: width, height: height)
    var grid = ScreenGrid(width: width, height: height)
    draw(&grid)
    backend.draw(grid)
    return backend
}

private let activityColumns: [TableColumn] = [
    TableColumn("PID", width: .fixed(7), alignment: .right),
    TableColumn("USER", width: .fixed(10)),
    TableColumn("DB", width: .fixed(10)),
    TableColumn("STATE", width: .fixed(6)),
    TableColumn("AGE", width: .fixed(8), alignment: .right),
    TableColumn("QUERY", width: .flex(min: 10, weight: 1), priority: 1),
]

private let activityRows: [TableRow] = [
    TableRow(["12345", "alice", "shop", "active", "00:01:02", "select * from orders where id = $1"],
             style: Style(.stateActive)),
    TableRow(["812", "bob_the_builder", "inventory", "idle", "3:04:05",
              "update accounts set balance = balance - 100 where id = 7"], style: Style(.stateIdle)),
    TableRow(["7", "日本語ユーザー", "db", "active", "0:00:01", "select\n1;\u{1B}[2J"]),
]

@Suite struct TableTests {
    @Test func layoutAt80ColumnsGivesTheFlexColumnTheRest() {
        let t = Table(columns: activityColumns, rows: activityRows)
        let l = t.layout(width: 80)
        #expect(l.map(\.index) == [0, 1, 2, 3, 4, 5])
        #expect(l.map(\.x) == [0, 8, 19, 30, 37, 46])
        #expect(l.map(\.width) == [7, 10, 10, 6, 8, 34])
    }

    @Test func tableAt80ColumnsExactScreen() {
        let t = Table(columns: activityColumns, rows: activityRows, selected: 1)
        let m = screen(80, 5) { $0.render(t, in: Rect(x: 0, y: 0, width: 80, height: 5)) }
        #expect(m.lines() == [
            "    PID USER       DB         STATE       AGE QUERY",
            "  12345 alice      shop       active 00:01:02 select * from orders where id = $1",
            "    812 bob_the_b… inventory  idle    3:04:05 update accounts set balance = bal…",
            "      7 日本語ユ…  db         active  0:00:01 select 1;",
            "",
        ])
        // Header styled, selection over the whole row, row style elsewhere.
        #expect(m.styleAt(x: 0, y: 0).role == .tableHeader)
        #expect(m.styleAt(x: 79, y: 0).role == .tableHeader)
        #expect(m.styleAt(x: 0, y: 2).role == .tableSelected)
        #expect(m.styleAt(x: 79, y: 2).role == .tableSelected)
        #expect(m.styleAt(x: 2, y: 1).role == .stateActive)
        #expect(m.styleAt(x: 2, y: 3).role == .default)
    }

    @Test func tooNarrowDropsLowPriorityColumnsFromTheRight() {
        let t = Table(columns: activityColumns, rows: activityRows)
        let l = t.layout(width: 40)
        #expect(l.map(\.index) == [0, 1, 2, 5])
        #expect(l.map(\.width) == [7, 10, 10, 10])
        let m = screen(40, 2) { $0.render(t, in: Rect(x: 0, y: 0, width: 40, height: 2)) }
        #expect(m.lines() == [
            "    PID USER       DB         QUERY",
            "  12345 alice      shop       select * …",
        ])
    }

    @Test func aSingleColumnWiderThanTheAreaIsTruncated() {
        let t = Table(columns: [TableColumn("NAME", width: .fixed(20))], rows: [TableRow(["abcdefghijklmnopqrst"])])
        let m = screen(8, 2) { $0.render(t, in: Rect(x: 0, y: 0, width: 8, height: 2)) }
        #expect(m.lines() == ["NAME", "abcdefg…"])
    }

    @Test func flexColumnsShareByWeight() {
        let cols = [
            TableColumn("A", width: .flex(min: 2, weight: 1)),
            TableColumn("B", width: .flex(min: 2, weight: 3)),
        ]
        let l = Table(columns: cols, rows: []).layout(width: 21)
        // 21 - 1 spacing - 4 minimum = 16 extra: 4 and 12.
        #expect(l.map(\.width) == [6, 14])
        #expect(l.map(\.x) == [0, 7])
    }

    @Test func scrollKeepsTheSelectionVisible() {
        let rows = (0..<10).map { TableRow(["row \($0)"]) }
        var t = Table(columns: [TableColumn("NAME", width: .flex(min: 4, weight: 1))], rows: rows, selected: 7)
        let area = Rect(x: 0, y: 0, width: 20, height: 5)
        #expect(t.visibleRowCount(for: area) == 4)
        #expect(t.scrollOffset(for: area) == 4)
        var m = screen(20, 5) { $0.render(t, in: area) }
        #expect(m.lines() == ["NAME", "row 4", "row 5", "row 6", "row 7"])
        #expect(m.styleAt(x: 0, y: 4).role == .tableSelected)
        // Moving up past the top scrolls back; offset remembered from the last frame is honoured.
        t.offset = 4
        t.selected = 2
        #expect(t.scrollOffset(for: area) == 2)
        t.selected = 5
        #expect(t.scrollOffset(for: area) == 4)
        // Offset past the last page is pulled back.
        t.offset = 9
        t.selected = nil
        #expect(t.scrollOffset(for: area) == 6)
        m = screen(20, 5) { $0.render(t, in: area) }
        #expect(m.lines().last == "row 9")
        #expect(Table.scrollOffset(selected: 3, offset: 0, rowCount: 0, visibleRows: 4) == 0)
    }

    @Test func markedRowsShowAMarkAndTheirStyle() {
        let rows = (0..<3).map { TableRow(["\($0)", "name\($0)"]) }
        let t = Table(columns: [TableColumn("ID", width: .fixed(3), alignment: .right),
                                TableColumn("NAME", width: .fixed(6))],
                      rows: rows, selected: 2, marked: [1, 2], showsMarkColumn: true)
        let m = screen(20, 4) { $0.render(t, in: Rect(x: 0, y: 0, width: 20, height: 4)) }
        #expect(m.lines() == ["   ID NAME", "    0 name0", "*   1 name1", "*   2 name2"])
        #expect(m.styleAt(x: 4, y: 2).role == .tableMarked)
        #expect(m.styleAt(x: 4, y: 3).role == .tableSelected)
        #expect(m.styleAt(x: 4, y: 3).attributes.contains(.bold))
        #expect(m.styleAt(x: 4, y: 1).role == .default)
    }

    @Test func perCellStylesApplyOutsideTheSelection() {
        let rows = [TableRow(["1", "active"], cellStyles: [nil, Style(.stateActive)]),
                    TableRow(["2", "active"], cellStyles: [nil, Style(.stateActive)])]
        let t = Table(columns: [TableColumn("ID", width: .fixed(2)), TableColumn("STATE", width: .fixed(6))],
                      rows: rows, selected: 1)
        let m = screen(10, 3) { $0.render(t, in: Rect(x: 0, y: 0, width: 10, height: 3)) }
        #expect(m.styleAt(x: 3, y: 1).role == .stateActive)
        #expect(m.styleAt(x: 0, y: 1).role == .default)
        #expect(m.styleAt(x: 3, y: 2).role == .tableSelected)
    }
}

@Suite struct StyledCellTests {
    @Test func styledCellsKeepTheirSpansAndAreCut() {
        let cell = TextLine([TextSpan("│  └─ ", style: Style(.treeLines)), TextSpan("4242", style: Style(.treeRoot, [.bold]))])
        let rows = [TableRow(styled: [cell, TextLine("waiting for lock on orders")], style: Style(.stateWaiting)),
                    TableRow(styled: [cell, TextLine("x")])]
        let t = Table(columns: [TableColumn("PID", width: .fixed(9)), TableColumn("WHAT", width: .fixed(12))],
                      rows: rows, selected: 1)
        let m = screen(22, 3) { $0.render(t, in: Rect(x: 0, y: 0, width: 22, height: 3)) }
        #expect(m.lines() == ["PID       WHAT", "│  └─ 42… waiting for…", "│  └─ 42… x"])
        #expect(m.styleAt(x: 0, y: 1).role == .treeLines)
        #expect(m.styleAt(x: 6, y: 1) == Style(.treeRoot, [.bold]))
        #expect(m.styleAt(x: 8, y: 1).role == .treeRoot)  // the ellipsis keeps the cut span's style
        #expect(m.styleAt(x: 12, y: 1).role == .stateWaiting)  // plain spans take the row style
        #expect(m.styleAt(x: 0, y: 2).role == .tableSelected)  // selection wins
    }

    @Test func textLineTruncationAndFitting() {
        let l = TextLine([TextSpan("ab", style: Style(.title)), TextSpan("日本", style: Style(.textDim))])
        #expect(l.truncated(toWidth: 6).text == "ab日本")
        #expect(l.truncated(toWidth: 5).text == "ab日…")
        #expect(l.truncated(toWidth: 4).text == "ab…")
        #expect(l.truncated(toWidth: 4).spans.map(\.style.role) == [.title])
        #expect(l.fitted(toWidth: 8, alignment: .right).text == "  ab日本")
        #expect(TextLine("a\u{1B}[2Jb").truncated(toWidth: 5).text == "ab")
    }
}

@Suite struct TreePrefixTests {
    struct Node { var name: String; var kids: [Node] = [] }

    @Test func prefixesFromLastFlags() {
        #expect(TreePrefix.prefix(lastFlags: []) == "")
        #expect(TreePrefix.prefix(lastFlags: [false]) == "├─ ")
        #expect(TreePrefix.prefix(lastFlags: [true]) == "└─ ")
        #expect(TreePrefix.prefix(lastFlags: [false, true]) == "│  └─ ")
        #expect(TreePrefix.prefix(lastFlags: [true, false]) == "   ├─ ")
        #expect(TreePrefix.prefix(depth: 2, isLast: true, ancestorsAreLast: [false]) == "│  └─ ")
    }

    @Test func flattenedForestInATableColumn() {
        let forest = [
            Node(name: "100 root", kids: [Node(name: "101 a", kids: [Node(name: "103 c")]), Node(name: "102 b")]),
            Node(name: "200 root2", kids: [Node(name: "201 d")]),
        ]
        let flat = TreePrefix.flatten(roots: forest) { $0.kids }
        #expect(flat.map(\.depth) == [0, 1, 2, 1, 0, 1])
        let t = Table(columns: [TableColumn("BACKEND", width: .flex(min: 10, weight: 1))],
                      rows: flat.map { TableRow([$0.prefix + $0.node.name]) }, showsHeader: false)
        let m = screen(20, 6) { $0.render(t, in: Rect(x: 0, y: 0, width: 20, height: 6)) }
        #expect(m.lines() == [
            "100 root",
            "├─ 101 a",
            "│  └─ 103 c",
            "└─ 102 b",
            "200 root2",
            "└─ 201 d",
        ])
    }
}

@Suite struct TextViewTests {
    @Test func wordWrapAndScroll() {
        let v = TextView(text: "the quick brown fox jumps over the lazy dog")
        #expect(v.wrappedLines(width: 10).map(\.text) == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
        var shown = v
        shown.offset = 2
        let m = screen(10, 2) { $0.render(shown, in: Rect(x: 0, y: 0, width: 10, height: 2)) }
        #expect(m.lines() == ["jumps over", "the lazy"])
        #expect(v.maxOffset(for: Rect(x: 0, y: 0, width: 10, height: 2)) == 3)
        shown.offset = 99  // clamped to the last page
        let m2 = screen(10, 2) { $0.render(shown, in: Rect(x: 0, y: 0, width: 10, height: 2)) }
        #expect(m2.lines() == ["the lazy", "dog"])
    }

    @Test func longWordsAreCutAndNewlinesStartParagraphs() {
        let v = TextView(text: "abcdefghijklm\n\nx\u{1B}[31my")
        #expect(v.wrappedLines(width: 5).map(\.text) == ["abcde", "fghij", "klm", "", "xy"])
    }

    @Test func wideCharactersWrapByWidth() {
        let v = TextView(text: "日本語のテキスト")
        #expect(v.wrappedLines(width: 5).map(\.text) == ["日本", "語の", "テキ", "スト"])
    }

    @Test func spansKeepTheirStylesAcrossWraps() {
        let line = TextLine([TextSpan("Seq Scan ", style: Style(.planNode)),
                             TextSpan("on orders", style: Style(.planDetail))])
        let wrapped = TextView.wrap(line, width: 12)
        #expect(wrapped.map(\.text) == ["Seq Scan on", "orders"])
        #expect(wrapped[0].spans.map(\.style.role) == [.planNode, .planDetail])
        #expect(wrapped[1].spans.map(\.style.role) == [.planDetail])
    }
}

@Suite struct DialogAndOverlayTests {
    @Test func dialogIsCentred() {
        let d = Dialog(title: "Cancel backend?", body: ["pid 123 alice@shop", "select pg_sleep(60)"],
                       footer: "y: yes   n/Esc: no", danger: true)
        let area = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(d.frame(in: area) == Rect(x: 25, y: 9, width: 30, height: 6))
        let m = screen(80, 24) { $0.render(d, in: area) }
        let pad = String(repeating: " ", count: 25)
        #expect(Array(m.lines()[9...14]) == [
            pad + "┌ Cancel backend? ───────────┐",
            pad + "│ pid 123 alice@shop         │",
            pad + "│ select pg_sleep(60)        │",
            pad + "│                            │",
            pad + "│     y: yes   n/Esc: no     │",
            pad + "└────────────────────────────┘",
        ])
        #expect(m.lines()[8] == "" && m.lines()[15] == "")
        #expect(m.styleAt(x: 27, y: 10).role == .dialogDanger)
        #expect(m.styleAt(x: 25, y: 9).role == .dialogDangerBorder)
        let plain = Dialog(title: "t", body: ["x"])
        let m2 = screen(80, 24) { $0.render(plain, in: area) }
        #expect(m2.styleAt(x: 27, y: 11).role == .dialog)
    }

    @Test func dialogBodyWrapsAndIsCutToTheScreen() {
        let long = String(repeating: "word ", count: 60)
        let d = Dialog(title: "Query", body: [long], footer: "Esc")
        let area = Rect(x: 0, y: 0, width: 40, height: 10)
        let f = d.frame(in: area)
        #expect(f.width <= 38 && f.height <= 8)
        let m = screen(40, 10) { $0.render(d, in: area) }
        #expect(m.lines().contains { $0.contains("…") })
        #expect(m.lines().contains { $0.contains("Esc") })
    }

    @Test func boxWithTitle() {
        let m = screen(10, 3) { $0.render(Box(title: "Locks"), in: Rect(x: 0, y: 0, width: 10, height: 3)) }
        #expect(m.lines() == ["┌ Locks ─┐", "│        │", "└────────┘"])
        #expect(Box().inner(Rect(x: 0, y: 0, width: 10, height: 3)) == Rect(x: 1, y: 1, width: 8, height: 1))
        let tiny = screen(6, 3) { $0.render(Box(title: "A long title"), in: Rect(x: 0, y: 0, width: 6, height: 3)) }
        #expect(tiny.lines()[0] == "┌ A… ┐")
    }

    @Test func statusBarKeepsTheRightTextAndCutsTheLeft() {
        let s = StatusBar(left: "Activity  12 backends", right: "refresh 2s")
        let m = screen(30, 1) { $0.render(s, in: Rect(x: 0, y: 0, width: 30, height: 1)) }
        #expect(m.lines() == ["Activity  12 backe… refresh 2s"])
        #expect(m.styleAt(x: 29, y: 0).role == .status)
        let wide = screen(40, 1) { $0.render(s, in: Rect(x: 0, y: 0, width: 40, height: 1)) }
        #expect(wide.lines() == ["Activity  12 backends         refresh 2s"])
        #expect(wide.styleAt(x: 25, y: 0).role == .status)
    }
}
