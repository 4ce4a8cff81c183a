import Foundation
import LibXLSXWriter
import WerksessiesModel

extension Reports {
    /// The board sheet "Vergelijking met loting": the assignment's figures beside a lottery (mean and worst
    /// of its seeded draws), first come first served and the interest-only optimum on the same participants,
    /// capacities, rules and pins, with for every figure whether the assignment beats the lottery's mean. The
    /// assignment's own figures follow the board's suppression (see `comparisonWithheld`).
    static func writeBoardComparison(
        _ context: ReportContext, workbook: Workbook, table: (Worksheet) -> TableWriter, hide: BoardSuppression,
        page: (Worksheet) throws -> Void
    ) throws {
        guard let comparison = context.bundle.manifest.baselines else { return }
        let text = ComparisonText(language: context.language)
        let sheet = try workbook.addWorksheet(text.sheetName)
        let methods = [
            comparison.assignment, comparison.lotteryMean, comparison.lotteryWorst, comparison.firstComeFirstServed,
            comparison.interestOnly,
        ]
        // Narrow enough to print landscape on one A4 at a readable scale; the names and meanings wrap.
        let columns = [ReportColumn(header: text.figure, width: 34)]
            + text.methods(draws: comparison.lotteryDraws).map { ReportColumn(header: $0, width: 13) }
            + [ReportColumn(header: text.betterThanLottery, width: 12), ReportColumn(header: text.meaning, width: 56)]
        let protection = context.protection
        let all = context.bundle.metrics.quality.firstIndex { $0.group == "all" }
        let qualityWithheld = (all.map { hide.qualityWithheld[$0] } ?? true, all.map { hide.qualityOutsideWithheld[$0] } ?? true)
        let rows: [[ReportCell]] = ComparisonText.Figure.allCases.map { figure in
            let values = methods.map { figure.value(of: $0) }
            let withheld = comparisonWithheld(figure, values[0], hide, qualityWithheld: qualityWithheld, protection)
            let cells: [ReportCell] = values.enumerated().map { k, value in
                if k == 0, let withheld { return withheld }
                switch figure {
                case .waitlisted:
                    let n = Int(value.rounded())
                    return k == 1 ? .decimal(value) : .count(n, hidden: protection.isSmall(n) && n > 0)
                case .shareWithMatch, .outside: return .percent(value)
                // Rounded like the sessions' indices on the other sheets (`BoardDiversity`), in every column.
                default: return .decimal(BoardDiversity.mean(value))
                }
            }
            let better = figure.higherIsBetter ? values[0] >= values[1] : values[0] <= values[1]
            // A withheld figure's comparison is a bound on it: withheld too, unless "<N" decides it already.
            let decided = withheld == nil || (figure == .waitlisted && values[0] < Double(protection.threshold)
                && values[1] >= Double(protection.threshold - 1))
            let verdict: ReportCell = decided ? .answer(better ? text.yes : text.no) : .withheld
            return [.strong(text.name(figure))] + cells + [verdict, .long(text.meaning(figure))]
        }
        let writer = table(sheet)
        let end = try writer.excelTable(
            note: text.note(draws: comparison.lotteryDraws, seed: comparison.lotterySeed), columns, rows: rows)
        try writer.note(suppressionNote(context, protection), row: end + 1, under: columns)
        try page(sheet)
    }

    /// The assignment's figure as the rest of the board hides it, nil when it is shown: its waitlisted count is
    /// About's (hidden there, hidden here, with the same marker), its mean and lowest Gini-Simpson and mean
    /// Rao-Stirling are over every session, so they would give a withheld session index away, and its shares are
    /// the quality sheet's "all" row (withheld there, withheld here).
    static func comparisonWithheld(
        _ figure: ComparisonText.Figure, _ value: Double, _ hide: BoardSuppression, qualityWithheld: (shares: Bool, outside: Bool),
        _ protection: SmallCellProtection
    ) -> ReportCell? {
        switch figure {
        case .waitlisted:
            let n = Int(value.rounded())
            let hidden = hide.about.waitlisted || protection.isSmall(n)
            return hidden ? .count(n, hidden: true) : nil
        case .meanGiniSimpson, .lowestGiniSimpson, .raoStirling: return hide.indexMeansWithheld ? .withheld : nil
        case .shareWithMatch: return qualityWithheld.shares ? .withheld : nil
        case .outside: return qualityWithheld.outside ? .withheld : nil
        }
    }
}

/// The comparison sheet's words, in Dutch or English.
struct ComparisonText {
    /// The figures of the sheet, in its row order.
    enum Figure: CaseIterable {
        case shareWithMatch, meanGiniSimpson, lowestGiniSimpson, outside, raoStirling, waitlisted

        func value(of figures: AssignmentFigures) -> Double {
            switch self {
            case .shareWithMatch: figures.shareWithMatch
            case .meanGiniSimpson: figures.meanGiniSimpson
            case .lowestGiniSimpson: figures.lowestGiniSimpson
            case .outside: figures.outsideComfortZoneShare
            case .raoStirling: figures.meanRaoStirling
            case .waitlisted: figures.waitlisted
            }
        }

        var higherIsBetter: Bool { self != .waitlisted }
    }

    let language: ReportOptions.Language
    var dutch: Bool { language == .nl }

    var sheetName: String { dutch ? "Vergelijking met loting" : "Compared with a lottery" }
    var figure: String { dutch ? "Kengetal" : "Figure" }
    var betterThanLottery: String { dutch ? "Beter dan loting?" : "Better than a lottery?" }
    var meaning: String { dutch ? "Wat het zegt" : "What it says" }
    var yes: String { dutch ? "ja" : "yes" }
    var no: String { dutch ? "nee" : "no" }

    func methods(draws: Int) -> [String] {
        dutch
            ? ["Deze indeling", "Loting (gemiddeld, \(draws)×)", "Loting (slechtste)", "Wie het eerst komt", "Alleen op interesse"]
            : ["This assignment", "Lottery (mean, \(draws)×)", "Lottery (worst)", "First come first served", "Interest only"]
    }

    func name(_ figure: Figure) -> String {
        switch figure {
        case .shareWithMatch: dutch ? "Ingedeeld op een eigen interesse" : "Placed on one of their interests"
        case .meanGiniSimpson: dutch ? "Menging van disciplines, gemiddeld per sessie" : "Mix of disciplines, mean per session"
        case .lowestGiniSimpson: dutch ? "Menging van disciplines, minst gemengde sessie" : "Mix of disciplines, least mixed session"
        case .outside: dutch ? "Buiten de eigen comfortzone" : "Outside their comfort zone"
        case .raoStirling: dutch ? "Verscheidenheid (Rao-Stirling), gemiddeld per sessie" : "Variety (Rao-Stirling), mean per session"
        case .waitlisted: dutch ? "Op de wachtlijst" : "Waitlisted"
        }
    }

    func meaning(_ figure: Figure) -> String {
        switch figure {
        case .shareWithMatch:
            dutch
                ? "Van wie interesses opgaf: het deel dat in een sessie zit met minstens één van die interesses."
                : "Of those who gave interests: the share in a session with at least one of them."
        case .meanGiniSimpson:
            dutch
                ? "Gini-Simpson: de kans dat twee willekeurige deelnemers van een sessie een andere discipline hebben."
                : "Gini-Simpson: the chance that two random participants of a session have different disciplines."
        case .lowestGiniSimpson:
            dutch
                ? "Dezelfde kans in de sessie waar die het laagst is: ook de minst gemengde sessie moet gemengd zijn."
                : "The same chance in the session where it is lowest: the least mixed session should be mixed too."
        case .outside:
            dutch
                ? "Van de ingedeelden: het deel in een sessie die niet door hun eigen disciplinefamilie wordt geleid."
                : "Of those placed: the share in a session not led by their own discipline family."
        case .raoStirling:
            dutch
                ? "Als Gini-Simpson, maar twee disciplines uit één familie tellen half zo verschillend."
                : "Like Gini-Simpson, but two disciplines of one family count as half as different."
        case .waitlisted:
            dutch ? "Deelnemers zonder plaats (minder is beter)." : "Participants without a seat (fewer is better)."
        }
    }

    func note(draws: Int, seed: UInt64) -> String {
        dutch
            ? "Alle kolommen gaan over dezelfde deelnemers, capaciteiten, toelatingsregels en vastgezette plaatsen. "
                + "De loting is \(draws) keer getrokken (startwaarde \(seed)): iedereen krijgt in willekeurige volgorde een "
                + "willekeurige sessie die voor hem of haar openstaat en nog plaats heeft. Bij wie het eerst komt kiest "
                + "iedereen in volgorde van aanmelding de eerste sessie met een eigen interesse en plaats. "
                + "Gini-Simpson en Rao-Stirling staan afgerond op twee decimalen (zoals overal in dit rapport); "
                + "'Beter dan loting?' vergelijkt de onafgeronde cijfers, dus bij gelijke afgeronde cijfers kan het antwoord 'nee' zijn."
            : "Every column is about the same participants, capacities, rules and pins. The lottery was drawn \(draws) "
                + "times (seed \(seed)): in random order everyone gets a random session open to them with room. First come "
                + "first served: in order of registration everyone takes the first session with one of their interests and room. "
                + "Gini-Simpson and Rao-Stirling are rounded to two decimals (as everywhere in this report); 'Better than a lottery?' "
                + "compares the unrounded figures, so with equal rounded figures the answer can be 'no'."
    }
}
