import WerksessiesModel

/// The data-quality list in the report language: a message per code in one language and an advice that says
/// what to do (with the `werksessies correct` command where a correction fixes it).
struct DataQualityAdvice {
    let language: ReportOptions.Language
    /// Sessions that require a mandate ("8"; "8, 9").
    let mandateSessions: String
    let correctionsFile: String

    func say(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    /// Codes whose finder writes Dutch; the corrections and registration checks follow the language already.
    static let dutchCodes: Set<String> = ["fuzzy_discipline", "no_discipline", "unmapped_discipline", "unmapped_interest"]
    static let followingCodes: Set<String> = [
        "corrected", "correction_unknown_email", "correction_unknown_field", "correction_invalid_value",
        "correction_incomplete", "corrections_unreadable", "lost_character", "formula_value",
    ]

    /// The finder's message if it is in the report language, else the code's message in that language.
    func message(_ d: Diagnostic) -> String {
        if Self.followingCodes.contains(d.code) { return d.message }
        let origin: ReportOptions.Language = Self.dutchCodes.contains(d.code) ? .nl : .en
        if origin == language { return d.message }
        return Self.meaning(of: d.code, in: language) ?? d.message
    }

    /// What a code means in `language` (nil for a code without a message of its own).
    static func meaning(of code: String, in language: ReportOptions.Language) -> String? {
        messages[code].map { language == .nl ? $0.0 : $0.1 }
    }

    /// Messages per code, Dutch and English (the finders' own text, where in the other language, is more specific).
    static let messages: [String: (String, String)] = [
        "invalid_email": ("ongeldig e-mailadres; aanmelding niet meegeteld", "invalid e-mail address; registration not counted"),
        "missing_email": ("geen e-mailadres; aanmelding niet meegeteld", "no e-mail address; registration not counted"),
        "duplicate_merged": ("dubbele aanmelding; de laatste telt", "duplicate registration; the latest counts"),
        "invalid_timestamp": ("tijdstempel niet te lezen", "timestamp cannot be read"),
        "unclear_mandate": ("onduidelijk antwoord op de mandaatvraag; telt als onbekend", "unclear answer to the mandate question; counts as unknown"),
        "unclear_consent": ("onduidelijk antwoord op de toestemmingsvraag; telt als geen toestemming", "unclear answer to the consent question; counts as no consent"),
        "unclear_consent_column": ("onduidelijk welke kolom de toestemming voor delen met partners is", "unclear which column holds the consent to share with partners"),
        "negated_consent_header": ("toestemmingsvraag is ontkennend gesteld; niet gebruikt", "the consent question is asked the other way round; not used"),
        "consent_other_purpose": ("toestemming voor een ander doel (foto, nieuwsbrief); telt niet voor delen", "consent for another purpose (photo, newsletter); does not count for sharing"),
        "invalid_character": ("tekens verwijderd die een werkmap niet kan bevatten", "characters removed that a workbook cannot hold"),
        "invalid_utf8": ("bytes die geen UTF-8 zijn, gelezen als Windows-1252", "bytes that are not UTF-8, read as Windows-1252"),
        "encoding": ("tekenset van het bestand", "character set of the file"),
        "value_truncated": ("waarde ingekort tot de grens van Excel", "value cut to Excel's limit"),
        "ragged_row": ("rij met een ander aantal kolommen dan de kop", "row with another number of fields than the header"),
        "no_data_rows": ("kop zonder aanmeldingen eronder", "header without registrations below it"),
        "header_row": ("kop niet op de eerste rij gevonden", "header found below the first row"),
        "unmapped_columns": ("kolommen die niet gebruikt worden", "columns that are not used"),
        "duplicate_header": ("kop komt twee keer voor", "header appears twice"),
        "duplicate_column": ("twee kolommen voor één veld; één wordt gebruikt", "two columns for one field; one is used"),
        "unknown_column_field": ("onbekend veld onder columns: in de config", "unknown field under columns: in the config"),
        "missing_registrant": ("eerder ingedeeld, ontbreekt vannacht; behouden zoals laatst gezien", "seen in an earlier run, missing tonight; kept as last seen"),
        "pins_exceed_capacity": ("meer vastgezette deelnemers dan plaatsen", "more pinned participants than seats"),
        "pin_unknown_session": ("vastgezet op een sessie die niet bestaat", "pinned to a session that does not exist"),
        "pin_ineligible": ("vastgezet op een sessie die niet voor deze deelnemer open staat", "pinned to a session not open to this participant"),
        "minimum_unmet": ("sessie haalt haar minimum niet", "session does not reach its minimum"),
        "bad_shared_string": ("cel verwijst naar een tekst die niet in de werkmap staat", "cell refers to a text the workbook does not hold"),
        "fuzzy_discipline": ("discipline gelezen als de meest gelijkende (tikfout?)", "discipline read as the closest one (typo?)"),
        "no_discipline": ("geen discipline; discipline onbekend", "no discipline; discipline unknown"),
        "unmapped_discipline": ("discipline niet herkend", "discipline not recognised"),
        "unmapped_interest": ("interesse niet herkend", "interest not recognised"),
    ]

    /// One sentence that says what to do about `d` (`email` the registrant's address, if known).
    func advice(_ d: Diagnostic, email: String, suggestion: String?) -> String {
        let who = email.isEmpty ? say("<e-mail>", "<e-mail>") : email
        let row = d.row.map(String.init) ?? "?"
        func correct(_ field: String, _ value: String) -> String { "werksessies correct \(who) \(field) \(value)" }
        let value = d.value
        switch d.code {
        case "unmapped_discipline", "no_discipline":
            let target = suggestion ?? say("<vakgebied>", "<discipline>")
            return d.code == "no_discipline"
                ? say("Vraag het vakgebied na en corrigeer met: \(correct("discipline", target))",
                    "Ask for the discipline and correct with: \(correct("discipline", target))")
                : say("Voeg '\(value)' toe aan taxonomy.yml (discipline) of corrigeer met: \(correct("discipline", target))",
                    "Add '\(value)' to taxonomy.yml (discipline) or correct with: \(correct("discipline", target))")
        case "fuzzy_discipline":
            return say("Controleer of dit klopt; zo niet, corrigeer met: \(correct("discipline", "<vakgebied>"))",
                "Check that this is right; if not, correct with: \(correct("discipline", "<discipline>"))")
        case "unmapped_interest":
            return say("Voeg '\(value)' als synoniem toe aan taxonomy.yml (keywords) of corrigeer met: \(correct("interests", "+<trefwoord>"))",
                "Add '\(value)' as a synonym to taxonomy.yml (keywords) or correct with: \(correct("interests", "+<keyword>"))")
        case "unclear_mandate":
            return say("Vraag na of de deelnemer mandaat heeft (tot dan niet ingedeeld bij sessie \(mandateSessions), mandaat vereist) en corrigeer met: \(correct("mandate", "ja|nee"))",
                "Ask whether the participant has a mandate (until then not placed in session \(mandateSessions), mandate required) and correct with: \(correct("mandate", "yes|no"))")
        case "unclear_consent":
            return say("Vraag na of de deelnemer toestemming geeft (tot dan wordt niets met de partners gedeeld) en corrigeer met: \(correct("consent", "ja|nee"))",
                "Ask whether the participant consents (until then nothing is shared with the partners) and correct with: \(correct("consent", "yes|no"))")
        case "unclear_consent_column", "negated_consent_header", "consent_other_purpose":
            return say("Geef in nightly.yml onder columns: consent de kop van de vraag naar delen met de partners",
                "Name the header of the question about sharing with partners under columns: consent in nightly.yml")
        case "invalid_email", "missing_email":
            return say("Herstel het e-mailadres in rij \(row) van de export (of vraag het na); zonder geldig adres telt de aanmelding niet mee",
                "Fix the e-mail address in row \(row) of the export (or ask for it); without a valid address the registration does not count")
        case "lost_character", "invalid_utf8", "invalid_character":
            let field = d.column.flatMap { Self.correctable.contains($0) ? $0 : nil } ?? "name"
            return say("Herstel de tekst met: \(correct(field, "'<juiste tekst>'")) (of sla de export op als CSV UTF-8)",
                "Fix the text with: \(correct(field, "'<right text>'")) (or save the export as CSV UTF-8)")
        case "formula_value":
            return say("Niets te doen als de waarde klopt; anders corrigeer met: \(correct(d.column ?? "name", "'<waarde>'"))",
                "Nothing to do if the value is right; else correct with: \(correct(d.column ?? "name", "'<value>'"))")
        case "duplicate_merged":
            return say("Niets te doen: de laatste aanmelding telt; klopt een veld niet, corrigeer het met werksessies correct",
                "Nothing to do: the latest registration counts; if a field is wrong, correct it with werksessies correct")
        case "missing_registrant":
            return say("Controleer de export; is de deelnemer afgemeld, corrigeer dan met: \(correct("status", "geannuleerd"))",
                "Check the export; if the participant cancelled, correct with: \(correct("status", "cancelled"))")
        case "invalid_timestamp":
            return say("Herstel het tijdstempel in de export; tot dan telt bij dubbele aanmeldingen de volgorde in het bestand",
                "Fix the timestamp in the export; until then the order in the file decides between duplicates")
        case "corrected":
            return say("Niets te doen: correctie uit \(d.file) rij \(row) toegepast", "Nothing to do: correction from \(d.file) row \(row) applied")
        case "correction_unknown_email":
            return say("Controleer het e-mailadres in rij \(row) van \(d.file), of haal de rij weg als de deelnemer er niet meer in staat",
                "Check the e-mail address in row \(row) of \(d.file), or remove the row if the participant is no longer in the inputs")
        case "correction_unknown_field", "correction_invalid_value", "correction_incomplete", "corrections_unreadable":
            return say("Pas rij \(row) van \(d.file) aan (velden: \(Self.correctable.sorted().joined(separator: ", ")))",
                "Fix row \(row) of \(d.file) (fields: \(Self.correctable.sorted().joined(separator: ", ")))")
        case "unmapped_columns", "duplicate_header", "duplicate_column", "header_row":
            return say("Hoort de kolom bij een veld, voeg de kop dan toe onder columns: in nightly.yml; anders niets te doen",
                "If the column belongs to a field, add its header under columns: in nightly.yml; else nothing to do")
        case "ragged_row", "value_truncated", "bad_shared_string", "no_data_rows", "encoding":
            return say("Controleer rij \(row) van \(d.file) in de export", "Check row \(row) of \(d.file) in the export")
        case "pins_exceed_capacity", "pin_unknown_session", "pin_ineligible", "minimum_unmet":
            return say("Pas de capaciteit in sessions.yml of de vastgezette deelnemers aan (werksessies pin --remove)",
                "Change the capacity in sessions.yml or the pins (werksessies pin --remove)")
        default:
            return say("Controleer de waarde in de export", "Check the value in the export")
        }
    }

    /// The fields `werksessies correct` takes.
    static let correctable: Set<String> = [
        "discipline", "interests", "mandate", "consent", "status", "name", "organisation", "email", "exclude",
    ]
}
