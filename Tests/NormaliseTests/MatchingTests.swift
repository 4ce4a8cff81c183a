import Normalise
import WerksessiesModel
import XCTest

final class MatchingTests: XCTestCase {
    let n = Fixtures.normaliser

    func testStemmingMeetsPluralsAndInflections() {
        XCTAssertEqual(n.extractInterests("stadsrand"), ["stadsranden"])
        XCTAssertEqual(n.extractInterests("stadsranden"), ["stadsranden"])
        XCTAssertEqual(n.extractInterests("woontypologie"), ["nieuwe-woontypologieen"])
        XCTAssertEqual(n.extractInterests("nieuwe woontypologieën"), ["nieuwe-woontypologieen"])
        XCTAssertEqual(n.matchDiscipline("architecten").discipline, "architect")
        XCTAssertEqual(n.matchDiscipline("architecten").method, .stemmed)
        XCTAssertEqual(n.matchDiscipline("Stedenbouwkundigen").discipline, "stedenbouwkundige")
    }

    func testCompoundsAndSeparatedSpellings() {
        XCTAssertEqual(n.extractInterests("gebieds ontwikkeling"), ["gebiedsontwikkeling"])
        XCTAssertEqual(n.extractInterests("energie-transitie"), ["energietransitie"])
        XCTAssertEqual(n.extractInterests("kennis- en innovatieagenda"), ["kennis-en-innovatieagenda"])
        XCTAssertEqual(n.matchDiscipline("Beleids adviseur").discipline, "beleidsadviseur")
        let compound = n.matchDiscipline("gemeentearchitect")
        XCTAssertEqual(compound.discipline, "architect")
        XCTAssertEqual(compound.method, .compound)
    }

    func testFuzzyThresholdsDependOnLength() {
        XCTAssertEqual(EditDistance.maxEdits(forLength: 3), 0)
        XCTAssertEqual(EditDistance.maxEdits(forLength: 4), 0)
        XCTAssertEqual(EditDistance.maxEdits(forLength: 5), 1)
        XCTAssertEqual(EditDistance.maxEdits(forLength: 8), 1)
        XCTAssertEqual(EditDistance.maxEdits(forLength: 9), 2)
        XCTAssertEqual(EditDistance.osa("architect", "archtiect"), 1)  // transposition
        XCTAssertEqual(EditDistance.osa("kitten", "sitting"), 3)
        XCTAssertEqual(EditDistance.osa("", "abc"), 3)
        // One typo in a long word is corrected, three are not.
        let one = n.matchDiscipline("archtect")
        XCTAssertEqual(one.discipline, "architect")
        XCTAssertEqual(one.method, .fuzzy)
        XCTAssertEqual(n.matchDiscipline("landschapsarchitekt").discipline, "landschapsarchitect")
        XCTAssertNil(n.matchDiscipline("archxyzct").discipline)
        // Short words need an exact match: "ecolg" (5) may be one edit off, "RAS" (3) may not be RES.
        XCTAssertEqual(n.extractInterests("RAS"), [])
        XCTAssertEqual(n.extractInterests("energietrnasitie"), ["energietransitie"])
    }

    func testExactAndStemmedWinBeforeFuzzy() {
        // "planner" is a synonym; fuzzy must not take it to "planning" or elsewhere.
        XCTAssertEqual(n.matchDiscipline("planner").method, .exact)
        XCTAssertEqual(n.matchDiscipline("Ecoloog").method, .exact)
    }

    func testFuzzyTiesAcrossFamiliesAreNotGuessed() throws {
        // A hand-made taxonomy: "bouwer" (market) and "bouwen"… no — two synonyms one edit from the value.
        let taxonomy = Taxonomy(
            families: [.init(id: "design", label: "Ontwerp"), .init(id: "market", label: "Markt")],
            disciplines: [
                .init(id: "ontwerper", label: "Ontwerper", family: "design", synonyms: ["planmaker"]),
                .init(id: "ontwikkelaar", label: "Ontwikkelaar", family: "market", synonyms: ["planmakar"]),
            ],
            keywords: [])
        let normaliser = Normaliser(taxonomy: taxonomy, catalog: Catalog(event: "t", sessions: []))
        let match = normaliser.matchDiscipline("planmakor")
        XCTAssertNil(match.discipline)
        XCTAssertEqual(match.method, .ambiguous)
        XCTAssertEqual(Set(match.suggestions.prefix(2)), ["ontwerper", "ontwikkelaar"])
    }

    func testRolePhrases() {
        let m = n.matchDiscipline("Senior beleidsadviseur ruimtelijke ordening gemeente Utrecht")
        XCTAssertEqual(m.discipline, "adviseur-ruimtelijke-ordening")
        XCTAssertEqual(m.family, "policy")
        XCTAssertEqual(n.matchDiscipline("Stedenbouwkundige bij gemeente Rotterdam").discipline, "stedenbouwkundige")
        XCTAssertEqual(n.matchDiscipline("wethouder ruimtelijke ordening").discipline, "bestuurder")
        XCTAssertEqual(n.matchDiscipline("adviseur duurzaamheid").discipline, "duurzaamheidsadviseur")
        XCTAssertEqual(n.matchDiscipline("Adviseur bij Arcadis").discipline, "consultant")
        XCTAssertNil(n.matchDiscipline("HR adviseur").discipline)
    }

    func testNonAnswersAreUnknownNotFuzzy() {
        for value in ["n.v.t.", "nvt", "N/A", "-", "zie LinkedIn", "geen", "none", "onbekend", "?", "", "   "] {
            let match = n.matchDiscipline(value)
            XCTAssertNil(match.discipline, value)
            XCTAssertTrue(match.method == .nonAnswer || match.method == .empty, "\(value): \(match.method)")
            XCTAssertEqual(n.extractInterests(value), [], value)
            XCTAssertFalse(n.analyseInterests(value).gaveInterests, value)
        }
    }

    func testSuggestionsForUnmappedValues() {
        let match = n.matchDiscipline("stedelijk planoloog-ontwerper xyz")
        XCTAssertNotNil(match.discipline)  // n-gram: planoloog
        let unmapped = n.matchDiscipline("Stedenbuwkundig plannings-ontwerpbureau")
        if unmapped.discipline == nil {
            XCTAssertFalse(unmapped.suggestions.isEmpty)
        }
        let suggestions = n.suggestDisciplines("stdnbouwkndige")
        XCTAssertEqual(suggestions.count, 3)
        XCTAssertEqual(suggestions.first, "stedenbouwkundige", "\(suggestions)")
        XCTAssertTrue(n.suggestDisciplines("plnolg").contains("planoloog"))
        let typo = n.matchDiscipline("stdnbouwkndige")  // three edits: too far to correct, close enough to suggest
        XCTAssertNil(typo.discipline)
        XCTAssertEqual(typo.suggestions.first, "stedenbouwkundige")
        let none = n.matchDiscipline("Loodgieter")
        XCTAssertNil(none.discipline)
        XCTAssertEqual(none.method, .unmapped)
        XCTAssertLessThanOrEqual(none.suggestions.count, 3)
        XCTAssertEqual(n.suggestKeywords("leefbaarhijd")[0], "leefbaarheid")
    }

    func testInterestsListsAndSentences() {
        XCTAssertEqual(
            n.extractInterests("Vooral interesse in de energietransitie en draagvlak"), ["draagvlak", "energietransitie"])
        XCTAssertEqual(n.extractInterests("NOVI; leefbaarheid; groen"), ["groen", "leefbaarheid", "novi"])
        XCTAssertEqual(n.extractInterests("impacttraject Actieagenda Ruimtelijk Ontwerp"), ["impacttraject-aro"])
        XCTAssertEqual(n.extractInterests("ARO"), ["aro"])
        XCTAssertEqual(n.extractInterests("BZK"), [])
        let analysis = n.analyseInterests("leefbaarheid; voetbal; Ik laat me graag verrassen door de sessie")
        XCTAssertEqual(analysis.keywords, ["leefbaarheid"])
        XCTAssertEqual(analysis.unmapped.map(\.text), ["voetbal"])  // the long sentence is not reported word by word
        XCTAssertTrue(analysis.gaveInterests)
    }
}
