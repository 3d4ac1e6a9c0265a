import RNNCore

extension TrainingSetting {
    /// The option of `rnnreport sweep` that lists the setting's values: the setting's own option
    /// (`--hidden-size`), but `--seeds` for the seed.
    public var sweepOptionName: String {
        self == .seed ? "--seeds" : optionName
    }
}
