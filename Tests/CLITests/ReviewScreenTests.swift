import Deck
import Scheduling
import Study
import Review
import Practice
import Progress
import Terminal
import Testing
import BundledContent
@testable import sysdrill

/// The review screen is a pure function of its state: check layouts without a terminal.
@Suite struct ReviewScreenTests {
    static let card = try! OutlineParser(deck: "system-design", file: "t.md").parse(
        "# 3. Core\n\n## 3.4 Caching\n\n**Invalidation**:\n- Write-back: Write to cache, later flush to database; a long answer that has to wrap on a narrow terminal so the layout is tested.\n")[0]

    func screen(revealed: Bool, canUndo: Bool = false, message: String? = nil) -> ReviewScreen {
        var screen = ReviewScreen()
        screen.presented = ReviewSession.Presented(card: Self.card, state: .new, position: 3, total: 12)
        screen.revealed = revealed
        screen.canUndo = canUndo
        screen.message = message
        screen.previews = [(.again, 0, "<1m"), (.hard, 0, "<1m"), (.good, 0, "1d"), (.easy, 0, "4d")]
        return screen
    }

    @Test(arguments: [(80, 24), (60, 20), (40, 24), (40, 12), (30, 10)])
    func everythingThatMattersFits(columns: Int, rows: Int) {
        let lines = screen(revealed: true, canUndo: true, message: "good: next in 1d").render(columns: columns, rows: rows, style: .plain)
        #expect(lines.count <= rows)
        #expect(lines.allSatisfy { ANSIText.visibleWidth($0) <= columns }, "\(lines)")
        let text = lines.joined(separator: "\n")
        #expect(text.contains("3/12"))
        #expect(text.contains("1 again") && text.contains("4 easy"))
        #expect(lines.last?.contains("q") == true)
        #expect(text.contains("Write to cache"))
    }

    @Test func footerOffersUndoOnBothSidesOfACardOnlyWhenThereIsSomethingToUndo() {
        #expect(screen(revealed: false, canUndo: true).footer(width: 80).hasPrefix("u undo"))
        #expect(!screen(revealed: true, canUndo: false).footer(width: 80).contains("undo"))
        #expect(screen(revealed: false, canUndo: true).footer(width: 20) == "u s e ? q  (? help)")
    }

    @Test func questionSideHidesTheAnswerAndTheGrades() {
        let text = screen(revealed: false).render(columns: 80, rows: 24, style: .plain).joined(separator: "\n")
        #expect(text.contains("Caching › Invalidation: what is meant by Write-back?"))
        #expect(!text.contains("Write to cache"))
        #expect(!text.contains("1 again"))
        #expect(text.contains("Space or Enter"))
    }

    @Test func waitingAndDoneScreensWrap() {
        var waiting = ReviewScreen()
        waiting.waitingText = "2 learning cards left; the next is due in 9m. Keep this open, or press q and come back later."
        let lines = waiting.render(columns: 40, rows: 24, style: .plain)
        #expect(lines.allSatisfy { ANSIText.visibleWidth($0) <= 40 })
        #expect(lines.joined(separator: " ").contains("come back later."))
    }

    @Test func tagsShowAndANewLeechOnScreenOffersNoGrades() {
        var leech = screen(revealed: true, message: "this card keeps slipping; rewrite it? e shows file:line · again: again later today")
        leech.presented = ReviewSession.Presented(card: Self.card, state: .new, position: 3, total: 12, flagged: true, leech: true)
        leech.answered = true
        for (columns, rows) in [(80, 24), (40, 12)] {
            let lines = leech.render(columns: columns, rows: rows, style: .plain)
            #expect(lines.count <= rows && lines.allSatisfy { ANSIText.visibleWidth($0) <= columns }, "\(lines)")
            let text = lines.joined(separator: "\n")
            #expect(!text.contains("1 again"))
            #expect(text.contains("any key"))
        }
        let text = leech.render(columns: 80, rows: 24, style: .plain).joined(separator: "\n")
        #expect(text.contains("[new · leech · flagged]"))
        #expect(text.contains("this card keeps slipping; rewrite it? e shows file:line"))
        // On a narrow terminal the news wraps instead of losing its end.
        #expect(leech.render(columns: 40, rows: 12, style: .plain).joined(separator: " ").contains("again later today"))
    }

    @Test func aLongAnswerScrollsAndTheGradeKeysStay() {
        // A 40-item answer, one item a line.
        let base = Self.card
        let long = Card(id: base.id, deck: "d", section: ["Long"], kind: .list, term: "Points", front: "Long: name the 40 points.",
                        back: (1...40).map { "item \($0): a point of the answer" }.joined(separator: "\n"),
                        items: [], source: base.source, order: 0)
        var long40 = screen(revealed: true)
        long40.presented = ReviewSession.Presented(card: long, state: .new, position: 1, total: 1)
        for (columns, rows) in [(80, 24), (20, 6)] {
            let first = long40.render(columns: columns, rows: rows, style: .plain)
            #expect(first.count <= rows && first.allSatisfy { ANSIText.visibleWidth($0) <= columns }, "\(first)")
            // The grade keys and the footer stay on every screen.
            #expect(first.joined(separator: "\n").contains("1 again") || columns < 40)
            #expect(first.last?.contains("q") == true || first.last?.contains("?") == true)
            var moved = long40
            moved.scroll = 5
            #expect(moved.render(columns: columns, rows: rows, style: .plain) != first, "scrolling changes what shows")
            // Past the end, the screen stays at the last line in view.
            moved.scroll = 10_000
            let end = moved.scrollInUse(columns: columns, rows: rows)
            #expect(end > 0 && end < 10_000)
            moved.scroll = end
            #expect(moved.render(columns: columns, rows: rows, style: .plain).joined().contains("item 40") || rows < 10)
        }
        let top = long40.render(columns: 80, rows: 24, style: .plain).joined(separator: "\n")
        #expect(top.contains("↓ more") && !top.contains("↑ more"))
        var middle = long40
        middle.scroll = 3
        let shown = middle.render(columns: 80, rows: 24, style: .plain).joined(separator: "\n")
        #expect(shown.contains("↓ more") && shown.contains("↑ more"))
    }

    @Test func theQualityScaleShowsAnIntervalForEachGrade() {
        var quality = screen(revealed: true)
        quality.answerScale = .quality
        quality.qualityPreviews = (0...5).map { (Quality(rawValue: $0)!, 0, $0 < 3 ? "<1m" : "\($0 - 2)d") }
        let text = quality.render(columns: 80, rows: 24, style: .plain).joined(separator: "\n")
        #expect(text.contains("0 blackout <1m") && text.contains("3 hard 1d") && text.contains("5 easy 3d"), "\(text)")
        #expect(quality.render(columns: 40, rows: 12, style: .plain).allSatisfy { ANSIText.visibleWidth($0) <= 40 })
    }

    @Test func helpListsFlagAndSuspend() {
        for scale in [AnswerScale.buttons, .quality] {
            let help = ReviewScreen.helpLines(scale: scale)
            #expect(help.contains { $0.hasPrefix("  !  ") && $0.contains("flag") })
            #expect(help.contains { $0.hasPrefix("  @  ") && $0.contains("suspend") })
        }
        var help = screen(revealed: false)
        help.showHelp = true
        let lines = help.render(columns: 40, rows: 40, style: .plain)
        #expect(lines.allSatisfy { ANSIText.visibleWidth($0) <= 40 }, "\(lines)")
    }

    @Test func colourIsOnlyAddedWhenAllowed() {
        let plain = screen(revealed: true).render(columns: 80, rows: 24, style: .plain).joined()
        let coloured = screen(revealed: true).render(columns: 80, rows: 24, style: Style(enabled: true)).joined()
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}["))
        #expect(ANSIText.stripped(coloured) == plain)
    }
}

/// `e` on a built-in card quotes the embedded outline instead of naming a file the user lacks.
@Suite struct BuiltInSourceTests {
    @Test func aBuiltInCardQuotesItsLineAndAUserCardNamesItsFile() throws {
        let outline = try #require(BundledContent.files.first { $0.name == "system-design.md" })
        let lines = String(decoding: outline.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let number = try #require(lines.firstIndex { $0.hasPrefix("- ") }) + 1
        let text = BuiltInSource.describe(SourceLocation(file: "Content/system-design.md", line: number))
        #expect(text.hasPrefix("source: built-in outline (system-design.md), line \(number): - "), "\(text)")
        #expect(BuiltInSource.describe(SourceLocation(file: "/home/me/notes.md", line: 7)) == "source: /home/me/notes.md:7")
    }
}
