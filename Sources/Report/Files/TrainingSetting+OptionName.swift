import Foundation
import RNNCore

extension TrainingSetting {
    /// The command line's spelling of the setting: `--hidden-size` for `hidden_size`.
    public var optionName: String {
        "--" + key.replacingOccurrences(of: "_", with: "-")
    }
}
