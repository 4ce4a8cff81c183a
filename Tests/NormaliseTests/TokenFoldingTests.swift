import Normalise
import XCTest

final class TokenFoldingTests: XCTestCase {
    func testCaseDiacriticsAndLigatures() {
        XCTAssertEqual(TokenFolding.fold("Woontypologieën"), "woontypologieen")
        XCTAssertEqual(TokenFolding.fold("Agrariër"), "agrarier")
        XCTAssertEqual(TokenFolding.fold("ĳsselmeer"), "ijsselmeer")
        XCTAssertEqual(TokenFolding.fold("IJssel"), "ijssel")
        XCTAssertEqual(TokenFolding.fold("Coördinator"), "coordinator")
        XCTAssertEqual(TokenFolding.fold("Straße"), "strasse")
        XCTAssertEqual(TokenFolding.fold("ﬁetsen"), "fietsen")  // NFKC: the fi ligature
        XCTAssertEqual(TokenFolding.fold("Ｒｅｓ"), "res")  // NFKC: full-width letters
    }

    func testPunctuationAndWhitespace() {
        XCTAssertEqual(TokenFolding.fold("  Gemeente\u{00A0}  Amsterdam \t"), "gemeente amsterdam")
        XCTAssertEqual(TokenFolding.fold("energie-transitie"), "energie transitie")
        XCTAssertEqual(TokenFolding.fold("n.v.t."), "n v t")
        XCTAssertEqual(TokenFolding.fold("zzp'er"), "zzper")
        XCTAssertEqual(TokenFolding.fold("programma’s"), "programmas")
        XCTAssertEqual(TokenFolding.fold("nationale omgevingsvisie (NOVI)"), "nationale omgevingsvisie novi")
        XCTAssertEqual(TokenFolding.fold("-"), "")
        XCTAssertEqual(TokenFolding.tokens("Senior  beleids-adviseur"), ["senior", "beleids", "adviseur"])
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
