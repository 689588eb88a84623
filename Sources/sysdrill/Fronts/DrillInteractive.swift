import Store
import Study
import Review
import Practice
import Progress
import Terminal

/// The drill in a terminal: a live timer with a bell and a message at each phase
/// boundary, the statement and the checklist, an inline calculator in the estimates
/// phase, the probes one at a time in the deep dive (p next, w a note), then scoring with
/// the anchors on screen (b takes a score back; the last one waits for Enter, so any score
/// can be corrected before the total), the reference outline to mark, and the pitfalls.
/// `w` keeps a note for the phase (for the probe on screen in the deep dive). A schedule
/// warning stays on screen until the phase it came in ends.
/// `DrillSession` saves after every phase and score; Ctrl-C or q saves the time spent
/// in the current phase too, and the next `sysdrill drill NAME` offers to resume.
struct DrillInteractive {
    enum Ending {
        case finished, stopped, interrupted
    }

    /// Exercises to choose from when no NAME was given (empty: `chosen` is set).
    let exercises: [DrillExercise]
    let chosen: DrillExercise?
    /// The exercise the menu starts on: the most overdue (`DrillSchedule.suggestion`).
    let suggested: DrillExercise?
    /// Numbers of the exercises due now, marked in the menu.
    let due: Set<Int>
    let style: Style
    /// The saved in-progress drill of an exercise, if any.
    let inProgress: (DrillExercise) throws -> DrillResultRecord?
    /// Starts the drill, resuming the saved one or not.
    let start: (DrillExercise, DrillResultRecord?) throws -> DrillSession
    /// Marks a saved drill abandoned when the user starts over.
    let abandon: (DrillResultRecord) throws -> Void
    let calculate: (String) -> CalculatorLine

    /// The session the run ended with (nil when the user quit from the menu).
    func run() throws -> (ending: Ending, session: DrillSession?) {
        let terminal = try TerminalSession()
        defer { terminal.restore() }
        let reader = KeyReader(fileDescriptor: terminal.inputFileDescriptor)
        let bell = StreamWriter(fileDescriptor: terminal.outputFileDescriptor)
        var screen = DrillScreen()
        var session: DrillSession?
        var pendingExercise: DrillExercise?
        var saved: DrillResultRecord?

        func begin(_ exercise: DrillExercise, resume: DrillResultRecord?) throws {
            let started = try start(exercise, resume)
            session = started
            screen.name = exercise.name
            screen.plan = started.plan
            screen.phaseIndex = started.phaseIndex
            screen.scores = started.record.phaseScores
            screen.elapsed = started.elapsedSeconds
            screen.stage = started.isScoring ? .scoring : .phase
            screen.checked = []
            screen.rubric = exercise.rubric
            showProbe(started)
            screen.statementShown = started.phaseIndex < 2
            if started.resumed { screen.message = DrillReport.resumeText(started) }
        }

        /// The probe waiting in the deep dive, on screen.
        func showProbe(_ session: DrillSession) {
            screen.probe = session.currentProbe.map { ($0.number, session.probes.count, $0.probe.text) }
        }

        /// After the last score: the reference to mark, else the end.
        func afterScoring(_ session: DrillSession) {
            screen.total = session.record.total
            screen.stage = session.awaitingCoverage ? .reference : .done
        }

        func choose(_ exercise: DrillExercise) throws {
            screen.name = exercise.name
            if let existing = try inProgress(exercise) {
                pendingExercise = exercise
                saved = existing
                let phase = existing.phase < DrillPart.timed.count ? DrillPart.timed[existing.phase].phrase : "scoring"
                screen.stage = .resume("A \(existing.minutes)-minute drill of \(exercise.name) is saved at \(phase) with \(DrillPlan.clockText(existing.elapsedSeconds)) used. Resume it?")
            } else {
                try begin(exercise, resume: nil)
            }
        }

        if let chosen {
            try choose(chosen)
        } else {
            screen.exercises = exercises
            screen.due = due
            screen.selected = suggested.flatMap { wanted in exercises.firstIndex { $0.number == wanted.number } } ?? 0
            screen.stage = .menu
        }

        var needsDraw = true
        var shownSecond: Int64 = -1
        while true {
            if terminal.takeResizeFlag() { needsDraw = true }
            if let session, screen.stage == .phase {
                let elapsed = session.elapsedSeconds
                if elapsed != shownSecond {
                    shownSecond = elapsed
                    screen.elapsed = elapsed
                    needsDraw = true
                }
                let warnings = session.takeWarnings()
                if let last = warnings.last {
                    bell.write("\u{07}")
                    screen.warning = ("⏰ " + last.text, session.phaseIndex)
                    needsDraw = true
                }
            }
            if needsDraw {
                terminal.draw(screen, style: style)
                needsDraw = false
            }
            guard let key = try reader.nextKey(timeoutMilliseconds: 250) else { continue }
            needsDraw = true
            if key == .interrupt {
                try session?.save()
                return (.interrupted, session)
            }
            switch screen.stage {
            case .menu:
                switch key {
                case .up: screen.selected = max(0, screen.selected - 1)
                case .down: screen.selected = min(exercises.count - 1, screen.selected + 1)
                case .enter: try choose(exercises[screen.selected])
                case .character(let character) where character.isNumber:
                    if let number = character.wholeNumberValue, let exercise = exercises.first(where: { $0.number == number }) {
                        try choose(exercise)
                    }
                case .character("q"), .escape, .endOfInput: return (.stopped, nil)
                default: needsDraw = false
                }
            case .resume:
                guard let exercise = pendingExercise else { return (.stopped, nil) }
                switch key {
                case .character("y"), .character("Y"), .enter: try begin(exercise, resume: saved)
                case .character("n"), .character("N"):
                    if let saved { try abandon(saved) }
                    try begin(exercise, resume: nil)
                case .character("q"), .escape, .endOfInput: return (.stopped, nil)
                default: needsDraw = false
                }
            case .phase:
                guard let session else { return (.stopped, nil) }
                if screen.calculatorOpen {
                    switch key {
                    case .escape: screen.calculatorOpen = false
                    case .endOfInput: screen.calculatorOpen = false
                    default:
                        if case .submitted(let text) = screen.input.handle(key), !text.isEmpty {
                            screen.calculatorLines.append(calculate(text).text)
                        }
                    }
                    continue
                }
                if screen.noteOpen {
                    switch key {
                    case .escape, .endOfInput: screen.noteOpen = false
                    default:
                        if case .submitted(let text) = screen.input.handle(key) {
                            if session.currentProbe != nil {
                                try session.answerProbe(text, endingPhase: false)
                                showProbe(session)
                            } else if !text.trimmingCharacters(in: " ").isEmpty, let phase = session.currentPhase {
                                try session.addNote(text)
                                screen.message = "note kept for \(phase.part.phrase)"
                            }
                            screen.noteOpen = false
                        }
                    }
                    continue
                }
                switch key {
                case .enter, .character("n"), .character(" "):
                    try session.finishPhase()
                    screen.phaseIndex = session.phaseIndex
                    screen.checked = []
                    screen.calculatorLines = []
                    screen.statementShown = session.phaseIndex < 2
                    showProbe(session)
                    if session.isScoring { screen.stage = .scoring }
                case .character("c") where session.currentPhase?.part == .estimates:
                    screen.calculatorOpen = true
                case .character("p") where session.currentProbe != nil:
                    try session.answerProbe("", endingPhase: false)
                    showProbe(session)
                case .character("w"):
                    screen.input.text = ""
                    screen.noteOpen = true
                case .character("s") where screen.rubric?.statement.isEmpty == false:
                    screen.statementShown.toggle()
                case .character(let character) where character.isNumber:
                    if let digit = character.wholeNumberValue, digit >= 1 {
                        if screen.checked.contains(digit - 1) { screen.checked.remove(digit - 1) } else { screen.checked.insert(digit - 1) }
                    }
                case .character("q"), .escape, .endOfInput:
                    try session.save()
                    return (.stopped, session)
                default:
                    needsDraw = false
                }
            case .scoring:
                guard let session else { return (.stopped, nil) }
                switch key {
                case .character(let character) where character.wholeNumberValue.map(DrillScoring.scale.contains) == true:
                    guard !session.allScored else {
                        screen.message = "all parts are scored: Enter saves them, b changes the last"
                        continue
                    }
                    // The last score waits for Enter, so it can be corrected too.
                    try session.score(character.wholeNumberValue!, finishing: false)
                    screen.message = nil
                    screen.scores = session.record.phaseScores
                case .character("b"), .backspace:
                    if try session.unscore() {
                        screen.scores = session.record.phaseScores
                        screen.message = "score it again: \(DrillScoring.parts[screen.scores.count].title)"
                    } else {
                        screen.message = "no score to take back"
                    }
                case .enter where session.allScored:
                    try session.finishScoring()
                    screen.message = nil
                    afterScoring(session)
                case .character("q"), .escape, .endOfInput:
                    try session.save()
                    return (.stopped, session)
                case .character:
                    screen.message = "scores are 0, 1, 2 or 3"
                default:
                    needsDraw = false
                }
            case .reference:
                guard let session else { return (.stopped, nil) }
                let count = session.reference.count
                switch key {
                case .up: screen.referenceCursor = max(0, screen.referenceCursor - 1)
                case .down: screen.referenceCursor = min(count - 1, screen.referenceCursor + 1)
                case .character(" "): screen.covered.formSymmetricDifference([screen.referenceCursor])
                case .character(let character) where character.wholeNumberValue.map { (1...min(9, count)).contains($0) } == true:
                    screen.covered.formSymmetricDifference([character.wholeNumberValue! - 1])
                case .enter:
                    try session.cover(Set(screen.covered.map { $0 + 1 }))
                    screen.coverageLine = DrillReport.coverageText(session).trimmingCharacters(in: "\n")
                    screen.stage = .done
                case .character("q"), .escape, .endOfInput:
                    screen.stage = .done
                default:
                    needsDraw = false
                }
            case .done:
                return (.finished, session)
            }
        }
    }
}
