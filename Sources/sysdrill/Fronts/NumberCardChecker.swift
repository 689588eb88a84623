import Practice
import Review

/// The review's checker for number cards: Practice's estimate grading, handed to the
/// review fronts (the Review module grades nothing itself).
enum NumberCardChecker {
    static let check: TypedCardChecker = { card, text in
        do throws(EstimateGrader.Failure) {
            guard let answer = try NumberAnswer.grade(text, card: card) else {
                return .unreadable("this card has no value to compare with")
            }
            return .graded(lines: answer.lines, proposed: answer.proposed, fields: answer.fields)
        } catch {
            switch error {
            case .unreadable(let reason): return .unreadable(reason)
            }
        }
    }
}
