import Foundation
import WerksessiesModel

/// Parsing of yes/no answers, statuses and e-mail addresses.
enum AnswerParsing {
    /// The placeholder a form in anonymous mode writes in its own name and e-mail columns ("Anonymous",
    /// "anonymous", Dutch "Anoniem").
    static func isAnonymous(_ value: String) -> Bool {
        value.utf8.count <= 10 && ["anonymous", "anoniem"].contains(value.lowercased())
    }

    /// The result of reading a yes/no answer.
    enum YesNo: Sendable, Equatable {
        case yes, no
        /// Empty or an explicit non-answer ("n.v.t.", "-").
        case none
        /// The person says they do not know ("weet ik niet", "misschien", "?").
        case dontKnow
        /// Yes and no at once ("Ja, maar niet delen", "Akkoord, behalve met partners", "Ja, nee").
        case mixed
        /// Yes under a condition ("ja, na overleg met mijn directeur", "Ja, mits anoniem").
        case conditional
        /// A lone check mark letter ("x", "v") outside a checkbox-style column.
        case markOutsideCheckbox
        /// Not understood.
        case unknown
    }

    /// Whole answers (folded) that say yes.
    static let yesWords: Set<String> = [
        "ja", "j", "yes", "y", "true", "waar", "1", "akkoord", "agree", "agreed", "ok", "oke", "okay", "wel", "zeker",
        "jazeker", "uiteraard", "i agree", "ik ga akkoord", "yes i agree", "accepted", "accept", "geaccepteerd",
        "checked", "aangevinkt", "on", "graag", "ja graag", "yes please", "prima", "natuurlijk", "sure", "yep", "yeah",
        "toestemming", "consent", "ik geef toestemming", "i consent", "ja hoor", "zeker weten", "absoluut", "of course",
    ]
    /// Whole answers (folded) that say no.
    static let noWords: Set<String> = [
        "nee", "n", "no", "false", "onwaar", "0", "geen", "nope", "niet", "not", "neen", "off", "unchecked",
        "liever niet", "graag niet", "rather not", "no thanks", "nee dank je", "nee bedankt", "nee hoor", "zeker niet",
        "geen toestemming", "no consent",
    ]
    /// Whole answers (folded) that answer nothing.
    static let nonAnswers: Set<String> = [
        "", "nvt", "n v t", "n a", "na", "geen antwoord", "none", "null", "nil", "not applicable", "niet van toepassing",
    ]
    /// Phrases (folded) that say the person does not know, anywhere in the answer.
    static let dontKnowPhrases = [
        "weet niet", "weet ik niet", "weet ik nog niet", "weet het niet", "dont know", "do not know", "not sure",
        "geen idee", "no idea", "onbekend", "unknown", "niet zeker", "unsure", "misschien", "maybe", "perhaps",
        "wellicht", "twijfel", "nog niet bekend", "nb", "n b",
    ]
    /// Double negatives that say yes ("geen bezwaar"), read as one "ja".
    static let yesPhrases = [
        "geen bezwaar", "geen bezwaren", "geen probleem", "no problem", "no objection", "no objections", "niet erg",
        "dont mind", "do not mind", "not mind",
    ]
    /// Letters that stand for a check mark: yes only in a checkbox-style column.
    static let markLetters: Set<String> = ["x", "v"]

    /// Words (folded) that affirm: "ja", "akkoord", and the things agreed to ("toestemming", "mandaat").
    static let affirmations: Set<String> = [
        "ja", "yes", "akkoord", "agree", "agreed", "jazeker", "wel", "zeker", "accept", "accepted", "accepteer",
        "ok", "oke", "okay", "prima", "uiteraard", "natuurlijk", "sure", "yep", "yeah", "toestemming", "consent",
        "mandaat", "mandate", "gemandateerd", "mandated", "bevoegd", "authorised", "authorized",
    ]
    /// Words (folded) that deny.
    static let negations: Set<String> = ["nee", "no", "niet", "geen", "not", "neen", "never", "nooit", "nope", "dont", "doesnt", "wont", "cannot", "cant"]
    /// Negations that turn a following affirmation into a no ("niet akkoord", "do not agree", "geen mandaat").
    static let scopedNegations: Set<String> = ["niet", "geen", "not", "never", "nooit", "dont", "doesnt", "wont", "cannot", "cant"]
    /// Words (folded) that make an exception to a yes ("behalve", "maar", "alleen").
    static let exceptions: Set<String> = [
        "behalve", "except", "excluding", "uitgezonderd", "exclusief", "maar", "but", "echter", "however", "alleen",
        "only", "enkel", "uitsluitend",
    ]
    /// Words (folded) that make a yes conditional ("na overleg", "onder voorbehoud", "mits").
    static let conditions: Set<String> = [
        "overleg", "voorbehoud", "mits", "indien", "afhankelijk", "depends", "depending", "provided", "subject",
        "conditional", "voorwaarde", "voorwaardelijk", "if", "als", "tenzij", "unless", "goedkeuring", "approval",
        "consultation", "consult", "gedeeltelijk", "deels", "partly", "partially", "beperkt", "limited", "eerst",
    ]

    /// Reads a yes/no answer in the forms form tools and people produce ("Ja, ik heb mandaat", "✓", "1", "Nee"),
    /// telling a plain yes or no from an answer that says both, adds a condition or does not know.
    /// A lone "x" or "v" counts as yes only when `checkbox` (the column is a checkbox).
    static func yesNo(_ raw: String, checkbox: Bool = false) -> YesNo {
        let trimmed = LookupFolding.trim(raw)
        if trimmed.isEmpty { return .none }
        if trimmed == "?" || trimmed == "??" { return .dontKnow }
        var marks = (yes: false, no: false)
        for scalar in trimmed.unicodeScalars {
            switch scalar.value {
            case 0x2713, 0x2714, 0x2611, 0x2705: marks.yes = true
            case 0x2717, 0x2718, 0x274C, 0x2612: marks.no = true
            default: continue
            }
        }
        let folded = LookupFolding.fold(trimmed)
        if folded.isEmpty {
            if marks.yes && marks.no { return .mixed }
            if marks.yes { return .yes }
            if marks.no || trimmed.unicodeScalars.contains(where: { $0.value == 0x2610 }) { return .no }
            return .none
        }
        if !marks.yes && !marks.no {
            if nonAnswers.contains(folded) { return .none }
            if yesWords.contains(folded) { return .yes }
            if noWords.contains(folded) { return .no }
            if markLetters.contains(folded) { return checkbox ? .yes : .markOutsideCheckbox }
        }
        var padded = " " + folded + " "
        if dontKnowPhrases.contains(where: { padded.contains(" " + $0 + " ") }) { return .dontKnow }
        for phrase in yesPhrases { padded = padded.replacingOccurrences(of: " " + phrase + " ", with: " ja ") }
        var words = LookupFolding.tokens(padded).map(String.init)
        if marks.yes { words.insert("ja", at: 0) }
        if marks.no { words.insert("nee", at: 0) }
        return polarity(of: words)
    }

    /// The reading of an answer's words: its affirmations, negations, exceptions and conditions.
    private static func polarity(of words: [String]) -> YesNo {
        var yes = false, no = false, exception = false, condition = false
        var negatedUntil = -1
        for (i, word) in words.enumerated() {
            if affirmations.contains(word) {
                // "niet akkoord", "do not agree", "geen mandaat": a negation up to two words before negates it.
                if i <= negatedUntil { no = true } else { yes = true }
            } else if negations.contains(word) {
                if scopedNegations.contains(word) {
                    negatedUntil = i + 2
                    // "ga niet akkoord": counted once, as the negated affirmation, when one follows.
                    if !words[(i + 1)..<min(words.count, i + 3)].contains(where: affirmations.contains) { no = true }
                } else {
                    no = true
                }
            } else if exceptions.contains(word) {
                exception = true
            } else if conditions.contains(word) {
                condition = true
            } else if markLetters.contains(word), words.count == 1 {
                return .markOutsideCheckbox
            }
        }
        switch (yes, no) {
        case (true, true): return .mixed
        case (true, false): return exception ? .mixed : (condition ? .conditional : .yes)
        case (false, true): return exception || condition ? .mixed : .no
        case (false, false): return .unknown
        }
    }

    /// The answer to a question asked the other way round (`invert`): yes and no swapped, the rest as it was.
    static func inverted(_ answer: YesNo, _ invert: Bool) -> YesNo {
        guard invert else { return answer }
        switch answer {
        case .yes: return .no
        case .no: return .yes
        default: return answer
        }
    }

    /// A consent answer: consent only for a plain yes; anything but a plain yes, no or blank is reported.
    static func consent(_ answer: YesNo) -> (consent: Bool, problem: String?) {
        switch answer {
        case .yes: (true, nil)
        case .no, .none: (false, nil)
        case .mixed: (false, "consent answer says yes and no at once; treated as no consent")
        case .conditional: (false, "consent answer is a yes with a condition; treated as no consent")
        case .dontKnow: (false, "consent answer says the person does not know; treated as no consent")
        case .markOutsideCheckbox: (false, "a lone x or v counts as yes only in a checkbox column; treated as no consent")
        case .unknown: (false, "consent answer not understood as yes or no; treated as no consent")
        }
    }

    /// A mandate answer: `nil` (unknown) unless a plain yes or no; every unknown but a blank is reported.
    static func mandate(_ answer: YesNo) -> (mandate: Bool?, problem: String?) {
        switch answer {
        case .yes: (true, nil)
        case .no: (false, nil)
        case .none: (nil, nil)
        case .mixed: (nil, "mandate answer says yes and no at once; treated as unknown")
        case .conditional: (nil, "mandate answer is a yes with a condition, not a plain yes; treated as unknown")
        case .dontKnow: (nil, "mandate answer says the person does not know; treated as unknown")
        case .markOutsideCheckbox: (nil, "a lone x or v counts as yes only in a checkbox column; treated as unknown")
        case .unknown: (nil, "mandate answer not understood as yes or no; treated as unknown")
        }
    }

    /// What a status value says.
    enum StatusMeaning: Sendable, Equatable { case cancelled, confirmed, other }

    static let builtInCancelled = ["geannuleerd", "afgemeld", "cancelled", "canceled", "afgezegd", "annulering", "geschrapt", "withdrawn"]
    static let builtInConfirmed = ["bevestigd", "confirmed", "definitief"]

    /// Status words, folded.
    struct StatusVocabulary: Sendable {
        var cancelled: Set<String>
        var confirmed: Set<String>

        init(extraCancelled: [String], extraConfirmed: [String]) {
            cancelled = Set((AnswerParsing.builtInCancelled + extraCancelled).map(LookupFolding.fold).filter { !$0.isEmpty })
            confirmed = Set((AnswerParsing.builtInConfirmed + extraConfirmed).map(LookupFolding.fold).filter { !$0.isEmpty })
        }

        /// Classifies a status value: the whole value, or one of its words without a negation ("niet bevestigd").
        func meaning(of raw: String) -> StatusMeaning {
            if raw.isEmpty { return .other }
            let folded = LookupFolding.fold(raw)
            if cancelled.contains(folded) { return .cancelled }
            if confirmed.contains(folded) { return .confirmed }
            let words = LookupFolding.tokens(folded).map(String.init)
            if words.contains(where: { AnswerParsing.negations.contains($0) }) { return .other }
            if words.contains(where: { cancelled.contains($0) }) { return .cancelled }
            if words.contains(where: { confirmed.contains($0) }) { return .confirmed }
            // Multi-word configured values inside a longer status.
            let padded = " " + folded + " "
            if cancelled.contains(where: { $0.contains(" ") && padded.contains(" " + $0 + " ") }) { return .cancelled }
            if confirmed.contains(where: { $0.contains(" ") && padded.contains(" " + $0 + " ") }) { return .confirmed }
            return .other
        }
    }

    /// Cleans an e-mail value: zero-width characters removed, `mailto:` and `Name <address>` unwrapped.
    static func cleanEmail(_ raw: String) -> String {
        let (needsWork, asciiText) = emailShape(raw.utf8)
        guard needsWork else { return raw }
        // Only the trimming below can change such a text (e.g. " a@b.nl ").
        if asciiText { return LookupFolding.trim(raw) }
        var text = String(String.UnicodeScalarView(raw.unicodeScalars.filter { !LookupFolding.isZeroWidth($0) }))
        text = LookupFolding.trim(text)
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            text = String(text[text.index(after: open)..<close])
        }
        if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
        return LookupFolding.trim(text)
    }

    /// Whether an e-mail value needs cleaning (a space, control, non-ASCII byte, `<` or `:`), and whether it is
    /// ASCII without `<` and `:` (no zero-width characters, no `<…>` or `mailto:`: only trimming can change it).
    private static func emailShape<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> (needsWork: Bool, asciiText: Bool) {
        var needsWork = false
        for b in bytes where b >= 0x80 || b == 0x3C || b == 0x3A || b <= 0x20 {
            needsWork = true
            if b >= 0x80 || b == 0x3C || b == 0x3A { return (true, false) }
        }
        return (needsWork, true)
    }

    /// A plain check of an e-mail address: one `@`, a sensible local part, a domain with a dot and no spaces.
    static func isValidEmail(_ email: String) -> Bool {
        isValidEmail(bytes: Array(email.utf8))
    }

    private static func isValidEmail<Bytes: RandomAccessCollection<UInt8>>(bytes: Bytes) -> Bool where Bytes.Index == Int {
        guard bytes.count >= 5, bytes.count <= 254 else { return false }
        guard let at = bytes.firstIndex(of: 0x40), at > 0, at <= 64, at == bytes.lastIndex(of: 0x40) else { return false }
        // Local part.
        if bytes[0] == 0x2E || bytes[at - 1] == 0x2E { return false }
        var previous: UInt8 = 0
        for i in 0..<at {
            let b = bytes[i]
            if b == 0x2E && previous == 0x2E { return false }
            previous = b
            if b >= 0x80 { continue }  // internationalised local part
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: continue
            // ! # $ % & ' * + - . / = ? ^ _ ` { | } ~
            case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x2F, 0x3D, 0x3F, 0x5E, 0x5F, 0x60, 0x7B...0x7E: continue
            default: return false
            }
        }
        // Domain: labels of letters, digits and hyphens, at least two, the last of at least two characters.
        let domain = bytes[(at + 1)...]
        guard domain.count >= 3 else { return false }
        var labelLength = 0
        var labels = 0
        var labelStart = domain.startIndex
        var lastLabelHasLetter = false
        for i in domain.indices {
            let b = domain[i]
            if b == 0x2E {
                guard labelLength > 0, domain[i - 1] != 0x2D, domain[labelStart] != 0x2D else { return false }
                labels += 1
                labelLength = 0
                labelStart = i + 1
                lastLabelHasLetter = false
                continue
            }
            switch b {
            case 0x30...0x39, 0x2D: break
            case 0x41...0x5A, 0x61...0x7A, 0x80...0xFF: lastLabelHasLetter = true
            default: return false
            }
            labelLength += 1
            if labelLength > 63 { return false }
        }
        guard labelLength >= 2, lastLabelHasLetter, labels >= 1, domain[domain.endIndex - 1] != 0x2D else { return false }
        return true
    }

    /// The identity key of an e-mail, equal to `Registration.foldEmail`, fast for plain ASCII addresses.
    static func emailKey(_ email: String) -> String {
        let (ascii, hasUpper) = asciiCase(email.utf8)
        guard ascii else { return Registration.foldEmail(email) }
        guard hasUpper else { return email }
        return String(decoding: email.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether the bytes are printable ASCII without spaces, and whether they hold an upper-case letter.
    private static func asciiCase<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> (ascii: Bool, hasUpper: Bool) {
        var hasUpper = false
        for b in bytes {
            if b >= 0x80 || b <= 0x20 { return (false, hasUpper) }
            if b >= 0x41 && b <= 0x5A { hasUpper = true }
        }
        return (true, hasUpper)
    }
}
