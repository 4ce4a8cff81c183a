import Foundation
import WerksessiesModel

/// Parsing of yes/no answers, statuses and e-mail addresses.
enum AnswerParsing {
    /// The result of reading a yes/no answer.
    enum YesNo: Sendable, Equatable {
        case yes, no
        /// Empty or an explicit non-answer ("n.v.t.", "-", "weet niet").
        case none
        /// Not understood.
        case unknown
    }

    private static let yesWords: Set<String> = [
        "ja", "j", "yes", "y", "true", "waar", "1", "x", "akkoord", "agree", "ok", "oke", "okay", "wel", "zeker",
        "jazeker", "uiteraard", "i agree", "ik ga akkoord", "yes i agree", "accepted", "accept", "geaccepteerd", "v",
        "checked", "aangevinkt", "on",
    ]
    private static let noWords: Set<String> = [
        "nee", "n", "no", "false", "onwaar", "0", "geen", "nope", "niet", "not", "neen", "off", "unchecked",
    ]
    private static let nonAnswers: Set<String> = [
        "", "nvt", "n v t", "n a", "na", "weet niet", "weet ik niet", "onbekend", "unknown", "dont know", "geen antwoord",
        "none", "null", "nil", "nb", "n b", "not applicable", "niet van toepassing",
    ]
    private static let negations: Set<String> = ["nee", "no", "niet", "geen", "not", "neen", "never", "nooit"]
    private static let affirmations: Set<String> = ["ja", "yes", "akkoord", "agree", "jazeker", "wel", "zeker", "accept"]

    /// Reads a yes/no answer in the forms form tools and people produce ("Ja, ik heb mandaat", "✓", "1", "Nee").
    static func yesNo(_ raw: String) -> YesNo {
        if raw.isEmpty { return .none }
        // Check marks.
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x2713, 0x2714, 0x2611, 0x2705: return .yes
            case 0x2717, 0x2718, 0x2610, 0x274C, 0x2612: return .no
            default: continue
            }
        }
        let folded = LookupFolding.fold(raw)
        if nonAnswers.contains(folded) { return .none }
        if yesWords.contains(folded) { return .yes }
        if noWords.contains(folded) { return .no }
        let words = LookupFolding.tokens(folded)
        guard let first = words.first else { return .none }
        if negations.contains(String(first)) { return .no }
        if affirmations.contains(String(first)) { return .yes }
        if words.contains(where: { negations.contains(String($0)) }) { return .no }
        if words.contains(where: { affirmations.contains(String($0)) }) { return .yes }
        return .unknown
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
        let (needsWork, asciiText) = raw.utf8.withContiguousStorageIfAvailable(emailShape) ?? emailShape(Array(raw.utf8))
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
        // The string's own UTF-8 (always contiguous for a native string) spares an array per row.
        email.utf8.withContiguousStorageIfAvailable { isValidEmail(bytes: $0) } ?? isValidEmail(bytes: Array(email.utf8))
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
        let (ascii, hasUpper) = email.utf8.withContiguousStorageIfAvailable(asciiCase) ?? asciiCase(Array(email.utf8))
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
