import Scheduling
import Testing
import Timekeeping

// Instants are written as ISO 8601 so each expectation can be checked by reading it.

private func at(_ text: String) -> UnixTime {
    guard let time = ISO8601.parse(text) else { fatalError("bad test time \(text)") }
    return time
}

private func fixed(_ offset: Int64) -> (UnixTime) -> Int64 {
    { _ in offset }
}

/// Central European time for 2024: +01:00, +02:00 from 31 March 01:00Z to 27 October 01:00Z.
private func berlin(_ time: UnixTime) -> Int64 {
    time >= at("2024-03-31T01:00:00Z") && time < at("2024-10-27T01:00:00Z") ? 2 * Seconds.hour : Seconds.hour
}

/// A zone that skips local midnight: at 2024-09-08 00:00 local (-04:00) clocks jump to 01:00
/// (-03:00), as Chile's used to.
private func skipsMidnight(_ time: UnixTime) -> Int64 {
    time < at("2024-09-08T04:00:00Z") ? -4 * Seconds.hour : -3 * Seconds.hour
}

/// A zone that repeats 01:00-02:00: at 2024-10-27 02:00 local (+02:00) clocks go back to
/// 01:00 (+01:00).
private func repeatsOneAM(_ time: UnixTime) -> Int64 {
    time < at("2024-10-27T00:00:00Z") ? 2 * Seconds.hour : Seconds.hour
}

@Suite("Study day")
struct StudyDayTests {
    @Test func startsExactlyAtTheRollover() {
        let now = at("2024-03-10T04:00:00Z")
        let day = StudyDay.containing(now, rolloverHour: 4, utcOffset: fixed(0))
        #expect(day.start == now)
        #expect(day.end == at("2024-03-11T04:00:00Z"))
        #expect(day.date == CivilDate(year: 2024, month: 3, day: 10))
    }

    @Test func oneSecondBeforeTheRolloverIsYesterday() {
        let now = at("2024-03-10T03:59:59Z")
        let day = StudyDay.containing(now, rolloverHour: 4, utcOffset: fixed(0))
        #expect(day.date == CivilDate(year: 2024, month: 3, day: 9))
        #expect(day.start == at("2024-03-09T04:00:00Z"))
        #expect(day.end == now + 1)
    }

    @Test func lateNightCountsAsTheSameDay() {
        let evening = StudyDay.containing(at("2024-03-10T23:30:00Z"), utcOffset: fixed(0))
        let smallHours = StudyDay.containing(at("2024-03-11T02:30:00Z"), utcOffset: fixed(0))
        #expect(evening == smallHours)
        #expect(StudyDay.defaultRolloverHour == 4)
    }

    @Test func rolloverAtMidnight() {
        let midnight = StudyDay.containing(at("2024-03-10T00:00:00Z"), rolloverHour: 0, utcOffset: fixed(0))
        #expect(midnight.date == CivilDate(year: 2024, month: 3, day: 10))
        #expect(midnight.start == at("2024-03-10T00:00:00Z"))
        let justBefore = StudyDay.containing(at("2024-03-09T23:59:59Z"), rolloverHour: 0, utcOffset: fixed(0))
        #expect(justBefore.date == CivilDate(year: 2024, month: 3, day: 9))
    }

    @Test func positiveOffset() {
        // 04:00 in Tokyo (+09:00) is 19:00Z the day before.
        let tokyo = fixed(9 * Seconds.hour)
        let day = StudyDay.containing(at("2024-03-09T19:00:00Z"), utcOffset: tokyo)
        #expect(day.date == CivilDate(year: 2024, month: 3, day: 10))
        #expect(day.start == at("2024-03-10T04:00:00+09:00"))
        #expect(StudyDay.containing(at("2024-03-09T18:59:59Z"), utcOffset: tokyo).date == CivilDate(year: 2024, month: 3, day: 9))
    }

    @Test func negativeOffset() {
        // 04:00 in New York winter (-05:00) is 09:00Z.
        let newYork = fixed(-5 * Seconds.hour)
        let day = StudyDay.containing(at("2024-01-15T08:59:59Z"), utcOffset: newYork)
        #expect(day.date == CivilDate(year: 2024, month: 1, day: 14))
        #expect(day.end == at("2024-01-15T09:00:00Z"))
        #expect(StudyDay.bounds(containing: at("2024-01-15T09:00:00Z"), utcOffset: newYork)
            == (at("2024-01-15T04:00:00-05:00"), at("2024-01-16T04:00:00-05:00")))
    }

    @Test func springForwardDayHas23Hours() {
        let day = StudyDay.containing(at("2024-03-30T12:00:00Z"), utcOffset: berlin)
        #expect(day.start == at("2024-03-30T04:00:00+01:00"))
        #expect(day.end == at("2024-03-31T04:00:00+02:00"))
        #expect(day.end - day.start == 23 * Seconds.hour)
    }

    @Test func fallBackDayHas25Hours() {
        let day = StudyDay.containing(at("2024-10-26T12:00:00Z"), utcOffset: berlin)
        #expect(day.start == at("2024-10-26T04:00:00+02:00"))
        #expect(day.end == at("2024-10-27T04:00:00+01:00"))
        #expect(day.end - day.start == 25 * Seconds.hour)
    }

    @Test func rolloverInASkippedHourStartsAtTheSwitch() {
        let switchInstant = at("2024-09-08T04:00:00Z")
        let day = StudyDay.containing(switchInstant, rolloverHour: 0, utcOffset: skipsMidnight)
        #expect(day.date == CivilDate(year: 2024, month: 9, day: 8))
        #expect(day.start == switchInstant)
        #expect(day.end == at("2024-09-09T00:00:00-03:00"))
        let before = StudyDay.containing(switchInstant - 1, rolloverHour: 0, utcOffset: skipsMidnight)
        #expect(before.date == CivilDate(year: 2024, month: 9, day: 7))
        #expect(before.end == switchInstant)
        #expect(before.end - before.start == 24 * Seconds.hour)
        #expect(day.end - day.start == 23 * Seconds.hour)
    }

    @Test func rolloverInARepeatedHourStartsAtTheFirstOccurrence() {
        let first = at("2024-10-27T01:00:00+02:00")
        let day = StudyDay.containing(first, rolloverHour: 1, utcOffset: repeatsOneAM)
        #expect(day.date == CivilDate(year: 2024, month: 10, day: 27))
        #expect(day.start == first)
        // 01:30 the second time round still belongs to the day that began at the first 01:00.
        let second = StudyDay.containing(at("2024-10-27T01:30:00+01:00"), rolloverHour: 1, utcOffset: repeatsOneAM)
        #expect(second == day)
        #expect(StudyDay.containing(first - 1, rolloverHour: 1, utcOffset: repeatsOneAM).date == CivilDate(year: 2024, month: 10, day: 26))
    }

    @Test("days tile time without gaps or overlaps, numbered consecutively",
          arguments: [0, 1, 2, 3, 4, 12, 23])
    func daysTileTime(rolloverHour: Int) {
        let zones: [(UnixTime) -> Int64] = [berlin, skipsMidnight, repeatsOneAM, fixed(-12 * Seconds.hour), fixed(14 * Seconds.hour)]
        for zone in zones {
            for start in [at("2024-03-28T00:00:00Z"), at("2024-09-05T00:00:00Z"), at("2024-10-24T00:00:00Z")] {
                var day = StudyDay.containing(start, rolloverHour: rolloverHour, utcOffset: zone)
                for _ in 0..<6 {
                    #expect(day.start < day.end)
                    #expect((23 * Seconds.hour...25 * Seconds.hour).contains(day.end - day.start))
                    #expect(StudyDay.containing(day.end - 1, rolloverHour: rolloverHour, utcOffset: zone) == day)
                    let next = StudyDay.containing(day.end, rolloverHour: rolloverHour, utcOffset: zone)
                    #expect(next.start == day.end)
                    #expect(next.number == day.number + 1)
                    day = next
                }
            }
        }
    }

    @Test func dayNumberIsTheLocalDate() {
        let day = StudyDay.containing(at("2024-03-10T12:00:00Z"), utcOffset: fixed(0))
        #expect(day.number == CivilDate(year: 2024, month: 3, day: 10).daysSinceEpoch)
        #expect(StudyDay.start(ofDay: day.number, utcOffset: fixed(0)) == day.start)
    }
}
