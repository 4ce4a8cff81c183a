import LibXLSXWriter
import WerksessiesModel

/// The document properties every workbook carries (File › Properties): titles derived from the event and
/// the sessions, author and company from the config, the run id as a custom property.
extension Reports {
    /// Which workbook the properties describe.
    enum WorkbookKind {
        case board
        case dataQuality
        case partner(Trekker, [Session])
    }

    /// The properties of one workbook of the run.
    static func documentProperties(_ context: ReportContext, _ kind: WorkbookKind) -> Workbook.Properties {
        let options = context.bundle.options
        let event = context.eventName
        let nl = context.language == .nl
        let run = "\(context(.runID)): \(context.bundle.manifest.runID)"
        var properties = Workbook.Properties(
            author: options.author ?? "werksessies", company: options.company ?? "",
            created: context.bundle.manifest.startedAt)
        switch kind {
        case .board:
            properties.title = "\(context(.boardTitle)) \(event)"
            properties.subject = nl ? "Indeling en diversiteit van de werksessies" : "Assignment and diversity of the sessions"
            properties.category = nl ? "Bestuur" : "Board"
            properties.keywords = [event, "werksessies", nl ? "diversiteit" : "diversity"].joined(separator: ", ")
            properties.comments = "\(run). \(context(.noPersonalData))"
        case .dataQuality:
            properties.title = "\(context(.dataQuality)) \(event)"
            properties.subject = nl ? "Problemen in de invoer en toegepaste correcties" : "Problems in the input and corrections applied"
            properties.category = nl ? "Analisten" : "Analysts"
            properties.keywords = [event, "werksessies", context(.dataQuality).lowercased()].joined(separator: ", ")
            properties.comments = "\(run). \(context(.confidential))"
        case .partner(let organisation, let sessions):
            properties.title = "\(context(.partnerTitle)) \(organisation.name) — \(event)"
            properties.subject = sessions.map { "\(context.sessionLabel($0.id)): \($0.title)" }.joined(separator: "; ")
            properties.manager = organisation.name
            properties.category = nl ? "Deelnemerslijst" : "Participant list"
            properties.keywords = ([event, organisation.name] + sessions.map { context.sessionLabel($0.id) }).joined(separator: ", ")
            properties.comments = "\(run). \(context(.confidential))"
        }
        return properties
    }

    /// Sets the workbook's document properties and its `Run-id` custom property.
    static func setDocumentProperties(_ workbook: Workbook, _ context: ReportContext, _ kind: WorkbookKind) throws {
        try workbook.setProperties(documentProperties(context, kind))
        try workbook.setCustomProperty("Run-id", context.bundle.manifest.runID)
    }
}
