import Foundation

/// Calendar arithmetic without Foundation calendars: proleptic Gregorian, days since 1970-01-01.
enum CivilDate {
    /// Days since 1970-01-01 of a date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number since 1970-01-01.
    static func date(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Two-digit number with a leading zero.
    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Excel serial date → (days since 1970, seconds in the day); `nil` outside 0...9999-12-31 or not finite.
    static func fromExcelSerial(_ serial: Double, date1904: Bool) -> (days: Int, seconds: Int)? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var whole = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(whole)) * 86_400).rounded())
        if seconds >= 86_400 { whole += 1; seconds -= 86_400 }
        let days: Int
        if date1904 {
            days = Self.days(year: 1904, month: 1, day: 1) + whole
        } else if whole >= 61 {
            days = Self.days(year: 1899, month: 12, day: 30) + whole
        } else if whole == 60 {
            days = Self.days(year: 1900, month: 2, day: 28)  // Excel's fictitious 1900-02-29
        } else {
            days = Self.days(year: 1899, month: 12, day: 31) + whole
        }
        return (days, seconds)
    }

    /// ISO-8601 text for a day number and time of day: `2020-09-14` or `2020-09-14T10:23:45`.
    static func iso(days: Int, seconds: Int, timeOnly: Bool = false) -> String {
        if seconds >= 0, seconds < 86_400 {
            // Built byte by byte: this runs for every date cell of a sheet.
            let (y, m, d) = timeOnly ? (0, 0, 0) : date(days: days)
            if y >= 0, y <= 9999 {
                return isoFast(year: y, month: m, day: d, seconds: seconds, timeOnly: timeOnly)
            }
        }
        let time = "\(pad2(seconds / 3600)):\(pad2(seconds / 60 % 60)):\(pad2(seconds % 60))"
        if timeOnly { return time }
        let (y, m, d) = date(days: days)
        var year = String(y)
        while year.count < 4 { year = "0" + year }
        let dateText = "\(year)-\(pad2(m))-\(pad2(d))"
        return seconds == 0 ? dateText : dateText + "T" + time
    }

    /// `iso` for a year in 0...9999 and a time of day in 0..<86,400 seconds, without intermediate strings.
    private static func isoFast(year: Int, month: Int, day: Int, seconds: Int, timeOnly: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(19)
        @inline(__always) func two(_ v: Int) {
            out.append(UInt8(truncatingIfNeeded: 0x30 + v / 10))
            out.append(UInt8(truncatingIfNeeded: 0x30 + v % 10))
        }
        if !timeOnly {
            two(year / 100)
            two(year % 100)
            out.append(0x2D)
            two(month)
            out.append(0x2D)
            two(day)
            if seconds == 0 { return String(decoding: out, as: UTF8.self) }
            out.append(0x54)
        }
        two(seconds / 3600)
        out.append(0x3A)
        two(seconds / 60 % 60)
        out.append(0x3A)
        two(seconds % 60)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Parses the timestamps that form tools and spreadsheets write; times without a zone are Dutch local time.
struct TimestampParser {
    private let zone: TimeZone
    private var offsetCache: [Int: Int] = [:]
    private var lastHour = Int.min
    private var lastOffset = 0

    /// True when the zone is Dutch time, whose offsets are computed without Foundation from 1996 on.
    private let isAmsterdam: Bool

    init(zone: TimeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600) ?? .current) {
        self.zone = zone
        isAmsterdam = zone.identifier == "Europe/Amsterdam"
    }

    /// Central European (Summer) Time since 1996: UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday
    /// of October 01:00 UTC, else UTC+1.
    static func amsterdamOffset(naive: Int) -> Int? {
        let days = naive >= 0 ? naive / 86_400 : (naive - 86_399) / 86_400
        let (year, _, _) = CivilDate.date(days: days)
        guard year >= 1996, year <= 9999 else { return nil }
        func lastSunday(_ month: Int) -> Int {
            let last = CivilDate.days(year: year, month: month, day: 31)
            let weekday = ((last + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday; Sunday = 0
            return last - weekday
        }
        let start = lastSunday(3) * 86_400 + 3600
        let end = lastSunday(10) * 86_400 + 3600
        let utcIfSummer = naive - 7200
        return utcIfSummer >= start && utcIfSummer < end ? 7200 : 3600
    }

    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case sep(UInt8)
    }

    private static let months: [String: Int] = [
        "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "mrt": 3, "maart": 3, "mar": 3,
        "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7,
        "july": 7, "aug": 8, "augustus": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10,
        "oktober": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// Parses a timestamp, `nil` when it is not one of the known forms.
    mutating func parse(_ raw: String) -> Date? {
        let text = LookupFolding.trim(raw)
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        // An Excel serial number (1954...2119).
        if let first = text.utf8.first, first >= 0x31, first <= 0x37, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
            let serial = Double(text), serial.isFinite, serial >= 20_000, serial < 80_000,
            let (days, seconds) = CivilDate.fromExcelSerial(serial, date1904: false)
        {
            return local(days: days, seconds: seconds)
        }
        switch fastParse(text) {
        case .date(let date): return date
        case .invalid: return nil
        case .notHandled: break
        }
        guard let tokens = Self.tokenize(text) else { return nil }
        return interpret(tokens)
    }

    private enum FastResult { case date(Date), invalid, notHandled }

    /// The common all-numeric forms ("14-9-2020 10:23", "2020-09-14T10:23:45", "9/14/20 10:23:45") without allocation.
    private mutating func fastParse(_ text: String) -> FastResult {
        // The string's own UTF-8 (contiguous for a native string) is read faster than its UTF-8 view.
        var text = text
        return text.withUTF8 { fastParse(bytes: $0) }
    }

    private mutating func fastParse<Bytes: Sequence<UInt8>>(bytes: Bytes) -> FastResult {
        var values = (0, 0, 0, 0, 0, 0)
        var digits = (0, 0, 0, 0, 0, 0)
        var seps: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
        var count = 0
        var current = 0, currentDigits = 0
        var pendingSep: UInt8 = 0
        var fraction = false
        func store(_ index: Int, _ value: Int, _ d: Int) {
            switch index {
            case 0: values.0 = value; digits.0 = d
            case 1: values.1 = value; digits.1 = d
            case 2: values.2 = value; digits.2 = d
            case 3: values.3 = value; digits.3 = d
            case 4: values.4 = value; digits.4 = d
            default: values.5 = value; digits.5 = d
            }
        }
        func storeSep(_ index: Int, _ sep: UInt8) {
            switch index {
            case 0: seps.0 = sep
            case 1: seps.1 = sep
            case 2: seps.2 = sep
            case 3: seps.3 = sep
            default: seps.4 = sep
            }
        }
        for b in bytes {
            if b >= 0x30 && b <= 0x39 {
                if fraction { continue }
                if currentDigits == 0, count > 0 {
                    guard pendingSep != 0, count <= 5 else { return .notHandled }
                    storeSep(count - 1, pendingSep)
                    pendingSep = 0
                }
                guard currentDigits < 9 else { return .notHandled }
                current = current * 10 + Int(b - 0x30)
                currentDigits += 1
                continue
            }
            guard b == 0x2D || b == 0x2F || b == 0x3A || b == 0x20 || b == 0x54 || b == 0x2E else { return .notHandled }
            if currentDigits > 0 {
                guard count < 6 else { return .notHandled }
                store(count, current, currentDigits)
                count += 1
                current = 0
                currentDigits = 0
                pendingSep = b
                if b == 0x2E && count == 6 { fraction = true }
            } else if fraction {
                return .notHandled
            } else if b == 0x20 && pendingSep == 0x20 {
                continue
            } else {
                return .notHandled
            }
        }
        if currentDigits > 0, !fraction {
            guard count < 6 else { return .notHandled }
            store(count, current, currentDigits)
            count += 1
        }
        guard count == 3 || count == 5 || count == 6 else { return .notHandled }
        var year = 0, month = 0, day = 0
        if digits.0 == 4 {
            guard seps.0 == seps.1, seps.0 == 0x2D || seps.0 == 0x2F || seps.0 == 0x2E, digits.1 <= 2, digits.2 <= 2 else { return .notHandled }
            year = values.0; month = values.1; day = values.2
        } else if digits.0 <= 2 {
            guard seps.0 == seps.1, seps.0 == 0x2D || seps.0 == 0x2F || seps.0 == 0x2E, digits.1 <= 2, digits.2 == 4 || digits.2 == 2 else {
                return .notHandled
            }
            let a = values.0, b = values.1
            year = digits.2 == 2 ? (values.2 < 70 ? 2000 + values.2 : 1900 + values.2) : values.2
            if seps.0 == 0x2F {
                if a > 12 { day = a; month = b } else if b > 12 { month = a; day = b } else if digits.2 == 2 { month = a; day = b } else { day = a; month = b }
            } else {
                day = a; month = b
            }
        } else {
            return .notHandled
        }
        var hour = 0, minute = 0, second = 0
        if count >= 5 {
            guard seps.2 == 0x20 || seps.2 == 0x54, seps.3 == 0x3A, digits.3 <= 2, digits.4 == 2 else { return .notHandled }
            hour = values.3; minute = values.4
            if count == 6 {
                guard seps.4 == 0x3A, digits.5 == 2 else { return .notHandled }
                second = values.5
            }
        }
        guard (1...12).contains(month), year >= 1000, year <= 9999, day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second <= 60
        else { return .invalid }
        return .date(local(days: CivilDate.days(year: year, month: month, day: day), seconds: hour * 3600 + minute * 60 + min(second, 59)))
    }

    private static func tokenize(_ text: String) -> [Token]? {
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                var value = 0
                var digits = 0
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    if digits < 9 { value = value * 10 + Int(bytes[i] - 0x30) }
                    digits += 1
                    i += 1
                }
                tokens.append(.number(value, digits: digits))
            } else if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                var word: [UInt8] = []
                while i < bytes.count, (bytes[i] | 0x20) >= 0x61, (bytes[i] | 0x20) <= 0x7A {
                    word.append(bytes[i] | 0x20)
                    i += 1
                }
                tokens.append(.word(String(decoding: word, as: UTF8.self)))
            } else if b == 0x20 || b == 0x09 {
                if tokens.last != .sep(0x20) { tokens.append(.sep(0x20)) }
                i += 1
            } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                if tokens.last != .sep(0x20) { tokens.append(.sep(0x20)) }
                i += 2
            } else if b < 0x80 {
                tokens.append(.sep(b))
                i += 1
            } else {
                return nil
            }
        }
        return tokens
    }

    private mutating func interpret(_ all: [Token]) -> Date? {
        var t = all
        var index = 0
        func peek() -> Token? { index < t.count ? t[index] : nil }
        func skipSpaces() { while index < t.count, t[index] == .sep(0x20) || t[index] == .sep(0x2C) { index += 1 } }
        // A leading weekday ("ma", "Monday,").
        if case .word(let w)? = peek(), Self.months[w] == nil {
            index += 1
            if peek() == .sep(0x2E) { index += 1 }
            skipSpaces()
        }
        var year = 0, month = 0, day = 0
        func number() -> (Int, Int)? {
            if case .number(let v, let d)? = peek() { index += 1; return (v, d) }
            return nil
        }
        func dateSep() -> UInt8? {
            if case .sep(let s)? = peek(), s == 0x2D || s == 0x2F || s == 0x2E || s == 0x20 { index += 1; return s }
            return nil
        }
        guard let first = peek() else { return nil }
        switch first {
        case .number(let a, let da):
            index += 1
            if da == 4 {
                guard let s1 = dateSep(), let (m, _) = number(), dateSep() == s1, let (d, _) = number() else { return nil }
                year = a; month = m; day = d
            } else if da <= 2 {
                guard let s1 = dateSep() else { return nil }
                if case .word(let w)? = peek(), let m = Self.months[w] {
                    index += 1
                    if peek() == .sep(0x2E) { index += 1 }
                    guard dateSep() != nil, let (y, dy) = number(), dy == 4 else { return nil }
                    year = y; month = m; day = a
                } else {
                    guard let (b, db) = number(), db <= 2, dateSep() == s1, let (y, dy) = number(), dy == 2 || dy == 4 else {
                        return nil
                    }
                    year = dy == 2 ? (y < 70 ? 2000 + y : 1900 + y) : y
                    if s1 == 0x2F {
                        if a > 12 { day = a; month = b }
                        else if b > 12 { month = a; day = b }
                        else if dy == 2 { month = a; day = b }  // Microsoft Forms, US: 9/14/20
                        else { day = a; month = b }
                    } else {
                        day = a; month = b
                    }
                }
            } else {
                return nil
            }
        case .word(let w):
            guard let m = Self.months[w] else { return nil }
            index += 1
            if peek() == .sep(0x2E) { index += 1 }
            skipSpaces()
            guard let (d, dd) = number(), dd <= 2 else { return nil }
            skipSpaces()
            guard let (y, dy) = number(), dy == 4 else { return nil }
            year = y; month = m; day = d
        case .sep:
            return nil
        }
        guard (1...12).contains(month), year >= 1000, year <= 9999, day >= 1,
            day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }

        // Time of day.
        var hour = 0, minute = 0, second = 0
        var offset: Int? = nil
        skipSpaces()
        if case .word(let w)? = peek(), w == "t" || w == "om" || w == "at" { index += 1; skipSpaces() }
        if case .number(let h, let dh)? = peek(), dh <= 2 {
            index += 1
            guard peek() == .sep(0x3A) || peek() == .sep(0x2E) else { return nil }
            let timeSep = peek()
            index += 1
            guard let (mi, dmi) = number(), dmi == 2 else { return nil }
            hour = h; minute = mi
            if peek() == timeSep, index + 1 < t.count, case .number(let s, 2) = t[index + 1] {
                index += 2
                second = s
                if peek() == .sep(0x2E) || peek() == .sep(0x2C), index + 1 < t.count, case .number = t[index + 1] {
                    index += 2  // fraction of a second
                }
            }
            skipSpaces()
            // AM / PM, also "a.m." and Dutch "'s middags" is not supported.
            if case .word(let w)? = peek(), w == "am" || w == "pm" || w == "a" || w == "p" {
                var pm = w.hasPrefix("p")
                index += 1
                if w.count == 1 {
                    guard peek() == .sep(0x2E), index + 1 < t.count, t[index + 1] == .word("m") else { return nil }
                    index += 2
                    pm = w == "p"
                }
                if peek() == .sep(0x2E) { index += 1 }
                guard (1...12).contains(hour) else { return nil }
                if pm && hour < 12 { hour += 12 }
                if !pm && hour == 12 { hour = 0 }
                skipSpaces()
            }
            // Zone: Z, UTC, GMT, CET/CEST, then an optional signed offset.
            if case .word(let w)? = peek() {
                switch w {
                case "z", "utc", "gmt": offset = 0
                case "cet": offset = 3600
                case "cest": offset = 7200
                default: return nil
                }
                index += 1
                skipSpaces()
            }
            if case .sep(let s)? = peek(), s == 0x2B || s == 0x2D {
                index += 1
                guard let (oh, doh) = number() else { return nil }
                var minutes = 0
                var hours = oh
                if doh == 4 { hours = oh / 100; minutes = oh % 100 }
                else if doh > 2 { return nil }
                else if peek() == .sep(0x3A), index + 1 < t.count, case .number(let om, 2) = t[index + 1] {
                    index += 2
                    minutes = om
                }
                guard hours <= 14, minutes < 60 else { return nil }
                offset = (s == 0x2D ? -1 : 1) * (hours * 3600 + minutes * 60)
            }
        }
        skipSpaces()
        guard index == t.count, hour < 24, minute < 60, second <= 60 else { return nil }
        t = []
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = hour * 3600 + minute * 60 + min(second, 59)
        if let offset {
            return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + seconds - offset))
        }
        return local(days: days, seconds: seconds)
    }

    /// A local (zone-less) time in the parser's zone.
    private mutating func local(days: Int, seconds: Int) -> Date {
        let naive = days * 86_400 + seconds
        let hourKey = naive / 3600
        let offset: Int
        if hourKey == lastHour {
            offset = lastOffset
        } else if isAmsterdam, let computed = Self.amsterdamOffset(naive: naive) {
            offset = computed
        } else if let cached = offsetCache[hourKey] {
            offset = cached
        } else {
            let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive)))
            offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - guess)))
            if offsetCache.count < 100_000 { offsetCache[hourKey] = offset }
        }
        lastHour = hourKey
        lastOffset = offset
        return Date(timeIntervalSince1970: TimeInterval(naive - offset))
    }
}
