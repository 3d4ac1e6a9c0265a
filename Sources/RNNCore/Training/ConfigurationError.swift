/// A hyperparameter outside the range the trainer accepts.
///
/// It names the setting, not a spelling of it: the command line says `--hidden-size`, a `--config`
/// file `hidden_size` (see ``message(naming:)``).
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The setting that is out of range.
    public var setting: TrainingSetting
    /// The offending value, as text.
    public var value: String
    /// What would have been accepted.
    public var expected: String

    public init(setting: TrainingSetting, value: String, expected: String) {
        self.setting = setting
        self.value = value
        self.expected = expected
    }

    /// The error in words, with the setting spelt by `name`.
    public func message(naming name: (TrainingSetting) -> String) -> String {
        "invalid \(name(setting)) \(value): expected \(expected)"
    }

    /// The error with the setting's JSON key.
    public var description: String { message(naming: \.key) }
}
