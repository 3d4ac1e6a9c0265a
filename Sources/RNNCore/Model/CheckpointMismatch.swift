import Safetensors

/// Why a checkpoint does not fit a network, told from what the file holds: another cell, another
/// width, another input size or another number of layers.
///
/// A checkpoint's shapes say what network wrote it: `rnn.weight_hh_l0` is [G·H, H], with G the
/// gates of its cell (1, 4 or 3) and H its width, and `rnn.weight_ih_l0` is [G·H, I]. Naming that
/// network ("a GRU's 3·8 rows") says more than a list of differing shapes.
public struct CheckpointMismatch: Equatable, Sendable, CustomStringConvertible {
    /// What the file holds and what this network needs instead.
    public enum Kind: Equatable, Sendable {
        /// The file's layers are another cell's, or another width's: `tensor` is `found` where
        /// the network needs `expected`.
        case shape(tensor: String, found: [Int], fileCell: RecurrentCell, fileWidth: Int, expected: [Int],
                   cell: RecurrentCell, width: Int, cellDiffers: Bool, widthDiffers: Bool)
        /// The file's network reads `found` values per step, this one `expected`.
        case inputSize(tensor: String, shape: [Int], found: Int, expected: Int, expectedShape: [Int])
        /// The file has `found` recurrent layers, the network `expected`.
        case layers(found: Int, expected: Int)
    }

    public let kind: Kind

    /// The mismatch in words, with the settings spelt by `name` (`--cell` on the command line).
    public func message(naming name: (TrainingSetting) -> String) -> String {
        switch kind {
        case let .shape(tensor, found, fileCell, fileWidth, expected, cell, width, cellDiffers, widthDiffers):
            let rows = "\(fileCell.withArticle)'s \(fileCell.gateCount)·\(fileWidth) rows"
            let described = fileCell == .rnn ? "\(fileCell.withArticle)'s \(fileWidth) rows" : rows
            var needs: [String] = []
            if cellDiffers { needs.append("\(name(.cell)) \(cell.rawValue)") }
            if widthDiffers { needs.append("\(name(.hiddenSize)) \(width)") }
            return "\(tensor) is \(Self.format(found)): \(described), but \(needs.joined(separator: " with ")) needs \(Self.format(expected))"
        case let .inputSize(tensor, shape, found, expected, expectedShape):
            return "\(tensor) is \(Self.format(shape)): a network reading \(found) input "
                + "\(found == 1 ? "value" : "values") per step, but this run's input has \(expected), "
                + "which needs \(Self.format(expectedShape))"
        case let .layers(found, expected):
            return "the file holds \(found) recurrent \(found == 1 ? "layer" : "layers") (rnn.weight_ih_l0 to "
                + "rnn.weight_ih_l\(found - 1)), but \(name(.numLayers)) \(expected) needs \(expected)"
        }
    }

    /// The mismatch with the settings' JSON keys.
    public var description: String { message(naming: \.key) }

    static func format(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
