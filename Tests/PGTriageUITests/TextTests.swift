import Testing
@testable import PGTriageUI

@Suite struct SanitizerTests {
    /// A cell never shows more than its width: cleaning stops there, escapes still removed.
    @Test func cleaningStopsAtTheLimit() {
        #expect(Sanitizer.clean("select  1,\n\t2 from t", collapseWhitespace: true, limit: 9) == "select 1,")
        #expect(Sanitizer.clean("ab\u{1B}[31mcdef", limit: 4) == "abcd")
        #expect(Sanitizer.clean("abcdef", limit: 3) == "abc")
        #expect(Sanitizer.clean("abc", limit: 3) == "abc")
    }

    @Test func queryWithClearScreenAndNewlineComesOutFlat() {
        let q = "select 1;\u{1B}[2J\nselect 2"
        let clean = Sanitizer.clean(q)
        #expect(!clean.unicodeScalars.contains { $0.value == 0x1B })
        #expect(!clean.contains("\n"))
        #expect(clean == "select 1; select 2")
    }

    @Test func oscTitleSequencesAreRemovedWithTheirPayload() {
        #expect(Sanitizer.clean("a\u{1B}]0;pwned title\u{07}b") == "ab")
        #expect(Sanitizer.clean("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b") == "alinkb")
        // DCS string, terminated by ST.
        #expect(Sanitizer.clean("x\u{1B}Pq#0;2;0;0;0\u{1B}\\y") == "xy")
    }

    @Test func csiWithParametersAndEightBitC1Forms() {
        #expect(Sanitizer.clean("\u{1B}[1;31mred\u{1B}[0m") == "red")
        #expect(Sanitizer.clean("\u{9B}31mred") == "red")
        #expect(Sanitizer.clean("a\u{9D}0;t\u{9C}b") == "ab")
        #expect(Sanitizer.clean("a\u{1B}(Bb") == "ab")  // charset designation
        #expect(Sanitizer.clean("a\u{1B}7b\u{1B}8c") == "abc")  // save/restore cursor
    }

    @Test func controlsAreDroppedAndTabsBecomeSpaces() {
        #expect(Sanitizer.clean("a\tb\r\nc\u{7}d\u{0}e\u{7F}f\u{85}g") == "a b  cdef g")
        #expect(Sanitizer.clean("abc\u{202E}def") == "abcdef")  // bidi override
    }

    @Test func collapsingWhitespace() {
        let q = "  select *\n\n    from t\t\twhere  x = 1  \n"
        #expect(Sanitizer.clean(q, collapseWhitespace: true) == "select * from t where x = 1")
        #expect(Sanitizer.clean(q) == "  select *      from t  where  x = 1   ")
    }

    @Test func invalidUTF8IsReplacedNotCrashedOn() {
        let bytes: [UInt8] = [0x61, 0xFF, 0xC3, 0x28, 0x1B, 0x5B, 0x32, 0x4A, 0x62]
        let s = Sanitizer.clean(bytes: bytes)
        #expect(s == "a\u{FFFD}\u{FFFD}(b")
    }

    @Test func unicodeTextIsKept() {
        #expect(Sanitizer.clean("café 日本 👍🏽 e\u{301}") == "café 日本 👍🏽 e\u{301}")
        #expect(Sanitizer.clean("plain ascii") == "plain ascii")
    }
}

@Suite struct DisplayWidthTests {
    @Test func asciiIsOne() {
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of("hello") == 5)
    }

    @Test func cjkAndFullwidthAreTwo() {
        #expect(DisplayWidth.of(Character("日")) == 2)
        #expect(DisplayWidth.of(Character("한")) == 2)
        #expect(DisplayWidth.of(Character("Ａ")) == 2)  // fullwidth A
        #expect(DisplayWidth.of(Character("カ")) == 2)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of(Character("ｶ")) == 1)  // halfwidth katakana
    }

    @Test func combiningMarksAndZeroWidthAreZero() {
        #expect(DisplayWidth.of(scalar: "\u{301}") == 0)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)
        #expect(DisplayWidth.of(Character("\u{200B}")) == 0)
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
    }

    @Test func emojiArePresentationWidth() {
        #expect(DisplayWidth.of(Character("👍")) == 2)
        #expect(DisplayWidth.of(Character("👍🏽")) == 2)
        #expect(DisplayWidth.of(Character("👨‍👩‍👧")) == 2)
        #expect(DisplayWidth.of(Character("🇫🇷")) == 2)
        #expect(DisplayWidth.of(Character("☀")) == 1)  // text presentation by default
        #expect(DisplayWidth.of(Character("☀\u{FE0F}")) == 2)  // VS16 asks for emoji presentation
    }

    @Test func boxDrawingAndEllipsisAreOne() {
        #expect(DisplayWidth.of("├─│└…") == 5)
    }

    @Test func truncateAddsAnEllipsisOnlyWhenCutting() {
        #expect(DisplayWidth.truncate("hello", toWidth: 5) == "hello")
        #expect(DisplayWidth.truncate("hello world", toWidth: 5) == "hell…")
        #expect(DisplayWidth.truncate("hello", toWidth: 1) == "…")
        #expect(DisplayWidth.truncate("hello", toWidth: 0) == "")
        #expect(truncate("日本語テキスト", toWidth: 6) == "日本…")
        #expect(DisplayWidth.of(truncate("日本語テキスト", toWidth: 6)) == 5)
        #expect("abcdef".truncated(toWidth: 4) == "abc…")
    }

    @Test func fitPadsAndAligns() {
        #expect(DisplayWidth.fit("ab", toWidth: 4) == "ab  ")
        #expect(DisplayWidth.fit("ab", toWidth: 4, alignment: .right) == "  ab")
        #expect(DisplayWidth.fit("日", toWidth: 3, alignment: .right) == " 日")
        #expect(DisplayWidth.fit("abcdef", toWidth: 4, alignment: .right) == "abc…")
    }
}
