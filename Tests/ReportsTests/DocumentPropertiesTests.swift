import Foundation
import TestSupport
import WerksessiesModel
import XCTest

@testable import Reports

/// Every workbook's File › Properties, read back from docProps/core.xml, app.xml and custom.xml.
final class DocumentPropertiesTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("properties-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func workbooks(_ options: ReportOptions) throws -> [String: WorkbookReadBack] {
        _ = try Reports.writeAll(ReportFixture.bundle(options: options), to: directory)
        var books: [String: WorkbookReadBack] = [:]
        for name in ["board.xlsx", "data_quality.xlsx", "partners/PBL.xlsx"] {
            books[name] = try WorkbookReadBack(directory.appendingPathComponent(name))
        }
        return books
    }

    func testEveryWorkbookCarriesTitleSubjectAuthorCompanyAndTheRunID() throws {
        let books = try workbooks(ReportOptions(author: "Team Indeling", company: "Ministerie van BZK"))
        let event = ReportFixture.catalog.event
        let expected: [String: (title: String, subject: String, category: String)] = [
            "board.xlsx": ("Bestuursrapportage \(event)", "Indeling en diversiteit van de werksessies", "Bestuur"),
            "data_quality.xlsx": ("Datakwaliteit \(event)", "Problemen in de invoer en toegepaste correcties", "Analisten"),
            "partners/PBL.xlsx": (
                "Partnerrapportage Planbureau voor de Leefomgeving — \(event)",
                "Sessie 1: Ontwerpend onderzocht, en dan?; Sessie 2: Woonwijken van de toekomst", "Deelnemerslijst"
            ),
        ]
        for (name, book) in books {
            let properties = book.documentProperties
            XCTAssertEqual(properties["title"], expected[name]?.title, name)
            XCTAssertEqual(properties["subject"], expected[name]?.subject, name)
            XCTAssertEqual(properties["category"], expected[name]?.category, name)
            XCTAssertEqual(properties["creator"], "Team Indeling", name)
            XCTAssertEqual(properties["Company"], "Ministerie van BZK", name)
            XCTAssertEqual(properties["created"], "2024-06-01T00:00:00Z", name)
            XCTAssertTrue(properties["keywords"]?.hasPrefix(event + ", ") ?? false, "\(name): \(properties)")
            XCTAssertTrue(properties["description"]?.hasPrefix("Run-id: 20240601-020000. ") ?? false, "\(name): \(properties)")
            XCTAssertEqual(book.customProperties, ["Run-id": "20240601-020000"], name)
        }
        let partner = try XCTUnwrap(books["partners/PBL.xlsx"]).documentProperties
        XCTAssertEqual(partner["Manager"], "Planbureau voor de Leefomgeving")
        XCTAssertEqual(partner["keywords"], "\(event), Planbureau voor de Leefomgeving, Sessie 1, Sessie 2")
        XCTAssertEqual(partner["description"], "Run-id: 20240601-020000. Vertrouwelijk — bevat persoonsgegevens")
        XCTAssertEqual(
            books["board.xlsx"]?.documentProperties["description"],
            "Run-id: 20240601-020000. Dit rapport bevat geen persoonsgegevens.")
    }

    func testWithoutAuthorOrCompanyTheProgramIsTheAuthorAndNoCompanyIsClaimed() throws {
        let books = try workbooks(ReportOptions(language: .en))
        for (name, book) in books {
            let properties = book.documentProperties
            XCTAssertEqual(properties["creator"], "werksessies", name)
            XCTAssertNil(properties["Company"], name)
            XCTAssertEqual(book.customProperties["Run-id"], "20240601-020000", name)
        }
        XCTAssertEqual(books["board.xlsx"]?.documentProperties["title"], "Board report \(ReportFixture.catalog.event)")
        XCTAssertEqual(books["board.xlsx"]?.documentProperties["category"], "Board")
    }
}
