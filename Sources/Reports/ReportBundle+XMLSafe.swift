import LibXLSXWriter
import WerksessiesModel

extension ReportBundle {
    /// The bundle with every text that can reach a workbook part (cells, shared strings, sheet names, chart titles,
    /// document properties) cleaned of the characters XML 1.0 forbids; a warning for each catalog, taxonomy or config
    /// text cleaned (registration values are cleaned, with their own warnings, by Ingest).
    func xmlSafe() -> ReportBundle {
        var bundle = self
        var issues = XMLCleaning()
        issues.clean(&bundle.catalog, file: "catalog")
        issues.clean(&bundle.taxonomy, file: "taxonomy")
        issues.text(&bundle.options.eventName, file: "config", what: "reports event name")
        issues.text(&bundle.manifest.runID, file: "config", what: "run id")
        for i in bundle.history.indices { XMLText.clean(&bundle.history[i].runID) }
        for i in bundle.participants.indices { XMLCleaning.clean(&bundle.participants[i]) }
        for i in bundle.assignment.placements.indices {
            if XMLText.needsCleaning(bundle.assignment.placements[i].explanation) {
                XMLText.clean(&bundle.assignment.placements[i].explanation)
            }
            if bundle.assignment.placements[i].matchedKeywords.contains(where: XMLText.needsCleaning) {
                for k in bundle.assignment.placements[i].matchedKeywords.indices { XMLText.clean(&bundle.assignment.placements[i].matchedKeywords[k]) }
            }
        }
        for i in bundle.metrics.sessions.indices { XMLCleaning.clean(&bundle.metrics.sessions[i]) }
        for i in bundle.metrics.quality.indices { XMLText.clean(&bundle.metrics.quality[i].group) }
        bundle.diagnostics += issues.diagnostics
        return bundle
    }
}

/// Cleans texts for XML 1.0 and reports what it removed from the catalog, the taxonomy and the config.
struct XMLCleaning {
    private(set) var diagnostics: [Diagnostic] = []

    /// Cleans one text; a warning naming the file, what it is and the characters removed.
    mutating func text(_ value: inout String, file: String, what: String) {
        let removed = XMLText.clean(&value)
        guard !removed.isEmpty else { return }
        diagnostics.append(Diagnostic(
            file: file, severity: .warning, code: "invalid_character",
            message: "\(what): removed \(removed.joined(separator: ", ")) (characters a workbook cannot hold)",
            value: String(value.prefix(100))))
    }

    mutating func clean(_ catalog: inout Catalog, file: String) {
        text(&catalog.event, file: file, what: "event")
        for s in catalog.sessions.indices {
            let what = "session \(catalog.sessions[s].id)"
            text(&catalog.sessions[s].title, file: file, what: what + " title")
            text(&catalog.sessions[s].toelichting, file: file, what: what + " toelichting")
            if catalog.sessions[s].specialMoment != nil { text(&catalog.sessions[s].specialMoment!, file: file, what: what + " special moment") }
            for t in catalog.sessions[s].trekkers.indices {
                text(&catalog.sessions[s].trekkers[t].id, file: file, what: what + " trekker id")
                text(&catalog.sessions[s].trekkers[t].name, file: file, what: what + " trekker name")
                if catalog.sessions[s].trekkers[t].abbreviation != nil {
                    text(&catalog.sessions[s].trekkers[t].abbreviation!, file: file, what: what + " trekker abbreviation")
                }
                text(&catalog.sessions[s].trekkers[t].family, file: file, what: what + " trekker family")
            }
            for k in catalog.sessions[s].keywords.indices {
                text(&catalog.sessions[s].keywords[k].id, file: file, what: what + " keyword id")
                text(&catalog.sessions[s].keywords[k].label, file: file, what: what + " keyword")
            }
            for r in catalog.sessions[s].eligibility.indices {
                text(&catalog.sessions[s].eligibility[r].label, file: file, what: what + " eligibility label")
            }
        }
    }

    mutating func clean(_ taxonomy: inout Taxonomy, file: String) {
        for f in taxonomy.families.indices {
            text(&taxonomy.families[f].id, file: file, what: "family id")
            text(&taxonomy.families[f].label, file: file, what: "family \(taxonomy.families[f].id)")
        }
        for d in taxonomy.disciplines.indices {
            text(&taxonomy.disciplines[d].id, file: file, what: "discipline id")
            text(&taxonomy.disciplines[d].label, file: file, what: "discipline \(taxonomy.disciplines[d].id)")
            text(&taxonomy.disciplines[d].family, file: file, what: "discipline \(taxonomy.disciplines[d].id) family")
        }
        for k in taxonomy.keywords.indices {
            text(&taxonomy.keywords[k].id, file: file, what: "keyword id")
            text(&taxonomy.keywords[k].label, file: file, what: "keyword \(taxonomy.keywords[k].id)")
        }
    }

    /// A participant's texts (already cleaned by Ingest; this only guards what came another way, e.g. the state).
    static func clean(_ p: inout Participant) {
        if XMLText.needsCleaning(p.name) { XMLText.clean(&p.name) }
        if XMLText.needsCleaning(p.organisation) { XMLText.clean(&p.organisation) }
        if XMLText.needsCleaning(p.role) { XMLText.clean(&p.role) }
        if XMLText.needsCleaning(p.email) { XMLText.clean(&p.email) }
        if let d = p.discipline, XMLText.needsCleaning(d) { p.discipline = XMLText.cleaned(d).text }
        if let f = p.family, XMLText.needsCleaning(f) { p.family = XMLText.cleaned(f).text }
        if p.interests.contains(where: XMLText.needsCleaning) { p.interests = p.interests.map { XMLText.cleaned($0).text } }
    }

    static func clean(_ m: inout SessionMetrics) {
        XMLText.clean(&m.title)
        if m.familyCounts.keys.contains(where: XMLText.needsCleaning) {
            m.familyCounts = Dictionary(m.familyCounts.map { (XMLText.cleaned($0.key).text, $0.value) }, uniquingKeysWith: +)
        }
        for k in m.keywordDepth.indices {
            XMLText.clean(&m.keywordDepth[k].keyword)
            XMLText.clean(&m.keywordDepth[k].label)
        }
    }
}
