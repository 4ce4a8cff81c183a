import Normalise
import XCTest

final class TextFoldingTests: XCTestCase {
    func testCaseDiacriticsAndLigatures() {
        XCTAssertEqual(TextFolding.fold("Woontypologieën"), "woontypologieen")
        XCTAssertEqual(TextFolding.fold("Agrariër"), "agrarier")
        XCTAssertEqual(TextFolding.fold("ĳsselmeer"), "ijsselmeer")
        XCTAssertEqual(TextFolding.fold("IJssel"), "ijssel")
        XCTAssertEqual(TextFolding.fold("Coördinator"), "coordinator")
        XCTAssertEqual(TextFolding.fold("Straße"), "strasse")
        XCTAssertEqual(TextFolding.fold("ﬁetsen"), "fietsen")  // NFKC: the fi ligature
        XCTAssertEqual(TextFolding.fold("Ｒｅｓ"), "res")  // NFKC: full-width letters
    }

    func testPunctuationAndWhitespace() {
        XCTAssertEqual(TextFolding.fold("  Gemeente\u{00A0}  Amsterdam \t"), "gemeente amsterdam")
        XCTAssertEqual(TextFolding.fold("energie-transitie"), "energie transitie")
        XCTAssertEqual(TextFolding.fold("n.v.t."), "n v t")
        XCTAssertEqual(TextFolding.fold("zzp'er"), "zzper")
        XCTAssertEqual(TextFolding.fold("programma’s"), "programmas")
        XCTAssertEqual(TextFolding.fold("nationale omgevingsvisie (NOVI)"), "nationale omgevingsvisie novi")
        XCTAssertEqual(TextFolding.fold("-"), "")
        XCTAssertEqual(TextFolding.tokens("Senior  beleids-adviseur"), ["senior", "beleids", "adviseur"])
    }

    func testOrganisationFolding() {
        let n = Fixtures.normaliser
        XCTAssertEqual(n.foldOrganisation("Gemeente Amsterdam"), n.foldOrganisation("gemeente amsterdam "))
        XCTAssertEqual(n.foldOrganisation("Gem. Amsterdam"), "gemeente amsterdam")
        XCTAssertEqual(n.foldOrganisation("Prov. Utrecht"), "provincie utrecht")
        XCTAssertEqual(n.foldOrganisation("Arcadis Nederland B.V."), "arcadis nederland")
        XCTAssertEqual(n.foldOrganisation("Rijksdienst voor het Cultureel Erfgoed"), "rijksdienst voor het cultureel erfgoed")
        XCTAssertEqual(n.foldOrganisation("Gemeente ’s-Hertogenbosch"), "gemeente s hertogenbosch")
        XCTAssertEqual(n.foldOrganisation("Gémeente  Den   Haag"), "gemeente den haag")
        XCTAssertEqual(n.foldOrganisation(""), "")
    }
}
