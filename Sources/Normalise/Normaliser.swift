import WerksessiesModel

/// The Normalise stage: maps free-text disciplines and interests onto the taxonomy.
public struct Normaliser: Sendable {
    public let taxonomy: Taxonomy
    public let catalog: Catalog

    public init(taxonomy: Taxonomy, catalog: Catalog) {
        self.taxonomy = taxonomy
        self.catalog = catalog
    }

    /// Turns registrations into participants, with a diagnostic for every value it cannot map.
    public func normalise(_ registrations: [Registration]) -> NormaliseResult {
        let participants = registrations.map { r in
            Participant(
                id: Participant.id(forEmailKey: r.emailKey), email: r.email, emailKey: r.emailKey, name: r.name,
                organisation: r.organisation, organisationKey: r.organisation.lowercased(), role: r.role,
                discipline: nil, family: nil, interests: [], gaveInterests: !r.interests.isEmpty,
                mandate: r.mandate ?? false, consent: r.consent, cancelled: r.cancelled, source: r.source)
        }
        return NormaliseResult(participants: participants, diagnostics: [])
    }
}
