import Configuration
import Foundation
import Ingest
import Logging
import Reports
import TestSupport
import WerksessiesModel
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Pipeline

/// Hostile exports through the whole pipeline: what partners receive, and whether every workbook stays valid XML.
final class PrivacyEndToEndTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-privacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    static let pipelines = EndToEndTests.root.appendingPathComponent("Pipelines")
    static let interests = ["Wonen; leefbaarheid", "Energietransitie", "erfgoed, groen", "NOVI", "duurzaamheid", "RES", "draagvlak", "bouwcultuur"]
    static let disciplines = ["architect", "stedenbouwkundige", "ecoloog", "beleidsadviseur", "kunstenaar", "ontwikkelaar"]

    /// A config in the scratch folder with the given catalog and taxonomy and extra YAML.
    func writeConfig(catalog: String, taxonomy: String, extra: String = "") throws -> PipelineConfig {
        let path = scratch.appendingPathComponent("nightly-\(UUID().uuidString).yml")
        try """
            catalog: \(catalog)
            taxonomy: \(taxonomy)
            output: out
            \(extra)
            """.write(to: path, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(path: path.path)
    }

    func run(_ config: PipelineConfig, inputs: [URL], name: String) throws -> RunOutcome {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let options = RunOptions(
            inputs: inputs.map(\.path), output: scratch.appendingPathComponent(name).path,
            state: scratch.appendingPathComponent("\(name).sqlite").path)
        return try NightlyRun(config: config, options: options, logger: logger).run()
    }

    // MARK: - Partners see only what was consented

    /// One participant of the hostile exports and whether they consented to sharing.
    struct Person {
        var index: Int
        var consents: Bool
        var email: String { "p\(index).q@example.nl" }
        var firstName: String { "Deelnemer-\(index)-Q" }
        var lastName: String { "Zw\(index)aluw" }
        var organisation: String { "Org-\(index)-Priv" }
        var role: String { "Rol-\(index)-Priv" }
        var tokens: [String] { [email, firstName, lastName, organisation, role] }
    }

    /// Four exports, each hostile in its own way; returns the files and who consented.
    func hostileExports() throws -> ([URL], [Person]) {
        var people: [Person] = []
        var next = 0
        func person(_ consents: Bool) -> Person {
            next += 1
            let p = Person(index: next, consents: consents)
            people.append(p)
            return p
        }
        func fields(_ p: Person, _ answers: [String], separator: String = ",") -> String {
            let base = [p.email, p.firstName, p.lastName, p.organisation, p.role, Self.disciplines[p.index % Self.disciplines.count],
                        Self.interests[p.index % Self.interests.count], p.index % 3 == 0 ? "Ja" : "Nee"]
            return (base + answers).map { "\"\($0)\"" }.joined(separator: separator)
        }
        let head = "E-mail,Voornaam,Achternaam,Organisatie,Functie,Vakgebied,Interessegebieden,Mandaat"
        // A: the sharing question next to a photo consent that everybody gave; unclear answers are no.
        let unclear = ["Ja, maar niet delen", "Yes, but do not share", "Ja (liever niet delen)", "Ja, nee", "Akkoord, behalve met partners",
                       "Ja graag niet", "ja, na overleg met mijn directeur", "weet ik niet", "x", "Nee", "", "Misschien", "Ja/Nee",
                       "Yes, subject to approval", "Geen toestemming", "Ik ga niet akkoord"]
        var a = [head + ",Toestemming foto's,Ik geef toestemming om mijn contactgegevens te delen met de trekkers van mijn werksessie"]
        for i in 0..<40 { a.append(fields(person(i % 2 == 0), ["Ja", i % 2 == 0 ? ["Ja", "Yes", "Akkoord", "Ik ga akkoord"][i / 2 % 4] : unclear[i / 2 % unclear.count]])) }
        // B: two consent-like columns, neither about sharing: nobody is shared.
        var b = [head + ",Toestemming,Toestemming nieuwsbrief"]
        for _ in 0..<15 { b.append(fields(person(false), ["Ja", "Ja"])) }
        // C: the question asked the other way round, not mapped: nobody is shared.
        var c = [head + ",Ik geef GEEN toestemming om mijn gegevens te delen"]
        for _ in 0..<15 { c.append(fields(person(false), ["Nee"])) }
        // D: semicolons, one sharing question without the word "toestemming".
        var d = [head.replacingOccurrences(of: ",", with: ";") + ";Mogen wij uw gegevens delen met de organisatoren?"]
        for i in 0..<20 { d.append(fields(person(i % 4 != 0), [i % 4 != 0 ? "Ja" : "Ja, maar alleen mijn naam"], separator: ";")) }
        var files: [URL] = []
        for (name, lines) in [("a.csv", a), ("b.csv", b), ("c.csv", c), ("d.csv", d)] {
            let url = scratch.appendingPathComponent(name)
            try (lines.joined(separator: "\r\n") + "\r\n").write(to: url, atomically: true, encoding: .utf8)
            files.append(url)
        }
        return (files, people)
    }

    /// E-mail → session, from assignments.csv.
    func sessions(_ outcome: RunOutcome) throws -> [String: Int] {
        let rows = try CSVReader.read(path: outcome.runFolder + "/assignments.csv")
        let email = try XCTUnwrap(rows[0].firstIndex(of: "email")), session = try XCTUnwrap(rows[0].firstIndex(of: "session"))
        var out: [String: Int] = [:]
        for row in rows.dropFirst() { out[row[email].lowercased()] = Int(row[session]) }
        return out
    }

    /// Every partner workbook's inflated parts, by organisation id.
    func partnerParts(_ outcome: RunOutcome, _ catalog: Catalog, _ options: ReportOptions) throws -> [String: [(String, Data)]] {
        let recipients = catalog.organisations.filter { org in
            catalog.sessions.contains { $0.trekkers.contains { $0.id == org.id && (options.partnersIncludeISM || !$0.inCooperation) } }
        }
        let names = Reports.partnerFileNames(recipients.map(\.id))
        let folder = URL(fileURLWithPath: outcome.runFolder).appendingPathComponent("partners")
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)), Set(names.map { $0 + ".xlsx" }))
        var out: [String: [(String, Data)]] = [:]
        for (org, name) in zip(recipients, names) {
            out[org.id] = try WorkbookReadBack(folder.appendingPathComponent(name + ".xlsx")).allBytes
        }
        return out
    }

    func testPartnerWorkbooksHoldNobodyWithoutConsentNorOtherSessionsParticipants() throws {
        let (files, people) = try hostileExports()
        XCTAssertEqual(people.filter(\.consents).count, 35)
        let modes = [("aggregate", ""), ("name_only", "partners:\n  without_consent: name_only"), ("no_ism", "partners:\n  include_ism: false")]
        for (mode, extra) in modes {
            let config = try writeConfig(
                catalog: Self.pipelines.appendingPathComponent("sessions.yml").path,
                taxonomy: Self.pipelines.appendingPathComponent("taxonomy.yml").path, extra: extra)
            let outcome = try run(config, inputs: files, name: mode)
            let catalog = try CatalogFiles.loadCatalog(path: config.catalogPath)
            let placed = try sessions(outcome)
            let parts = try partnerParts(outcome, catalog, config.reportOptions)
            XCTAssertFalse(parts.isEmpty)
            var listed = 0
            for (org, entries) in parts {
                let includeISM = config.reportOptions.partnersIncludeISM
                let own = Set(catalog.sessions.filter { $0.trekkers.contains { $0.id == org && (includeISM || !$0.inCooperation) } }.map(\.id))
                let text = entries.map { String(decoding: $0.1, as: UTF8.self) }.joined(separator: "\n")
                // The cover says how many are not listed and why.
                XCTAssertTrue(text.contains(mode == "name_only" ? "Alleen met naam (geen toestemming)" : "Niet op de lijst (geen toestemming)"), org)
                for p in people {
                    let session = placed[p.email]
                    let ownSession = session.map(own.contains) == true
                    for token in p.tokens {
                        let shown = text.contains(token)
                        let allowed = ownSession && (p.consents || (mode == "name_only" && (token == p.firstName || token == p.lastName)))
                        if shown && !allowed {
                            XCTFail("\(mode): \(org) shows \(token) (consents: \(p.consents), session \(session ?? -1), own \(own.sorted()))")
                        }
                        if allowed && p.consents && !shown { XCTFail("\(mode): \(org) misses its own consenting participant's \(token)") }
                        if shown && token == p.email { listed += 1 }
                    }
                }
            }
            XCTAssertGreaterThan(listed, 0)
            if mode == "no_ism" {
                XCTAssertNil(parts["TVB"], "an i.s.m.-only partner receives no list")
                XCTAssertNotNil(parts["BNSP"])
            }
        }
    }

    func testASmallCellThresholdBelowOneIsAConfigError() throws {
        let catalog = Self.pipelines.appendingPathComponent("sessions.yml").path
        let taxonomy = Self.pipelines.appendingPathComponent("taxonomy.yml").path
        for bad in ["0", "-3"] {
            XCTAssertThrowsError(try writeConfig(catalog: catalog, taxonomy: taxonomy, extra: "reports:\n  small_cell_threshold: \(bad)")) {
                XCTAssertTrue("\($0)".contains("small_cell_threshold"), "\($0)")
            }
        }
        XCTAssertEqual(try writeConfig(catalog: catalog, taxonomy: taxonomy, extra: "reports:\n  small_cell_threshold: 1").reportOptions.smallCellThreshold, 1)
        XCTAssertThrowsError(try writeConfig(catalog: catalog, taxonomy: taxonomy, extra: "partners:\n  without_consent: everything"))
    }

    // MARK: - Workbooks valid whatever people type

    /// Every character XML 1.0 forbids that a Swift string can hold.
    static let forbidden: [Unicode.Scalar] = (Array(0x01...0x08) + [0x0B, 0x0C] + Array(0x0E...0x1F) + [0xFFFE, 0xFFFF]).map { Unicode.Scalar($0)! }
    static var forbiddenText: String { String(String.UnicodeScalarView(forbidden)) }
    /// The same as YAML double-quoted escapes.
    static var forbiddenYAML: String { forbidden.map { $0.value > 0xFF ? String(format: "\\u%04X", $0.value) : String(format: "\\x%02X", $0.value) }.joined() }

    /// A copy of a YAML file with the forbidden characters inside every double-quoted scalar.
    func poisoned(_ name: String) throws -> String {
        let text = try String(contentsOf: Self.pipelines.appendingPathComponent(name), encoding: .utf8)
        var out = ""
        var inQuotes = false
        var inComment = false
        for ch in text {
            if ch == "\n" { inComment = false; inQuotes = false }
            if !inQuotes && ch == "#" { inComment = true }
            if ch == "\"" && !inComment {
                if inQuotes { out += Self.forbiddenYAML + "x" }
                inQuotes.toggle()
            }
            out.append(ch)
        }
        let path = scratch.appendingPathComponent(name).path
        try out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testEveryForbiddenCharacterInEveryFieldAndCatalogTextGivesWellFormedWorkbooks() throws {
        let bad = Self.forbiddenText
        var lines = ["E-mail,Voornaam,Achternaam,Organisatie,Functie,Vakgebied,Interessegebieden,Mandaat,Toestemming,Tijdstempel,Status"]
        // Clean rows first: a file that starts with more than 5% control bytes is refused as binary, not read.
        for i in 0..<80 {
            lines.append("clean\(i)@example.nl,Clean,Row \(i),Gemeente Utrecht,Adviseur,architect,\"Wonen; leefbaarheid\",Ja,Ja,2020-09-14 10:23,")
        }
        for i in 0..<30 {
            let values = ["p\(i)\(bad)@example.nl", "An\(bad)na", "de\(bad) Vries", "Ge\(bad)meente", "Ad\(bad)viseur",
                          "archi\(bad)tect", Self.interests[i % Self.interests.count] + bad, "Ja" + bad, i % 2 == 0 ? "Ja" : "Ja\(bad)",
                          "2020-09-14 10:23\(bad)", "Bevestigd\(bad)"]
            lines.append(values.map { "\"\($0)\"" }.joined(separator: ","))
        }
        let csv = scratch.appendingPathComponent("bad.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        // A lone surrogate as its (invalid) UTF-8 bytes, in a file of its own.
        var bytes = Array("E-mail,Naam,Toestemming\nsur@example.nl,Lone ".utf8) + [0xED, 0xA0, 0x80] + Array(" Surrogate,Ja\n".utf8)
        bytes += Array("sur2@example.nl,Other,Ja\n".utf8)
        let surrogate = scratch.appendingPathComponent("surrogate.csv")
        try Data(bytes).write(to: surrogate)

        let config = try writeConfig(catalog: try poisoned("sessions.yml"), taxonomy: try poisoned("taxonomy.yml"))
        let catalog = try CatalogFiles.loadCatalog(path: config.catalogPath)
        XCTAssertTrue(catalog.event.unicodeScalars.contains(Unicode.Scalar(0x01)!), "the poisoned catalog holds the characters")
        XCTAssertTrue(catalog.sessions[0].title.unicodeScalars.contains(Unicode.Scalar(0xFFFF)!))
        let outcome = try run(config, inputs: [csv, surrogate], name: "xml")
        XCTAssertEqual(outcome.manifest.counts.rejected, 0)

        var workbooks = [URL(fileURLWithPath: outcome.runFolder).appendingPathComponent("board.xlsx")]
        let partners = URL(fileURLWithPath: outcome.runFolder).appendingPathComponent("partners")
        workbooks += try FileManager.default.contentsOfDirectory(atPath: partners.path).sorted().map { partners.appendingPathComponent($0) }
        XCTAssertGreaterThan(workbooks.count, 10)
        var parts = 0
        for workbook in workbooks {
            for (path, data) in try WorkbookReadBack(workbook).allBytes where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
                let parser = XMLParser(data: data)
                XCTAssertTrue(parser.parse(), "\(workbook.lastPathComponent) \(path): \(parser.parserError.map { "\($0)" } ?? "")")
                parts += 1
            }
        }
        XCTAssertGreaterThan(parts, 100)

        let quality = try String(contentsOfFile: outcome.runFolder + "/data_quality.csv", encoding: .utf8)
        XCTAssertTrue(quality.contains("invalid_character"))
        XCTAssertTrue(quality.contains("catalog"), "the catalog's texts are reported")
        let rows = try CSVReader.read(path: outcome.runFolder + "/data_quality.csv")
        let code = try XCTUnwrap(rows[0].firstIndex(of: "code")), column = try XCTUnwrap(rows[0].firstIndex(of: "column"))
        let cleanedColumns = Set(rows.dropFirst().filter { $0[code] == "invalid_character" }.map { $0[column] })
        for field in ["E-mail", "Voornaam", "Achternaam", "Organisatie", "Functie", "Vakgebied", "Interessegebieden", "Mandaat", "Toestemming", "Tijdstempel", "Status"] {
            XCTAssertTrue(cleanedColumns.contains(field), field)
        }
    }
}
