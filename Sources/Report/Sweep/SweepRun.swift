import RNNCore

/// One training run of a sweep: a configuration of the grid with one seed.
public struct SweepRun: Equatable, Sendable {
    /// The folder under `DIR/runs/`: the values of the swept settings and the seed
    /// (`lr0.005-h32-seed3`).
    public var name: String
    /// The configuration's label: the name without the seed (`lr0.005-h32`).
    public var configuration: String
    /// The index of the configuration in grid order.
    public var configurationIndex: Int
    /// The complete settings of the run.
    public var config: TrainingConfiguration

    public init(name: String, configuration: String, configurationIndex: Int, config: TrainingConfiguration) {
        self.name = name
        self.configuration = configuration
        self.configurationIndex = configurationIndex
        self.config = config
    }
}
