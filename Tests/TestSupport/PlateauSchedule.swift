/// The learning rate each training step used, worked out from the recorded losses alone.
///
/// An independent transcription of `torch.optim.lr_scheduler.ReduceLROnPlateau.step` as the
/// tutorial uses it (mode min, threshold 1e-4 relative, cooldown 0, min_lr 0, eps 1e-8), kept apart
/// from RNNCore's `ReduceLROnPlateau` so that a test of the trainer does not check the code with
/// itself. The reference trace format, and metrics.json, record at `learning_rate[k]` the rate step
/// k used: the rate *before* the scheduler saw step k's loss. So `learning_rate[0]` is the initial
/// rate, and a reduction decided on step k's loss shows first at `learning_rate[k + 1]`.
public enum PlateauSchedule {
    /// The rate each step used, for the losses of a whole run.
    ///
    /// - Parameters:
    ///   - losses: each step's loss as recorded; `nil` (a loss that was not finite) counts as NaN,
    ///     which is never better.
    ///   - initialRate: the first step's rate.
    ///   - factor, patience: the scheduler's settings (`lr_factor`, `lr_patience`).
    public static func ratesUsed(losses: [Float?], initialRate: Double, factor: Double, patience: Int) -> [Double] {
        var rate = initialRate
        var best = Double.infinity
        var bad = 0
        var used: [Double] = []
        for loss in losses {
            used.append(rate)
            let current = loss.map(Double.init) ?? .nan
            // PyTorch's _is_better, mode min, rel: a < best * (1 - threshold); a tie is not better.
            if current < best * (1.0 - 1e-4) {
                best = current
                bad = 0
            } else {
                bad += 1
            }
            if bad > patience {
                let reduced = max(rate * factor, 0)
                if rate - reduced > 1e-8 { rate = reduced }
                bad = 0
            }
        }
        return used
    }

    /// The steps whose rate is lower than the step before's.
    public static func reductionSteps(_ rates: [Double?]) -> [Int] {
        rates.indices.dropFirst().filter { k in
            guard let now = rates[k], let before = rates[k - 1] else { return false }
            return now < before
        }
    }
}
