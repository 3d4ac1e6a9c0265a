import Foundation

/// The files of `Tests/TestSupport/Fixtures`: PyTorch reference traces and checkpoints (copied from
/// `../shared/reference/parity`), safetensors files written by Python, the unit references, and
/// the per-cell references of `cells/` (written by `cells/generate_cell_references.py`).
/// Every test finds a fixture through here.
public enum Fixtures {
    /// The folder, as the test bundle holds it.
    public static var folder: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the Fixtures folder is not in the test bundle"])
            }
            return url
        }
    }

    /// A fixture's location, by its path inside `Fixtures` (`small.trace.json`, `safetensors/x.safetensors`).
    public static func url(_ path: String) throws -> URL {
        try folder.appendingPathComponent(path)
    }

    /// A fixture's bytes.
    public static func data(_ path: String) throws -> Data {
        try Data(contentsOf: url(path))
    }
}
