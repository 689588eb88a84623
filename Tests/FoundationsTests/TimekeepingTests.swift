import Testing
import Timekeeping

@Suite struct TimekeepingTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2026-11-25T09:00:00Z", 1_795_597_200),
        ("2026-11-25T10:00:00+01:00", 1_795_597_200),
        ("2026-11-25T04:00:00-05:00", 1_795_597_200),
        ("2026-11-25 09:00:00Z", 1_795_597_200),
        ("2026-11-25T09:00:00.999Z", 1_795_597_200),
        ("2026-11-25T09:00Z", 1_795_597_200),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("1969-12-31T23:59:59Z", -1),
        ("2026-11-25", 1_795_564_800),
    ])
    func parsesISO8601(text: String, expected: Int64) {
        #expect(ISO8601.parse(text) == expected)
    }

    @Test(arguments: ["", "yesterday", "2026-02-30T00:00:00Z", "2026-11-25T09:00:00", "2026-11-25T24:00:00Z",
                      "2026-13-01T00:00:00Z", "2026-11-25T09:00:00Zjunk", "20261125T090000Z"])
    func refusesOtherText(text: String) {
        #expect(ISO8601.parse(text) == nil)
    }

    @Test func formatsUTCAndOffsets() {
        #expect(ISO8601.format(1_795_597_200) == "2026-11-25T09:00:00Z")
        #expect(ISO8601.format(-1) == "1969-12-31T23:59:59Z")
        #expect(ISO8601.format(1_795_597_200, utcOffset: 3600) == "2026-11-25T10:00:00+01:00")
        #expect(ISO8601.format(1_795_597_200, utcOffset: -34_200) == "2026-11-24T23:30:00-09:30")
    }

    @Test func civilDatesRoundTripOverFourCenturies() {
        var day: Int64 = -146_097
        while day < 146_097 * 2 {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(date.isValid)
            #expect(date.daysSinceEpoch == day)
            day += 37
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).weekday == 4)  // Thursday
        #expect(CivilDate(year: 2026, month: 11, day: 25).weekday == 3)  // Wednesday
        #expect(!CivilDate(year: 2100, month: 2, day: 29).isValid)
        #expect(CivilDate(year: 2000, month: 2, day: 29).isValid)
    }
}
