import Foundation
@testable import RNNCore

/// Runs `body` with the kernels on `set`, then puts back the widest set.
///
/// The choice is one for the whole process, and the suites of this target run side by side: a
/// lock keeps two tests from choosing at the same time, so that each runs on the set it names.
/// Tests that do not choose may run on any set meanwhile, which gives them the same bits.
func withInstructionSet<T>(_ set: InstructionSet, _ body: () throws -> T) rethrows -> T {
    instructionSetLock.lock()
    defer {
        InstructionSet.supported.use()
        instructionSetLock.unlock()
    }
    set.use()
    return try body()
}

private let instructionSetLock = NSLock()
