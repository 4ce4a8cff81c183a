import Normalise
import WerksessiesModel

/// Precision, recall and F1 of the normaliser on the labelled evaluation set.
struct EvaluationReport {
    var disciplineCases = 0
    var disciplinePredicted = 0
    var disciplineExpected = 0
    var disciplineCorrect = 0
    var wrongFamily: [String] = []
    var disciplineErrors: [String] = []
    var interestCases = 0
    var interestTruePositives = 0
    var interestFalsePositives = 0
    var interestFalseNegatives = 0
    var interestErrors: [String] = []

    var disciplinePrecision: Double { disciplinePredicted == 0 ? 1 : Double(disciplineCorrect) / Double(disciplinePredicted) }
    var disciplineRecall: Double { disciplineExpected == 0 ? 1 : Double(disciplineCorrect) / Double(disciplineExpected) }
    var interestPrecision: Double {
        let predicted = interestTruePositives + interestFalsePositives
        return predicted == 0 ? 1 : Double(interestTruePositives) / Double(predicted)
    }
    var interestRecall: Double {
        let expected = interestTruePositives + interestFalseNegatives
        return expected == 0 ? 1 : Double(interestTruePositives) / Double(expected)
    }
    var interestMicroF1: Double {
        let p = interestPrecision
        let r = interestRecall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// Runs the whole evaluation set through `normaliser`.
    static func run(
        _ normaliser: Normaliser, taxonomy: Taxonomy,
        disciplines: [(raw: String, expected: String?)] = EvaluationSet.disciplines,
        interests: [(raw: String, expected: Set<String>)] = EvaluationSet.interests
    ) -> EvaluationReport {
        var report = EvaluationReport()
        for (raw, expected) in disciplines {
            report.disciplineCases += 1
            let match = normaliser.matchDiscipline(raw)
            if expected != nil { report.disciplineExpected += 1 }
            if let got = match.discipline {
                report.disciplinePredicted += 1
                if got == expected {
                    report.disciplineCorrect += 1
                } else if let expected, taxonomy.family(ofDiscipline: expected) != match.family {
                    report.wrongFamily.append("\(raw) → \(got) (\(match.family ?? "?")), expected \(expected)")
                }
            }
            if match.discipline != expected {
                report.disciplineErrors.append(
                    "'\(raw)' → \(match.discipline ?? "nil") [\(match.method.rawValue)], expected \(expected ?? "nil")")
            }
        }
        for (raw, expected) in interests {
            report.interestCases += 1
            let got = Set(normaliser.extractInterests(raw))
            report.interestTruePositives += got.intersection(expected).count
            report.interestFalsePositives += got.subtracting(expected).count
            report.interestFalseNegatives += expected.subtracting(got).count
            if got != expected {
                report.interestErrors.append(
                    "'\(raw)' → \(got.sorted()), expected \(expected.sorted())")
            }
        }
        return report
    }

    /// A human summary.
    var summary: String {
        return """
            disciplines: \(disciplineCases) cases, precision \(format(disciplinePrecision)), recall \(format(disciplineRecall)), wrong family \(wrongFamily.count)
            interests:   \(interestCases) cases, precision \(format(interestPrecision)), recall \(format(interestRecall)), micro-F1 \(format(interestMicroF1))
            """
    }

    private func format(_ x: Double) -> String {
        let thousandths = Int((x * 1000).rounded())
        return "\(thousandths / 1000).\(String(thousandths % 1000).leftPadded(to: 3))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
