/// The cell of every recurrent layer: PyTorch's `nn.RNN` (tanh), `nn.LSTM` or `nn.GRU`.
///
/// The raw value is the word of `--cell` and of metrics.json's `config` (`"lstm"`).
public enum RecurrentCell: String, CaseIterable, Sendable {
    /// Elman: h' = tanh(W_ih x + b_ih + W_hh h + b_hh).
    case rnn
    /// Long short-term memory, gates input, forget, cell (g), output; carries h and c.
    case lstm
    /// Gated recurrent unit, gates reset, update, new.
    case gru

    /// Gates per layer: W_ih is [gateCount·H, I], W_hh [gateCount·H, H], each bias [gateCount·H].
    public var gateCount: Int {
        switch self {
        case .rnn: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// The cell's name in prose and in figure titles: `RNN`, `LSTM`, `GRU`.
    public var displayName: String { rawValue.uppercased() }

    /// With an article, for messages: `an LSTM`, `a GRU`, `an RNN`.
    public var withArticle: String { self == .gru ? "a GRU" : "an \(displayName)" }

    /// Floats of activations one layer keeps per step and unit of width for backpropagation:
    /// h for every cell; and c, tanh c and the four gates for an LSTM; the three gates and W_hn·h + b_hn
    /// for a GRU.
    public var activationsPerUnit: Int {
        switch self {
        case .rnn: 1
        case .lstm: 7
        case .gru: 5
        }
    }

    /// The cell a word names, case-sensitively as in PyTorch's `golden.py --cell`.
    public init?(name: String) {
        self.init(rawValue: name)
    }

    /// The accepted words, for messages: `rnn, lstm, gru`.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
