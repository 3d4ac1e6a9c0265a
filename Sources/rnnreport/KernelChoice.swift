import ArgumentParser
import RNNCore

/// The value of `--kernels`: `auto`, or one instruction set.
enum KernelChoice: Equatable {
    /// The widest set the processor has.
    case auto
    /// This set.
    case set(InstructionSet)
}

extension KernelChoice: ExpressibleByArgument {
    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let set = InstructionSet(rawValue: argument) {
            self = .set(set)
        } else {
            return nil
        }
    }

    var defaultValueDescription: String { "auto" }

    static var allValueStrings: [String] { ["auto"] + InstructionSet.allCases.map(\.rawValue) }
}
