#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Terminal

@Suite("Text width, clipping and frames")
struct ScreenTests {
    private let red = Style(enabled: true).red
    private let esc = "\u{1B}"

    @Test func visibleWidthIgnoresStyleSequences() {
        #expect(ANSIText.visibleWidth(red("Again")) == 5)
        #expect(ANSIText.visibleWidth(Style(enabled: true).bold("日本") + " ok") == 7)
        #expect(ANSIText.visibleWidth("\(esc)[1;38;5;208mx\(esc)[0m") == 1)
        #expect(ANSIText.visibleWidth("\(esc)]8;;https://example.com\u{7}link\(esc)]8;;\(esc)\\") == 4)
        #expect(ANSIText.visibleWidth("plain") == TextLayout.width("plain"))
        #expect(ANSIText.stripped(red("Again") + "!") == "Again!")
    }

    @Test func clipKeepsSequencesAndMarksTheCut() {
        #expect(ANSIText.clip("short", to: 10) == "short")
        #expect(ANSIText.clip("abcdefghij", to: 5) == "abcd…")
        let clipped = ANSIText.clip(red("abcdefghij"), to: 5)
        #expect(clipped == "\(esc)[31mabcd…\(esc)[0m")
        #expect(ANSIText.visibleWidth(clipped) == 5)
        #expect(ANSIText.clip("日本語です", to: 5) == "日本…")
        #expect(ANSIText.clip("abc", to: 0) == "")
    }

    @Test func textLayoutWrapsWideWordsByColumns() {
        let lines = TextLayout.wrap(String(repeating: "日", count: 12), columns: 10)
        #expect(lines.allSatisfy { TextLayout.width($0) <= 10 })
        #expect(lines.joined() == String(repeating: "日", count: 12))
        #expect(TextLayout.wrap("the quick brown fox jumps", columns: 10) == ["the quick", "brown fox", "jumps"])
        #expect(TextLayout.truncate("abcdef", to: 4) == "abc…")
        #expect(TextLayout.truncate("日本語", to: 4) == "日…")
        #expect(TextLayout.truncate("abc", to: 1) == "…")
        #expect(TextLayout.width("e\u{301}") == 1)
    }

    @Test func frameRendersEveryRowOnceAndNeverScrolls() {
        var frame = Frame(columns: 10, rows: 3)
        frame.append("first\nsecond")
        frame.append("a line far too long for ten")
        frame.append("dropped: past the last row")
        let text = frame.rendered()
        let expected = ControlSequence.hideCursor + ControlSequence.cursorHome
            + "\(esc)[Kfirst\r\n\(esc)[Ksecond\r\n\(esc)[Ka line fa…"
        #expect(text == expected)
    }

    @Test func shortFrameErasesTheRestAndPlacesTheCursor() {
        var frame = Frame(columns: 80, rows: 24)
        frame.append("Answer: tcp\tudp\u{7}")
        frame.cursor = (row: 1, column: 12)
        let text = frame.rendered()
        #expect(text.hasSuffix("\(esc)[KAnswer: tcp udp\r\n\(esc)[J\(esc)[1;12H\(esc)[?25h"))
        #expect(frame.remainingRows == 23)
    }

    @Test func emptyFrameClearsTheScreen() {
        #expect(Frame(columns: 80, rows: 24).rendered() == ControlSequence.hideCursor + ControlSequence.cursorHome + "\(esc)[J")
    }

    @Test func narrowTerminalClipsEveryLine() {
        var frame = Frame(columns: 20, rows: 5)
        for line in TextLayout.wrap("Little's law: L = λW, the mean number in the system", columns: 20) {
            frame.append(red(line))
        }
        frame.append(String(repeating: "x", count: 40))
        for row in frame.rendered().split(separator: "\r\n") {
            #expect(ANSIText.visibleWidth(String(row)) <= 20)
        }
    }

    @Test func screenWritesTheWholeFrame() {
        let fds = makePipe()
        defer { close(fds.read) }
        var frame = Frame(columns: 20, rows: 2)
        frame.append("hello")
        Screen(fileDescriptor: fds.write).draw(frame)
        close(fds.write)
        #expect(readAll(fds.read) == Array(frame.rendered().utf8))
    }
}
