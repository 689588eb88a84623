import Scheduling
import Testing
import Timekeeping

// Whole-day intervals around DST switches (issue 17, defect 7). The zones are written out
// from their published rules for 2025-2027, so the tests need no time-zone database:
// New York switches at 02:00 local (second Sunday of March, first Sunday of November),
// London at 01:00 UTC (last Sundays of March and October).

private func at(_ text: String) -> UnixTime {
    guard let time = ISO8601.parse(text) else { fatalError("bad test time \(text)") }
    return time
}

private let newYorkSummers: [(UnixTime, UnixTime)] = [
    (at("2025-03-09T07:00:00Z"), at("2025-11-02T06:00:00Z")),
    (at("2026-03-08T07:00:00Z"), at("2026-11-01T06:00:00Z")),
    (at("2027-03-14T07:00:00Z"), at("2027-11-07T06:00:00Z")),
]

private let londonSummers: [(UnixTime, UnixTime)] = [
    (at("2025-03-30T01:00:00Z"), at("2025-10-26T01:00:00Z")),
    (at("2026-03-29T01:00:00Z"), at("2026-10-25T01:00:00Z")),
    (at("2027-03-28T01:00:00Z"), at("2027-10-31T01:00:00Z")),
]

@Sendable private func newYork(_ time: UnixTime) -> Int64 {
    newYorkSummers.contains { $0.0 <= time && time < $0.1 } ? -4 * Seconds.hour : -5 * Seconds.hour
}

@Sendable private func london(_ time: UnixTime) -> Int64 {
    londonSummers.contains { $0.0 <= time && time < $0.1 } ? Seconds.hour : 0
}

/// Clocks jump from 00:00 to 01:00 local on 2024-09-08 (as Chile's did): midnight is skipped.
@Sendable private func skipsMidnight(_ time: UnixTime) -> Int64 {
    time < at("2024-09-08T04:00:00Z") ? -4 * Seconds.hour : -3 * Seconds.hour
}

private let zones: [(name: String, offset: @Sendable (UnixTime) -> Int64, switches: [UnixTime])] = [
    ("America/New_York", newYork, [at("2026-03-08T07:00:00Z"), at("2026-11-01T06:00:00Z")]),
    ("Europe/London", london, [at("2026-03-29T01:00:00Z"), at("2026-10-25T01:00:00Z")]),
    ("skips midnight", skipsMidnight, [at("2024-09-08T04:00:00Z")]),
]

private func studyDay(_ time: UnixTime, _ calendar: DueCalendar) -> Int64 {
    StudyDay.containing(time, rolloverHour: calendar.rolloverHour, utcOffset: calendar.utcOffset).number
}

@Suite("Due dates in local days")
struct DueCalendarTests {
    @Test func goodNextInOneDayBeforeFallBackIsDueTheNextStudyDay() {
        // The case: answered 04:30 on 2026-10-31 in New York, rollover 04:00. The
        // night has 25 hours, so 86,400 s later is 03:30, still study day October 31.
        let calendar = DueCalendar(rolloverHour: 4, utcOffset: newYork)
        let answered = at("2026-10-31T04:30:00-04:00")
        let due = calendar.adding(days: 1, to: answered)
        #expect(due == at("2026-11-01T04:30:00-05:00"))
        #expect(studyDay(due, calendar) == studyDay(answered, calendar) + 1)
        #expect(studyDay(answered + Seconds.day, calendar) == studyDay(answered, calendar))  // the old rule's failure
    }

    @Test func aCardDoesNotSkipAStudyDayAtSpringForward() {
        // 03:30 on 2026-03-07 is study day March 6 (rollover 04:00); the next night has 23
        // hours, so 86,400 s later is 04:30 on March 8: study day March 8, March 7 skipped.
        let calendar = DueCalendar(rolloverHour: 4, utcOffset: newYork)
        let answered = at("2026-03-07T03:30:00-05:00")
        let due = calendar.adding(days: 1, to: answered)
        #expect(due == at("2026-03-08T03:30:00-04:00"))
        #expect(studyDay(due, calendar) == studyDay(answered, calendar) + 1)
        #expect(studyDay(answered + Seconds.day, calendar) == studyDay(answered, calendar) + 2)  // the old rule's failure
    }

    @Test func londonKeepsTheWallClockAcrossBothSwitches() {
        let calendar = DueCalendar(rolloverHour: 4, utcOffset: london)
        #expect(calendar.adding(days: 1, to: at("2026-03-28T09:00:00Z")) == at("2026-03-29T09:00:00+01:00"))
        #expect(calendar.adding(days: 1, to: at("2026-10-24T09:00:00+01:00")) == at("2026-10-25T09:00:00Z"))
        #expect(calendar.adding(days: 200, to: at("2026-03-01T12:00:00Z")) == at("2026-09-17T12:00:00+01:00"))
    }

    @Test func aTimeInTheSkippedHourMovesToTheSwitchButStaysInItsStudyDay() {
        // Rollover 03:00 in New York: 02:30 on March 7 is study day March 6; 02:30 on
        // March 8 does not exist and the first instant after it (03:00, the switch) already
        // begins study day March 8, so the due time stays at the end of study day March 7.
        let calendar = DueCalendar(rolloverHour: 3, utcOffset: newYork)
        let answered = at("2026-03-07T02:30:00-05:00")
        let due = calendar.adding(days: 1, to: answered)
        #expect(studyDay(due, calendar) == studyDay(answered, calendar) + 1)
        #expect(due == at("2026-03-08T07:00:00Z") - 1)
        // Rollover 04:00: the switch itself is still study day March 7, so it is the due time.
        let four = DueCalendar(rolloverHour: 4, utcOffset: newYork)
        #expect(four.adding(days: 1, to: answered) == at("2026-03-08T07:00:00Z"))
    }

    @Test("every whole-day interval lands N study days later, for every rollover hour",
          arguments: Array(StudyDay.rolloverHours))
    func landsOnTheRightStudyDay(rolloverHour: Int) {
        for zone in zones {
            let calendar = DueCalendar(rolloverHour: rolloverHour, utcOffset: zone.offset)
            for switchInstant in zone.switches {
                // Answers every 10 minutes from three days before the switch to a day after,
                // so intervals of 1-3 days start on both sides and end on both sides.
                for answered in stride(from: switchInstant - 3 * Seconds.day, through: switchInstant + Seconds.day, by: 600) {
                    for days in [1, 2, 3, 30] {
                        let due = calendar.adding(days: days, to: answered)
                        #expect(studyDay(due, calendar) == studyDay(answered, calendar) + Int64(days),
                                "\(zone.name) rollover \(rolloverHour): \(ISO8601.format(answered)) + \(days)d -> \(ISO8601.format(due))")
                        // The local clock reads the same, give or take the hour that changed.
                        // (Not monotonic in the answer time: an answer in the second pass
                        // of a repeated hour reads an earlier clock than one in the first.)
                        let wallShift = (due + zone.offset(due)) - (answered + zone.offset(answered)) - Int64(days) * Seconds.day
                        #expect(abs(wallShift) <= Seconds.hour)
                    }
                }
            }
        }
    }

    @Test func withoutSwitchesItIsExactlyNTimes86400Seconds() {
        var random = UInt64(0x5EED)
        for offset in [0, 9 * Seconds.hour, -(3 * Seconds.hour + 1800), 14 * Seconds.hour] {
            for rolloverHour in [0, 4, 23] {
                let calendar = DueCalendar(rolloverHour: rolloverHour, utcOffset: { _ in offset })
                for _ in 0..<500 {
                    random = random &* 6364136223846793005 &+ 1442695040888963407
                    let time = Int64(random >> 34)  // 1970 to 2514
                    let days = Int(random % 400) + 1
                    #expect(calendar.adding(days: days, to: time) == time + Int64(days) * Seconds.day)
                }
            }
        }
        #expect(DueCalendar.utc.adding(days: 3, to: at("2026-03-08T01:00:00Z")) == at("2026-03-11T01:00:00Z"))
    }

    @Test func absurdTimesSaturateInsteadOfTrapping() {
        let calendar = DueCalendar(rolloverHour: 4, utcOffset: newYork)
        #expect(calendar.adding(days: 10, to: .max - 5) == .max)
        #expect(calendar.adding(days: Int.max, to: 0) == .max)
        #expect(calendar.elapsedDays(from: 0, to: Int64(1) << 50) == (Int64(1) << 50) / Seconds.day)
    }

    @Test func elapsedDaysCountTheLocalClock() {
        let calendar = DueCalendar(rolloverHour: 4, utcOffset: newYork)
        // 23 hours of clock time, one day on the wall clock.
        #expect(calendar.elapsedDays(from: at("2026-03-07T04:30:00-05:00"), to: at("2026-03-08T04:30:00-04:00")) == 1)
        #expect(calendar.elapsedDays(from: at("2026-10-31T04:30:00-04:00"), to: at("2026-11-01T04:00:00-05:00")) == 0)
        #expect(DueCalendar.utc.elapsedDays(from: 0, to: 2 * Seconds.day - 1) == 1)
    }

    @Test func schedulersCountWholeDaysInTheirCalendar() {
        let calendar = DueCalendar(rolloverHour: 4, utcOffset: newYork)
        let answered = at("2026-10-31T04:30:00-04:00")
        let sm2 = SM2Scheduler(fuzz: false, calendar: calendar)
            .next(.new, review: ReviewEvent(at: answered, quality: Quality(rawValue: 4)!), fuzzSeed: 0)
        #expect(sm2.due == at("2026-11-01T04:30:00-05:00"))
        let fsrs = FSRSScheduler(parameters: .defaults, fuzz: false, calendar: calendar)
        let settings = SchedulerSettings(kind: .fsrs, fuzz: false)
        var state = CardState.new
        for (index, time) in [answered, answered + 60, answered + 660].enumerated() {
            state = fsrs.next(state, review: ReviewEvent(at: time, quality: Quality(rawValue: 4)!), fuzzSeed: UInt64(index))
        }
        #expect(state.phase == .review)
        #expect(state.due == calendar.adding(days: state.intervalDays, to: answered + 660))
        #expect(studyDay(state.due, calendar) == studyDay(answered, calendar) + Int64(state.intervalDays))
        #expect(settings.makeScheduler(calendar: calendar).next(.new, review: ReviewEvent(at: answered, quality: Quality(rawValue: 5)!), fuzzSeed: 0).due
                == fsrs.next(.new, review: ReviewEvent(at: answered, quality: Quality(rawValue: 5)!), fuzzSeed: 0).due)
    }
}
