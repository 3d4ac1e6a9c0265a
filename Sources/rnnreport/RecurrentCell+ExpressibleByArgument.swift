import ArgumentParser
import RNNCore

/// `--cell rnn|lstm|gru`: ArgumentParser lists the choices in the help and names them when a value
/// is not one of them (a usage error).
extension RecurrentCell: ExpressibleByArgument {}
