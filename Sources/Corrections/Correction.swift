import WerksessiesModel

/// One row of the corrections file: a value that replaces what tonight's inputs say about one registrant.
public struct Correction: Sendable, Hashable {
    /// The registrant's e-mail address as typed in the corrections file.
    public var email: String
    /// The field as typed (`discipline`, `interests`, `mandate`, `consent`, `status`, `name`, `organisation`,
    /// `email`, `exclude`).
    public var field: String
    /// The new value (for `interests` also `+keyword` or `-keyword`).
    public var value: String
    /// Why (free text, for the analysts).
    public var note: String
    /// The 1-based line of the row in the corrections file.
    public var row: Int

    /// A correction as read from `row` of the file.
    public init(email: String, field: String, value: String, note: String = "", row: Int) {
        self.email = email
        self.field = field
        self.value = value
        self.note = note
        self.row = row
    }
}

/// The fields a correction can change.
public enum CorrectionField: String, Sendable, CaseIterable {
    case discipline, interests, mandate, consent, status, name, organisation, email, exclude

    /// The field named `text` (case and surrounding spaces ignored; Dutch names accepted).
    public init?(named text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let field = CorrectionField(rawValue: folded) {
            self = field
            return
        }
        let dutch: [String: CorrectionField] = [
            "vakgebied": .discipline, "interessegebieden": .interests, "interesses": .interests, "mandaat": .mandate,
            "toestemming": .consent, "naam": .name, "organisatie": .organisation, "e-mail": .email,
            "e-mailadres": .email, "uitsluiten": .exclude,
        ]
        guard let field = dutch[folded] else { return nil }
        self = field
    }
}

/// The corrections file as read: its rows and the problems of rows that could not be read.
public struct CorrectionList: Sendable {
    /// The file's path, as shown in diagnostics.
    public var file: String
    /// The readable rows, in file order.
    public var corrections: [Correction]
    /// Rows that could not be read (no e-mail, no field).
    public var diagnostics: [Diagnostic]

    /// A list read from `file`.
    public init(file: String, corrections: [Correction] = [], diagnostics: [Diagnostic] = []) {
        self.file = file
        self.corrections = corrections
        self.diagnostics = diagnostics
    }
}
