import Foundation
import Testing
@testable import PGTriageUI

@Suite struct NCursesKeyMappingTests {
    @Test func controlCharacters() {
        #expect(NCursesBackend.mapCharacter(13) == .enter)
        #expect(NCursesBackend.mapCharacter(10) == .enter)
        #expect(NCursesBackend.mapCharacter(9) == .tab)
        #expect(NCursesBackend.mapCharacter(27) == .escape)
        #expect(NCursesBackend.mapCharacter(127) == .backspace)
        #expect(NCursesBackend.mapCharacter(8) == .backspace)
        #expect(NCursesBackend.mapCharacter(3) == .ctrl("c"))
        #expect(NCursesBackend.mapCharacter(12) == .ctrl("l"))
        #expect(NCursesBackend.mapCharacter(0) == nil)
        #expect(NCursesBackend.mapCharacter(0x9B) == nil)
    }

    @Test func printableCharacters() {
        #expect(NCursesBackend.mapCharacter(0x20) == .char(" "))
        #expect(NCursesBackend.mapCharacter(0x71) == .char("q"))
        #expect(NCursesBackend.mapCharacter(0xE9) == .char("é"))
        #expect(NCursesBackend.mapCharacter(0x65E5) == .char("日"))
    }

    @Test func functionAndCursorKeyCodes() {
        // Codes from <curses.h>: KEY_DOWN 0402, KEY_UP 0403, KEY_F0 0410, KEY_NPAGE 0522,
        // KEY_PPAGE 0523, KEY_ENTER 0527, KEY_BTAB 0541, KEY_RESIZE 0632, KEY_DC 0512.
        #expect(NCursesBackend.mapKeyCode(0o402) == .down)
        #expect(NCursesBackend.mapKeyCode(0o403) == .up)
        #expect(NCursesBackend.mapKeyCode(0o410 + 1) == .function(1))
        #expect(NCursesBackend.mapKeyCode(0o410 + 12) == .function(12))
        #expect(NCursesBackend.mapKeyCode(0o410 + 13) == nil)
        #expect(NCursesBackend.mapKeyCode(0o522) == .pageDown)
        #expect(NCursesBackend.mapKeyCode(0o523) == .pageUp)
        #expect(NCursesBackend.mapKeyCode(0o527) == .enter)
        #expect(NCursesBackend.mapKeyCode(0o541) == .backTab)
        #expect(NCursesBackend.mapKeyCode(0o632) == .resize)
        #expect(NCursesBackend.mapKeyCode(0o512) == .delete)
        // The codes the word moves' sequences are defined with (Ctrl-/Alt-arrows, Alt-b/f).
        #expect(NCursesBackend.mapKeyCode(NCursesBackend.wordLeftCode) == .wordLeft)
        #expect(NCursesBackend.mapKeyCode(NCursesBackend.wordRightCode) == .wordRight)
    }

    @Test func colourApproximationFor8ColourTerminals() {
        #expect(NCursesBackend.approximate(9, colors: 8) == 1)  // bright red -> red
        #expect(NCursesBackend.approximate(9, colors: 16) == 9)
        #expect(NCursesBackend.approximate(196, colors: 8) == 1)  // cube red
        #expect(NCursesBackend.approximate(21, colors: 8) == 4)  // cube blue
        #expect(NCursesBackend.approximate(255, colors: 8) == 7)  // light grey
        #expect(NCursesBackend.approximate(232, colors: 8) == 0)
    }

    /// Spaces take the style on their left when it looks the same (only the background shows),
    /// so the terminal gets no colour change for the gap between two columns.
    @Test func blanksBorrowTheStyleOnTheirLeftWhenItLooksTheSame() {
        let theme = Theme.dark
        var grid = ScreenGrid(width: 12, height: 1)
        grid.put("15s", x: 0, y: 0, style: Style(.ageWarning))
        grid.put("  ", x: 3, y: 0, style: .plain)
        grid.put("9", x: 5, y: 0, style: Style(.textDim))
        grid.put(" ", x: 6, y: 0, style: Style(.tableSelected))
        grid.put("x", x: 7, y: 0, style: Style(.default, [.underline]))
        grid.put(" ", x: 8, y: 0, style: .plain)
        let shown = NCursesBackend.shownStyles(grid, y: 0, theme: theme)
        let warning = theme.resolve(Style(.ageWarning))
        #expect(shown[3] == warning && shown[4] == warning, "the gap after a coloured age")
        #expect(shown[5] == theme.resolve(Style(.textDim)), "a visible character keeps its own style")
        #expect(shown[6] == theme.resolve(Style(.tableSelected)), "a space with its own background keeps it")
        #expect(shown[8] == theme.resolve(.plain), "an underlined neighbour would show on a space")
        #expect(shown[9] == theme.resolve(.plain) && shown[11] == theme.resolve(.plain))
    }
}
