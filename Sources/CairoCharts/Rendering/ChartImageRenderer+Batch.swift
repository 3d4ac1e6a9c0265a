import Charts
import Dispatch
import Foundation

// MARK: - Several images at once

extension ChartImageRenderer {
    /// Draws several images, on as many threads as there are cores.
    ///
    /// Each image is drawn on its own Cairo surface, so the bytes are the same as when drawing
    /// each alone, in any order. The PNG images are started first: encoding one costs several
    /// times what an SVG of the same chart does, and a long image started last would leave the
    /// other threads waiting for it.
    ///
    /// - Returns: The images' bytes, in the order of `requests`.
    /// - Throws: The error of the first request (in request order) that failed.
    public func images(_ requests: [ChartImageRequest]) throws(ChartImageError) -> [Data] {
        let results = ResultSlots(count: requests.count)
        let order = requests.indices.filter { requests[$0].format.isPNG } + requests.indices.filter { !requests[$0].format.isPNG }
        DispatchQueue.concurrentPerform(iterations: requests.count) { position in
            let index = order[position]
            let request = requests[index]
            let renderer = ChartImageRenderer(size: request.size ?? size)
            results[index] = Result { () throws(ChartImageError) -> Data in
                switch request.format {
                case .png(let scale): try renderer.png(request.chart, scale: scale)
                case let .svg(form, idPrefix): try renderer.svg(request.chart, form: form, idPrefix: idPrefix)
                }
            }
        }
        return try results.values.map { result throws(ChartImageError) in try result.get() }
    }
}

/// One result slot per image, written from worker threads under a lock. Every slot is written
/// by its iteration before `concurrentPerform` returns, so the initial empty data is never read.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Data, ChartImageError>]

    init(count: Int) { slots = Array(repeating: .success(Data()), count: count) }

    subscript(index: Int) -> Result<Data, ChartImageError> {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Result<Data, ChartImageError>] { lock.withLock { slots } }
}
