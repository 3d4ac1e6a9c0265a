import ArgumentParser
import Foundation
import RNNCore

/// `--threads` and `--kernels`, shared by `train` and `generate`: how many threads one run's
/// products use, and which instruction set its kernels are compiled for.
///
/// Neither is a ``TrainingSetting``: they change how fast a run goes and nothing in its files, so
/// they are not recorded in the configuration, and the same options give the same bytes for every
/// value.
struct ThreadsOption: ParsableArguments {
    /// The most threads a run may ask for.
    static let maximum = 1024

    // Optional, with the default in the help, so that a message can quote the text given.
    @Option(name: .customLong("threads"), parsing: .unconditional, help: ArgumentHelp(
        "Threads for one run's matrix products: 0 for every core. Only wide networks are split (an RNN from hidden size 182, an LSTM or a GRU from 128); the files are byte-identical for every value. (default: 1)",
        valueName: "n"), transform: WholeNumber.parse)
    var threadsOption: WholeNumber?

    /// `--threads`, or 1.
    var threads: Int { threadsOption?.value ?? 1 }

    // Optional, with the default in the help, so that `generate --metrics` can tell it was given.
    @Option(name: .customLong("kernels"), help: ArgumentHelp(
        "Instruction set of the matrix kernels: auto (the widest this processor has: \(InstructionSet.supported.rawValue)), \(InstructionSet.allCases.map(\.rawValue).joined(separator: ", ")). For benchmarks; the files are byte-identical for every value. (default: auto)",
        valueName: "set"))
    var kernelsOption: KernelChoice?

    /// `--kernels`, or `auto`.
    var kernels: KernelChoice { kernelsOption ?? .auto }

    /// The options given, as typed on the command line, for a command that trains nothing to refuse.
    var given: [String] {
        (threadsOption == nil ? [] : ["--threads"]) + (kernelsOption == nil ? [] : ["--kernels"])
    }

    func validate() throws {
        guard (0 ... Self.maximum).contains(threads) else {
            throw ValidationError("invalid --threads \(threadsOption?.text ?? "\(threads)"): expected 0 (every core) or a number of threads from 1 to \(Self.maximum)")
        }
        if case .set(let set) = kernels, !set.isSupported {
            throw ValidationError("--kernels \(set.rawValue): this processor runs at most \(InstructionSet.supported.rawValue)")
        }
    }

    /// Makes the kernels use the chosen instruction set (nothing to do for `auto`).
    func apply() {
        if case .set(let set) = kernels { set.use() }
    }

    /// The number of threads, with 0 resolved to the cores this process may use
    /// (``AvailableCores``). More threads than those cores are allowed (the files are the same),
    /// but they take turns on the cores and a step is slower: a warning says so, even with
    /// `--quiet`, as other likely slips are.
    func resolve() -> Int {
        let cores = AvailableCores.count
        guard threads != 0 else { return cores }
        if threads > cores {
            printError("warning: --threads \(threadsOption?.text ?? "\(threads)") is more than the \(cores) core\(cores == 1 ? "" : "s") this process may use: "
                + "the threads take turns and each step is slower, for the same files; --threads 0 uses every core it may")
        }
        return threads
    }
}
