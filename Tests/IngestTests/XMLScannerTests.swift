import XCTest
@testable import Ingest

/// The pull scanner of the xlsx parts on its edge cases: attributes, entities, CDATA, self-closing tags, truncation.
final class XMLScannerTests: XCTestCase {
    /// The events of a document as text: `<name attrs>`, `<name/>`, `</name>`, `"text"` (decoded), `[cdata]`.
    static func events(_ xml: String) throws -> [String] {
        try events(Array(xml.utf8))
    }

    static func events(_ bytes: [UInt8]) throws -> [String] {
        try events(XMLScanner(bytes), bytes)
    }

    static func events(_ scanner: XMLScanner, _ bytes: [UInt8]) throws -> [String] {
        var scanner = scanner
        var out: [String] = []
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        while let event = try scanner.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                let attrs = text(attributes).trimmingCharacters(in: .whitespacesAndNewlines)
                out.append("<" + text(name) + (attrs.isEmpty ? "" : " " + attrs) + (selfClosing ? "/>" : ">"))
            case .end(let name):
                out.append("</" + text(name) + ">")
            case .text(let range, let cdata):
                var decoded: [UInt8] = []
                scanner.appendDecoded(range, cdata: cdata, to: &decoded)
                let value = String(decoding: decoded, as: UTF8.self)
                out.append(cdata ? "[" + value + "]" : "\"" + value + "\"")
            }
        }
        return out
    }

    func testTagsTextAndSelfClosing() throws {
        XCTAssertEqual(
            try Self.events("<?xml version=\"1.0\"?><a><b x=\"1\"/>hi<c\ty='2'\n/><d></d></a>"),
            ["<a>", "<b x=\"1\"/>", "\"hi\"", "<c y='2'/>", "<d>", "</d>", "</a>"])
    }

    func testAttributesMayHoldAngleBracketsSlashesAndOtherQuotes() throws {
        let xml = "<c r=\"A1\" t='x\"y' f=\"a>b/\" s=\"3\"/><d u=\"/\">x</d>"
        XCTAssertEqual(try Self.events(xml), ["<c r=\"A1\" t='x\"y' f=\"a>b/\" s=\"3\"/>", "<d u=\"/\">", "\"x\"", "</d>"])
        let bytes = Array(xml.utf8)
        var scanner = XMLScanner(bytes)
        guard case .start(_, let attributes, true)? = try scanner.next() else { return XCTFail("no start tag") }
        let (r, t, s) = scanner.cellAttributes(in: attributes)
        XCTAssertEqual(r.map { String(decoding: bytes[$0], as: UTF8.self) }, "A1")
        XCTAssertEqual(t.map { String(decoding: bytes[$0], as: UTF8.self) }, "x\"y")
        XCTAssertEqual(s.flatMap { scanner.decimal($0) }, 3)
        XCTAssertEqual(scanner.attributeString(Array("f".utf8), in: attributes), "a>b/")
        XCTAssertNil(scanner.attribute(Array("q".utf8), in: attributes))
    }

    func testEntitiesAndCharacterReferences() throws {
        XCTAssertEqual(
            try Self.events("<t>a &amp; b &lt;c&gt; &quot;d&apos; &#233;&#x20AC;&#X41; &nbsp; &#xD800; &#0; & x</t>"),
            ["<t>", "\"a & b <c> \"d' é€A &nbsp; \u{FFFD} \u{FFFD} & x\"", "</t>"])
        var scanner = XMLScanner(Array("<a v=\"x &amp; y\"/>".utf8))
        guard case .start(_, let attributes, _)? = try scanner.next() else { return XCTFail("no start tag") }
        XCTAssertEqual(scanner.attributeString(Array("v".utf8), in: attributes), "x & y")
    }

    func testCDATACommentsAndProcessingInstructions() throws {
        XCTAssertEqual(
            try Self.events("<t><![CDATA[<row> &amp; ]]]]><!-- <c> --><?pi <x>?>z</t>"),
            ["<t>", "[<row> &amp; ]]]", "\"z\"", "</t>"])
    }

    func testByteOrderMarkIsSkipped() throws {
        XCTAssertEqual(try Self.events([0xEF, 0xBB, 0xBF] + Array("<a/>".utf8)), ["<a/>"])
    }

    func testDoctypeAndEntityDeclarationsAreRefused() {
        for xml in ["<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "<a><!ENTITY x \"y\"></a>", "<a><!ELEMENT a ANY></a>"] {
            XCTAssertThrowsError(try Self.events(xml), xml) { error in
                guard case XMLScanError.doctype = error else { return XCTFail("\(xml): \(error)") }
            }
        }
    }

    func testMalformedTags() {
        for xml in ["<a", "<a b=\"1>", "</a", "<>", "<a <b>", "<!-- x", "<? x", "<![CDATA[ x", "<"] {
            XCTAssertThrowsError(try Self.events(xml), xml) { error in
                guard case XMLScanError.malformed = error else { return XCTFail("\(xml): \(error)") }
            }
        }
    }

    /// Every prefix of a document either scans to a prefix of its events (the last text may be cut) or throws:
    /// never reads past the end.
    func testTruncatedInputNeverReadsPastTheEnd() throws {
        let xml = Array("<?xml version=\"1.0\"?><w><r n=\"1\"><c t='s'><v>12</v></c><c><is><t>a &amp; b</t></is></c></r><!-- c --><x/><![CDATA[q]]></w>".utf8)
        let full = try Self.events(xml)
        for cut in 0..<xml.count {
            guard let events = try? Self.events(Array(xml[..<cut])) else { continue }
            XCTAssertLessThanOrEqual(events.count, full.count, "cut at \(cut)")
            for (k, event) in events.enumerated() where event != full[k] {
                // Only a text node can end early.
                XCTAssertTrue(k == events.count - 1 && event.hasPrefix("\"") && full[k].hasPrefix("\""), "cut at \(cut): \(event)")
            }
        }
    }

    func testLocalNamesWithPrefixes() throws {
        let bytes = Array("<x:row></x:row><rows/>".utf8)
        var scanner = XMLScanner(bytes)
        guard case .start(let name, _, _)? = try scanner.next() else { return XCTFail("no start tag") }
        XCTAssertTrue(scanner.localName(name, is: Array("row".utf8)))
        XCTAssertFalse(scanner.localName(name, is: Array("ow".utf8)))
        _ = try scanner.next()
        guard case .start(let other, _, true)? = try scanner.next() else { return XCTFail("no start tag") }
        XCTAssertFalse(scanner.localName(other, is: Array("row".utf8)))
    }

    /// A part filled on another thread in small chunks scans to the same events as the whole bytes.
    func testPartFilledWhileScanningGivesTheSameEvents() throws {
        let xml = Array((["<?xml version=\"1.0\"?><w><!-- rows -->"] + (1...200).map {
            "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"inlineStr\"><is><t>x &amp; \($0)</t></is></c><c r='B\($0)' s=\"2\"><v>44088.4\($0)</v></c><![CDATA[<c>]]><x/></row>"
        } + ["</w>"]).joined().utf8)
        let expected = try Self.events(xml)
        for chunk in [1, 2, 3, 7, 64, 4096] {
            let part = PartBuffer(capacity: xml.count)
            let thread = Thread {
                xml.withUnsafeBufferPointer { all in
                    var start = 0
                    while start < all.count {
                        let end = min(start + chunk, all.count)
                        part.append(UnsafeBufferPointer(rebasing: all[start..<end]))
                        start = end
                    }
                }
                part.finish(nil)
            }
            thread.start()
            XCTAssertEqual(try Self.events(XMLScanner(part: part), xml), expected, "chunks of \(chunk)")
        }
    }

    /// A part whose inflating fails: the scanner throws the inflate error, not a malformed-XML error of the bytes before it.
    func testInflateErrorOfAFillingPartIsThrown() {
        let xml = Array("<w><row><c><v>1</v></c><c><v".utf8)
        let part = PartBuffer(capacity: 1000)
        xml.withUnsafeBufferPointer { part.append($0) }
        part.finish(IngestError(.corruptWorkbook, file: "f.xlsx", message: "corrupt xlsx: part xl/worksheets/sheet1.xml fails its CRC-32 check"))
        XCTAssertThrowsError(try Self.events(XMLScanner(part: part), xml)) { error in
            XCTAssertEqual((error as? IngestError)?.message, "corrupt xlsx: part xl/worksheets/sheet1.xml fails its CRC-32 check")
        }
    }
}
