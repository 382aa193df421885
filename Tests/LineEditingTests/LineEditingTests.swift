import Testing
import LineEditing

// MARK: - KeyDecoder

@Test(arguments: [
    ([0x1B, 0x5B, 0x41], Key.up),                 // ESC [ A
    ([0x1B, 0x5B, 0x42], .down),
    ([0x1B, 0x5B, 0x43], .right),
    ([0x1B, 0x5B, 0x44], .left),
    ([0x1B, 0x4F, 0x41], .up),                    // ESC O A (application cursor mode)
    ([0x1B, 0x5B, 0x48], .home),                  // ESC [ H
    ([0x1B, 0x5B, 0x46], .end),                   // ESC [ F
    ([0x1B, 0x5B, 0x31, 0x7E], .home),            // ESC [ 1 ~
    ([0x1B, 0x5B, 0x37, 0x7E], .home),            // ESC [ 7 ~ (rxvt)
    ([0x1B, 0x5B, 0x34, 0x7E], .end),             // ESC [ 4 ~
    ([0x1B, 0x5B, 0x38, 0x7E], .end),             // ESC [ 8 ~ (rxvt)
    ([0x1B, 0x4F, 0x48], .home),                  // ESC O H
    ([0x1B, 0x4F, 0x46], .end),                   // ESC O F
    ([0x1B, 0x5B, 0x33, 0x7E], .delete),          // ESC [ 3 ~
    ([0x1B, 0x5B, 0x31, 0x3B, 0x35, 0x43], .wordRight), // ESC [ 1 ; 5 C (Ctrl-Right)
    ([0x1B, 0x5B, 0x31, 0x3B, 0x35, 0x44], .wordLeft),
    ([0x1B, 0x62], .wordLeft),                    // Alt-B
    ([0x1B, 0x66], .wordRight),                   // Alt-F
    ([0x1B, 0x7F], .deleteWordBefore),            // Alt-Backspace
    ([0x1B, 0x5B, 0x32, 0x7E], .ignored),         // Insert: unused, never inserted as text
    ([0x01], .home), ([0x05], .end), ([0x02], .left), ([0x06], .right),
    ([0x03], .interrupt), ([0x04], .endOfFile), ([0x7F], .backspace), ([0x08], .backspace),
    ([0x09], .tab), ([0x0D], .enter), ([0x0A], .enter), ([0x0B], .killToEnd),
    ([0x15], .killToStart), ([0x17], .deleteWordBefore), ([0x0C], .clearScreen),
    ([0x10], .up), ([0x0E], .down), ([0x19], .yank), ([0x1A], .suspend),
] as [([UInt8], Key)])
func everyKeyFormDecodesToItsKey(bytes: [UInt8], key: Key) {
    var decoder = KeyDecoder()
    #expect(decoder.decode(bytes) == [key])
    #expect(!decoder.isPending)
}

@Test func multiByteCharactersDecodeWhenSplitAcrossReads() {
    // "é" is C3 A9, "€" is E2 82 AC, "🙂" is F0 9F 99 82.
    var decoder = KeyDecoder()
    #expect(decoder.decode([0xC3]) == [])
    #expect(decoder.isPending)
    #expect(decoder.decode([0xA9, 0xE2, 0x82]) == [.insert("é")])
    #expect(decoder.decode([0xAC, 0xF0, 0x9F, 0x99, 0x82]) == [.insert("€🙂")])
}

@Test func escapeSequenceSplitAcrossReadsDecodesOnce() {
    var decoder = KeyDecoder()
    #expect(decoder.decode([0x1B]) == [])
    #expect(decoder.decode([0x5B, 0x33]) == [])
    #expect(decoder.decode([0x7E, 0x61]) == [.delete, .insert("a")])
}

@Test func loneEscapeIsDroppedOnFlush() {
    var decoder = KeyDecoder()
    #expect(decoder.decode([0x1B]) == [])
    #expect(decoder.flush() == [.ignored])
    #expect(decoder.decode(Array("x".utf8)) == [.insert("x")])
}

@Test func pasteJoinsTextAndCountsCarriageReturnLineFeedOnce() {
    var decoder = KeyDecoder()
    #expect(decoder.decode(Array("ab\r\ncd\re\n\n".utf8))
        == [.insert("ab"), .enter, .insert("cd"), .enter, .insert("e"), .enter, .enter])
}

@Test func invalidUTF8IsIgnoredAndDecodingRecovers() {
    var decoder = KeyDecoder()
    // A stray continuation byte is ignored; a lead byte followed by ASCII is dropped
    // and the ASCII byte decoded afresh.
    #expect(decoder.decode([0x80, 0xC3, 0x41]) == [.ignored, .insert("A")])
}

// MARK: - LineBuffer

@Test func insertAndDeleteKeepCursorOnCharacters() {
    var buffer = LineBuffer("héllo", cursor: 2)
    buffer.insert("X")
    #expect(buffer.text == "héXllo" && buffer.cursor == 3)
    let deletedBackward = buffer.deleteBackward() && buffer.deleteBackward()
    #expect(deletedBackward)
    #expect(buffer.text == "hllo" && buffer.cursor == 1)
    let deletedForward = buffer.deleteForward()
    #expect(deletedForward)
    #expect(buffer.text == "hlo" && buffer.cursor == 1)
}

@Test func combiningMarkJoinsTheLetterBeforeIt() {
    var buffer = LineBuffer("e")
    buffer.insert("\u{301}")
    #expect(buffer.characters.count == 1)
    #expect(buffer.cursor == 1)
}

@Test func killsReturnWhatTheyRemove() {
    var buffer = LineBuffer("step forward 3", cursor: 5)
    #expect(buffer.killToEnd() == "forward 3")
    #expect(buffer.text == "step " && buffer.cursor == 5)
    #expect(buffer.killToStart() == "step ")
    #expect(buffer.text == "" && buffer.cursor == 0)
}

@Test(arguments: [
    ("step forward", 12, "step ", 5),
    ("step forward  ", 14, "step ", 5),
    ("step", 4, "", 0),
    ("load net.json", 5, "net.json", 0),
] as [(String, Int, String, Int)])
func controlWDeletesTheWordBeforeTheCursor(text: String, cursor: Int, expected: String, expectedCursor: Int) {
    var buffer = LineBuffer(text, cursor: cursor)
    _ = buffer.deleteWordBackward()
    #expect(buffer.text == expected)
    #expect(buffer.cursor == expectedCursor)
}

@Test func wordMovesStopAtWhitespaceBoundaries() {
    var buffer = LineBuffer("one  two three", cursor: 14)
    buffer.moveWordLeft()
    #expect(buffer.cursor == 9)
    buffer.moveWordLeft()
    #expect(buffer.cursor == 5)
    buffer.moveWordRight()
    #expect(buffer.cursor == 8)
}

// MARK: - EditorState

@Test func typingEditingAndEnterSubmitTheLine() {
    var state = EditorState()
    for key: Key in [.insert("stp"), .left, .insert("e"), .end, .insert(" 2")] {
        _ = state.apply(key)
    }
    #expect(state.apply(.enter) == .submit("step 2"))
}

@Test func historyBrowsingKeepsTheLineBeingTyped() {
    var state = EditorState(history: ["load a", "step"])
    _ = state.apply(.insert("forw"))
    #expect(state.apply(.up) == .redraw)
    #expect(state.buffer.text == "step")
    _ = state.apply(.up)
    #expect(state.buffer.text == "load a")
    #expect(state.apply(.up) == .bell)
    _ = state.apply(.down)
    _ = state.apply(.down)
    #expect(state.buffer.text == "forw")
    #expect(state.buffer.cursor == 4)
    #expect(state.apply(.down) == .bell)
}

@Test func editsToARecalledEntryLastUntilTheLineIsDone() {
    var state = EditorState(history: ["step"])
    _ = state.apply(.up)
    _ = state.apply(.insert(" 5"))
    _ = state.apply(.down)
    _ = state.apply(.up)
    #expect(state.buffer.text == "step 5")
    #expect(state.history == ["step"])
}

@Test func controlDEndsInputOnlyOnAnEmptyLine() {
    var empty = EditorState()
    #expect(empty.apply(.endOfFile) == .endOfInput)
    var typed = EditorState()
    _ = typed.apply(.insert("ab"))
    _ = typed.apply(.home)
    #expect(typed.apply(.endOfFile) == .redraw)
    #expect(typed.buffer.text == "b")
}

@Test func controlCAbandonsTheLine() {
    var state = EditorState()
    _ = state.apply(.insert("half"))
    #expect(state.apply(.interrupt) == .interrupt)
}

@Test func yankPutsBackTheLastKilledText() {
    var state = EditorState()
    _ = state.apply(.insert("step forward"))
    _ = state.apply(.deleteWordBefore)
    _ = state.apply(.home)
    _ = state.apply(.yank)
    #expect(state.buffer.text == "forwardstep ")
}

private let commands = ["load", "lessons", "lesson", "forward", "backward", "step", "next", "help", "quit"]

@Test func singleCandidateIsInsertedWithASpace() {
    var state = EditorState()
    _ = state.apply(.insert("fo"))
    #expect(state.apply(.tab) { _, _ in commands } == .redraw)
    #expect(state.buffer.text == "forward ")
    #expect(state.buffer.cursor == 8)
}

@Test func severalCandidatesCompleteToCommonPrefixThenListOnSecondTab() {
    var state = EditorState()
    _ = state.apply(.insert("le"))
    #expect(state.apply(.tab) { _, _ in commands } == .redraw)
    #expect(state.buffer.text == "lesson")
    #expect(state.apply(.tab) { _, _ in commands } == .list(["lesson", "lessons"]))
    #expect(state.buffer.text == "lesson")
}

@Test func ambiguousWordRingsTheBellThenListsOnSecondTab() {
    var state = EditorState()
    _ = state.apply(.insert("lesson"))
    #expect(state.apply(.tab) { _, _ in commands } == .bell)
    #expect(state.apply(.tab) { _, _ in commands } == .list(["lesson", "lessons"]))
    _ = state.apply(.insert("s"))
    #expect(state.apply(.tab) { _, _ in commands } == .redraw)
    #expect(state.buffer.text == "lessons ")
}

@Test func completionReplacesOnlyTheWordBeforeTheCursor() {
    var state = EditorState()
    _ = state.apply(.insert("help ba 3"))
    for _ in 0..<2 { _ = state.apply(.left) }
    var seen: (String, Int)?
    let effect = state.apply(.tab) { line, cursor in
        seen = (line, cursor)
        return commands
    }
    #expect(effect == .redraw)
    #expect(seen?.0 == "help ba 3" && seen?.1 == 7)
    #expect(state.buffer.text == "help backward 3")
    #expect(state.buffer.cursor == 13)
}

@Test func noCandidateOrNoCompleterRingsTheBell() {
    var state = EditorState()
    _ = state.apply(.insert("zz"))
    #expect(state.apply(.tab) { _, _ in commands } == .bell)
    #expect(state.apply(.tab) == .bell)
}

@Test func listingRunsDownThenAcross() {
    // Widest is 8 ("backward"), so cells are 10 wide; 35 columns fit 3 per row, 9 words → 3 rows;
    // sorted, the first column is backward, forward, help.
    let rows = Completion.listing(commands.sorted(), columns: 35)
    #expect(rows == [
        "backward  lesson    next",
        "forward   lessons   quit",
        "help      load      step",
    ])
}

// MARK: - LineRenderer and widths

@Test func promptWidthIgnoresColourEscapes() {
    #expect(DisplayWidth.ofPrompt("\u{1B}[1;34m(backprop)\u{1B}[0m ") == 11)
    #expect(DisplayWidth.of("漢字") == 4)
}

@Test func shortLineIsDrawnWholeWithCursorAfterPrompt() {
    var renderer = LineRenderer(prompt: "> ")
    // Prompt 2 columns + 2 characters before the cursor: move right 4.
    #expect(renderer.render(LineBuffer("abc", cursor: 2), columns: 80) == "\r> abc\u{1B}[K\r\u{1B}[4C")
}

@Test func longLineScrollsToKeepTheCursorInView() {
    var renderer = LineRenderer(prompt: "> ")
    let text = "0123456789abcdefghij"   // 20 columns, with room for 10 - 2 - 1 = 7
    #expect(renderer.render(LineBuffer(text), columns: 10) == "\r> defghij\u{1B}[K\r\u{1B}[9C")
    // Moving left inside the window does not scroll.
    #expect(renderer.render(LineBuffer(text, cursor: 15), columns: 10) == "\r> defghij\u{1B}[K\r\u{1B}[4C")
    // Home scrolls back to the start.
    #expect(renderer.render(LineBuffer(text, cursor: 0), columns: 10) == "\r> 0123456\u{1B}[K\r\u{1B}[2C")
}

@Test func aVeryLongLineScrollsToTheCursorAndShowsItsEnd() {
    // Longer than typing can make, as a history file can hold: drawn in time linear in its length.
    var renderer = LineRenderer(prompt: "> ")
    let text = String(repeating: "0123456789", count: 20_000) + "END"
    #expect(renderer.render(LineBuffer(text), columns: 10) == "\r> 6789END\u{1B}[K\r\u{1B}[9C")
    #expect(renderer.render(LineBuffer(text, cursor: 0), columns: 10) == "\r> 0123456\u{1B}[K\r\u{1B}[2C")
}

@Test func insertingStopsAtTheMaximumLineLength() {
    var buffer = LineBuffer(String(repeating: "x", count: LineBuffer.maximumLength - 4))
    let complete = buffer.insert("abcdefgh")
    #expect(!complete)
    #expect(buffer.characters.count == LineBuffer.maximumLength)
    #expect(buffer.text.hasSuffix("xabcd"))
    var state = EditorState()
    // Ctrl-U then Ctrl-Y again and again doubles nothing past the limit: the full line rings the bell.
    _ = state.apply(.insert(String(repeating: "y", count: 40_000)))
    _ = state.apply(.killToStart)
    #expect(state.apply(.yank) == .redraw)
    #expect(state.apply(.yank) == .redraw)
    #expect(state.buffer.characters.count == LineBuffer.maximumLength)
    #expect(state.apply(.yank) == .bell)
    #expect(state.apply(.insert("z")) == .bell)
}

// MARK: - History and colour

@Test func historySkipsBlanksAndRepeatsAndKeepsTheNewest() {
    var history = History(limit: 3)
    let added = [history.add("a"), history.add("a"), history.add("   ")]
    #expect(added == [true, false, false])
    for line in ["b", "c", "d"] { history.add(line) }
    #expect(history.entries == ["b", "c", "d"])
    #expect(History(text: history.text, limit: 2).entries == ["c", "d"])
    #expect(History(text: "x\r\n\ny\n", limit: 10).entries == ["x", "y"])
    #expect(History(text: "a\u{1B}[2Jb\nok\n", limit: 10).entries == ["ok"])
}

@Test(arguments: [
    (true, ["TERM": "xterm-256color"], false, true),
    (false, ["TERM": "xterm-256color"], false, false),
    (true, ["TERM": "dumb"], false, false),
    (true, ["TERM": "xterm", "NO_COLOR": "1"], false, false),
    (true, ["TERM": "xterm", "NO_COLOR": ""], false, true),
    (true, ["TERM": "xterm"], true, false),
] as [(Bool, [String: String], Bool, Bool)])
func colourOnlyOnATerminalThatWantsIt(tty: Bool, environment: [String: String], flag: Bool, expected: Bool) {
    #expect(ColorPolicy(stdoutIsTerminal: tty, environment: environment, noColorFlag: flag).isEnabled == expected)
}
