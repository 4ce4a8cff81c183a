import XCTest
@testable import Ingest
import WerksessiesModel

final class CSVIngestTests: XCTestCase {
    func testBasicCommaFileWithDutchHeaders() throws {
        let dir = try TempDir()
        let path = try dir.write("a.csv", """
            Tijdstempel,E-mailadres,Voornaam,Achternaam,Organisatie,Functie,Vakgebied,Wat zijn uw interessegebieden?,Heeft u mandaat om namens uw organisatie te tekenen?,Toestemming
            14-9-2020 10:23,Jan@Example.nl,Jan,Jansen,Gemeente Utrecht,Stedenbouwkundige,Stedenbouw,"Klimaat; Wonen",Ja,ja
            2020-09-15 08:00:00,piet@example.org,Piet,de Vries,"Bureau ""X"", Amsterdam",Adviseur,Landschap,"Natuur
            Water",Nee,nee

            """)
        let result = try Ingest.run([InputSpec(path: path)])
        XCTAssertEqual(result.counts.rowsRead, 2)
        XCTAssertEqual(result.registrations.count, 2)
        let jan = try XCTUnwrap(result.registration("jan@example.nl"))
        XCTAssertEqual(jan.email, "Jan@Example.nl")
        XCTAssertEqual(jan.emailKey, "jan@example.nl")
        XCTAssertEqual(jan.name, "Jan Jansen")
        XCTAssertEqual(jan.organisation, "Gemeente Utrecht")
        XCTAssertEqual(jan.role, "Stedenbouwkundige")
        XCTAssertEqual(jan.discipline, "Stedenbouw")
        XCTAssertEqual(jan.interests, "Klimaat; Wonen")
        XCTAssertEqual(jan.mandate, true)
        XCTAssertEqual(jan.consent, true)
        XCTAssertEqual(jan.source.row, 2)
        let piet = try XCTUnwrap(result.registration("piet@example.org"))
        XCTAssertEqual(piet.organisation, "Bureau \"X\", Amsterdam")
        XCTAssertEqual(piet.interests, "Natuur\nWater")
        XCTAssertEqual(piet.mandate, false)
        XCTAssertEqual(piet.source.row, 3)
        XCTAssertEqual(result.files.count, 1)
        XCTAssertEqual(result.files[0].rows, 2)
        XCTAssertEqual(result.files[0].sha256, SHA256.hex(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
    }
}
