import TextMatching

// Resolves a word of the input to a unit, or explains why it cannot: an ambiguous
// spelling (`mb`), a magnitude that lost its number (`M` with a space before it), or a
// typo with the closest known name (`dya` -> `day`).

enum UnitLookup {
    case unit(UnitDefinition)
    case ambiguous(message: String, suggestion: String?)
    case unknown(suggestion: String?)
}

enum UnitCatalog {
    private static let exact: [String: UnitDefinition] = {
        var table: [String: UnitDefinition] = [:]
        for unit in UnitTable.all {
            for spelling in unit.spellings where table[spelling] == nil { table[spelling] = unit }
        }
        return table
    }()

    private static let caseless: [String: UnitDefinition] = {
        var table: [String: UnitDefinition] = [:]
        for unit in UnitTable.all {
            for word in unit.words where table[word.lowercased()] == nil { table[word.lowercased()] = unit }
        }
        return table
    }()

    /// Every accepted spelling, most common first (ties in suggestions go to the earlier).
    static let spellings: [String] = {
        var seen = Set<String>()
        var result: [String] = []
        for unit in UnitTable.all {
            for name in unit.spellings + unit.words where seen.insert(name).inserted { result.append(name) }
        }
        return result
    }()

    /// Spellings that are refused on purpose, with what to write instead.
    static let ambiguities: [String: (message: String, suggestion: String?)] = [
        "mb": ("'mb' is ambiguous: write 'MB' for megabytes or 'Mb' for megabits (a millibit is never what is meant)", "MB"),
        "kb": ("'kb' is ambiguous: write 'KB' for kilobytes or 'Kb' for kilobits", "KB"),
        "gb": ("'gb' is ambiguous: write 'GB' for gigabytes or 'Gb' for gigabits", "GB"),
        "tb": ("'tb' is ambiguous: write 'TB' for terabytes or 'Tb' for terabits", "TB"),
        "pb": ("'pb' is ambiguous: write 'PB' for petabytes or 'Pb' for petabits", "PB"),
        "eb": ("'eb' is ambiguous: write 'EB' for exabytes or 'Eb' for exabits", "EB"),
        "mbps": ("'mbps' is ambiguous: write 'Mbps' for megabits per second or 'MB/s' for megabytes per second", "Mbps"),
        "mBps": ("'mBps' is ambiguous: write 'MB/s' for megabytes per second or 'Mbps' for megabits per second", "MB/s"),
        "m": ("'m' is ambiguous: write 'min' for minutes or 'month' for months (and '10M', no space, for 10 million)", "min"),
        "k": ("'k' must touch its number: write '10k' for ten thousand, or 'thousand'", nil),
        "K": ("'K' must touch its number: write '10K' for ten thousand, 'KB' for kilobytes or 'Kb' for kilobits", nil),
        "M": ("'M' must touch its number: write '10M' for ten million, 'MB' for megabytes or 'Mb' for megabits", nil),
        "T": ("'T' must touch its number: write '5T' for five trillion, 'TB' for terabytes or 'Tb' for terabits", nil),
        "G": ("'G' alone is not a unit: write 'GB' for gigabytes or 'Gb' for gigabits", "GB"),
        "bn": ("write 'B' touching the number ('1.5B') or 'billion' for billions", "billion"),
    ]

    static func lookup(_ word: String) -> UnitLookup {
        if let unit = exact[word] { return .unit(unit) }
        if let ambiguity = ambiguities[word] { return .ambiguous(message: ambiguity.message, suggestion: ambiguity.suggestion) }
        if word.unicodeScalars.count >= 3, let unit = caseless[word.lowercased()] { return .unit(unit) }
        return .unknown(suggestion: suggestion(for: word))
    }

    /// The plural of a singular unit word (`day` -> `days`, `hour` -> `hours`,
    /// `query` -> `queries`), nil for symbols and words that are plural already.
    static func plural(of word: String) -> String? {
        guard case .unit(let unit) = lookup(word) else { return nil }
        if word == unit.symbol || word == unit.label {
            return unit.plural.flatMap { $0 == word ? nil : $0 }
        }
        let names = unit.spellings + unit.words
        for candidate in [word + "s", word.hasSuffix("y") ? String(word.dropLast()) + "ies" : ""] where names.contains(candidate) {
            return candidate
        }
        return nil
    }

    /// Words that look like numbers but are not finite ones.
    static let nonFinite: Set<String> = ["inf", "infinity", "nan"]

    /// The known spelling the user most likely meant: the same letters in another case
    /// (`gbps` -> `Gbps`), two neighbouring letters swapped (`dya` -> `day`), or the
    /// closest name by edit distance.
    ///
    /// An unknown word is often the name of what is counted (`WAU`, `tenants`), which is
    /// a plain number. Suggesting a unit with a dimension for it (`DAU` -> `day`) would
    /// turn a count into a duration, so the edit-distance guess may only pick such a unit
    /// for a lowercase word of five letters or more (`secnds`); shorter words and
    /// acronyms only get count words suggested.
    static func suggestion(for word: String) -> String? {
        if let sameLetters = firstSpellingByLowercase[word.lowercased()] { return sameLetters }
        let characters = Array(word)
        if characters.count >= 2 {
            for index in 0..<(characters.count - 1) where characters[index] != characters[index + 1] {
                var swapped = characters
                swapped.swapAt(index, index + 1)
                let candidate = String(swapped)
                if exact[candidate] != nil { return candidate }
                if candidate.count >= 3, caseless[candidate.lowercased()] != nil {
                    return firstSpellingByLowercase[candidate.lowercased()]
                }
            }
        }
        let scalars = word.unicodeScalars
        let mayGainDimension = scalars.count >= 5 && scalars.contains { $0.properties.isLowercase }
        if mayGainDimension, let guess = closestByEditDistance(to: word, dimensionless: false) {
            // One edit (`secnds`) is a typo; more (`tenants` -> `terabits`) is another word.
            if guess.dimensionless || guess.distance <= 1 { return guess.spelling }
        }
        return closestByEditDistance(to: word, dimensionless: true)?.spelling
    }

    /// The earliest spelling for each lowercased form (`gbps` -> `Gbps`).
    private static let firstSpellingByLowercase: [String: String] = {
        var table: [String: String] = [:]
        for spelling in spellings where table[spelling.lowercased()] == nil { table[spelling.lowercased()] = spelling }
        return table
    }()

    /// Spellings lowercased once, for the edit-distance search, and whether the unit is
    /// a plain number (a count or a number word).
    private static let loweredSpellings: [(spelling: String, scalars: [UInt32], dimensionless: Bool)] =
        spellings.map { spelling in
            let dimensionless: Bool
            if case .unit(let unit) = lookup(spelling) { dimensionless = unit.dimension == .none } else { dimensionless = false }
            return (spelling, BoundedEditDistance.scalars(spelling), dimensionless)
        }

    /// Same rule as `EditDistance.closest` (case-insensitive, at most a third of the word
    /// and 3 edits, ties to the earlier spelling), with a bounded distance so that a
    /// lookup of an unknown word stays cheap.
    private static func closestByEditDistance(to word: String, dimensionless: Bool)
        -> (spelling: String, distance: Int, dimensionless: Bool)? {
        let needle = BoundedEditDistance.scalars(word)
        var limit = min(3, max(1, (needle.count + 2) / 3))
        var rows: [Int] = []
        var best: (spelling: String, distance: Int, dimensionless: Bool)?
        for candidate in loweredSpellings where candidate.dimensionless || !dimensionless {
            guard let distance = BoundedEditDistance.distance(needle, candidate.scalars, limit: limit, rows: &rows) else { continue }
            best = (candidate.spelling, distance, candidate.dimensionless)
            if distance == 0 { break }
            // Later candidates must be strictly closer to win the tie.
            limit = distance - 1
        }
        return best
    }
}
