import Digest
import Foundation
import Ingest
import WerksessiesModel

extension NightlyRun {
    /// The inputs the latest published run read (its `run.json`), with a note for each file that changed
    /// since (its SHA-256 differs) or is gone; nil when there is no readable manifest.
    func publishedInputs() -> (specs: [InputSpec], notes: [String])? {
        let path = output.latest + "/run.json"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let manifest = try? decoder.decode(RunManifest.self, from: data), !manifest.inputs.isEmpty else { return nil }
        var notes: [String] = []
        var checked = manifest.inputs.map { ($0.path, $0.sha256) }
        if let corrections = manifest.corrections, !corrections.sha256.isEmpty {
            checked.append((corrections.file, corrections.sha256))
        }
        for (file, sha256) in checked {
            guard let bytes = FileManager.default.contents(atPath: file) else {
                notes.append("warning: \(file), read by run \(manifest.runID), is gone")
                continue
            }
            if SHA256.hex(of: bytes) != sha256 {
                notes.append("warning: \(file) changed since run \(manifest.runID) (SHA-256 differs); the explanation uses it as it is now")
            }
        }
        return (manifest.inputs.map { InputSpec(path: $0.path, sheet: $0.sheet) }, notes)
    }
}
