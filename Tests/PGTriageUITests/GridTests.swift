import Testing
@testable import PGTriageUI

@Suite struct GridTests {
    @Test func putWritesSanitisedTextAndReturnsColumnsUsed() {
        var g = ScreenGrid(width: 10, height: 2)
        let used = g.put("a\u{1B}[2Jb\nc", x: 1, y: 0, maxWidth: 8, style: .plain)
        #expect(used == 4)
        #expect(g.lines() == [" ab c", ""])
        #expect(!g.cells.contains { $0.symbol.unicodeScalars.contains { $0.value == 0x1B } })
    }

    @Test func wideCharactersTakeTwoCellsWithAContinuation() {
        var g = ScreenGrid(width: 6, height: 1)
        let used = g.put("日本x", x: 0, y: 0, maxWidth: 6, style: Style(.title))
        #expect(used == 5)
        #expect(g[0, 0].symbol == "日" && g[0, 0].width == 2)
        #expect(g[1, 0].isContinuation && g[1, 0].symbol == "")
        #expect(g[2, 0].symbol == "本")
        #expect(g[4, 0].symbol == "x")
        #expect(g.lines() == ["日本x"])
        #expect(g[1, 0].style == Style(.title))
    }

    @Test func aWideCharacterThatDoesNotFitBecomesASpace() {
        var g = ScreenGrid(width: 5, height: 2)
        // maxWidth clip: "ab" + 日 needs 4 columns, only 3 allowed.
        g.put("xxxxx", x: 0, y: 0, style: .plain)
        let used = g.put("ab日", x: 0, y: 0, maxWidth: 3, style: .plain)
        #expect(used == 3)
        #expect(g.lines()[0] == "ab xx")
        // Right-edge clip.
        let used2 = g.put("abcd日", x: 0, y: 1, maxWidth: 10, style: .plain)
        #expect(used2 == 5)
        #expect(g[4, 1].symbol == " " && g[4, 1].width == 1)
    }

    @Test func clippingAtEdgesAndOutOfBounds() {
        var g = ScreenGrid(width: 4, height: 1)
        #expect(g.put("abcdef", x: 2, y: 0, maxWidth: 10, style: .plain) == 2)
        #expect(g.lines() == ["  ab"])
        #expect(g.put("zz", x: 0, y: 5, maxWidth: 2, style: .plain) == 0)
        #expect(g.put("zz", x: 9, y: 0, maxWidth: 2, style: .plain) == 0)
        #expect(g.put("zz", x: 0, y: 0, maxWidth: 0, style: .plain) == 0)
        #expect(g.lines() == ["  ab"])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var g = ScreenGrid(width: 4, height: 1)
        g.put("日本", x: 0, y: 0, style: .plain)
        g.put("a", x: 1, y: 0, maxWidth: 1, style: .plain)  // on 日's continuation
        #expect(g.lines() == [" a本"])
        #expect(g[0, 0].width == 1 && g[0, 0].symbol == " ")
        g.put("b", x: 2, y: 0, maxWidth: 1, style: .plain)  // on 本's head
        #expect(g.lines() == [" ab"])
        #expect(!g[3, 0].isContinuation)
    }

    @Test func linesTrimTrailingSpacesAndShowWideCharsOnce() {
        var g = ScreenGrid(width: 8, height: 2)
        g.put("한글  ", x: 0, y: 1, style: .plain)
        #expect(g.lines() == ["", "한글"])
    }

    @Test func fillAndSetStyle() {
        var g = ScreenGrid(width: 5, height: 3)
        g.put("hello", x: 0, y: 1, style: .plain)
        g.setStyle(Rect(x: 0, y: 1, width: 5, height: 1), style: Style(.tableSelected))
        #expect(g.lines()[1] == "hello")
        #expect(g[4, 1].style == Style(.tableSelected))
        g.fill(Rect(x: 1, y: 0, width: 10, height: 2), with: "#", style: Style(.border))
        #expect(g.lines() == [" ####", "h####", ""])
        #expect(g[0, 1].style == Style(.tableSelected))
    }

    @Test func rectHelpers() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(r.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(r.centered(width: 100, height: 30) == r)
        #expect(r.inset(dx: 1, dy: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(Rect(x: 5, y: 5, width: 10, height: 10).clipped(to: r.inset(dx: 0, dy: 0)) ==
                Rect(x: 5, y: 5, width: 10, height: 10))
        #expect(Rect(x: 75, y: 20, width: 10, height: 10).clipped(to: r) == Rect(x: 75, y: 20, width: 5, height: 4))
        let (top, rest) = r.splitTop(2)
        #expect(top.height == 2 && rest.y == 2 && rest.height == 22)
    }
}

@Suite struct MemoryBackendTests {
    @Test func drawStoresTheFrameAndKeysAreQueued() {
        let m = MemoryBackend(width: 20, height: 2)
        var g = ScreenGrid(width: 20, height: 2)
        g.put("top", x: 0, y: 0, style: Style(.title, [.bold]))
        m.draw(g)
        #expect(m.lines() == ["top", ""])
        #expect(m.styleAt(x: 1, y: 0) == Style(.title, [.bold]))
        #expect(m.styleAt(x: 50, y: 0) == .plain)
        #expect(m.readKey() == nil)
        m.pushKeys([.char("q"), .down])
        #expect(m.readKey() == .char("q"))
        #expect(m.readKey() == .down)
        #expect(m.readKey() == nil)
        m.resize(width: 100, height: 30)
        #expect(m.size.width == 100 && m.size.height == 30)
        #expect(m.readKey() == .resize)
        #expect(m.inputDescriptor == -1)
    }
}
