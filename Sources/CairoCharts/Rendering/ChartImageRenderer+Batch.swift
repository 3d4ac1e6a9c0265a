import Charts
import Dispatch
import Foundation

// MARK: - Several images at once

extension ChartImageRenderer {
    /// Draws several images on up to `threads` threads (the caller's one of them; `nil` for as
    /// many as there are cores).
    ///
    /// Each image is drawn on its own Cairo surface, so the bytes are the same as when drawing
    /// each alone, in any order and on any number of threads. The PNG images are started first:
    /// encoding one costs several times what an SVG of the same chart does, and a long image
    /// started last would leave the other threads waiting for it.
    ///
    /// - Returns: The images' bytes, in the order of `requests`.
    /// - Throws: The error of the first request (in request order) that failed.
    public func images(_ requests: [ChartImageRequest], threads: Int? = nil) throws(ChartImageError) -> [Data] {
        let results = ResultSlots(count: requests.count)
        let order = requests.indices.filter { requests[$0].format.isPNG } + requests.indices.filter { !requests[$0].format.isPNG }
        let size = size
        let draw: @Sendable (Int) -> Void = { position in
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
        let width = min(requests.count, max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        if width <= 1 {
            for position in requests.indices { draw(position) }
        } else {
            // Each thread takes the next image in `order` until none is left. The caller waits
            // for the images, not for the threads: a thread the system could not start
            // (`Thread.start` does not say) leaves its share to the others instead of a wait
            // that never ends.
            let next = NextIndex(count: requests.count)
            for _ in 1 ..< width {
                let thread = Thread {
                    while let position = next.take() { draw(position); next.finish() }
                }
                thread.stackSize = 8 << 20  // as a dispatch worker's: Cairo and FreeType recurse
                thread.start()
            }
            while let position = next.take() { draw(position); next.finish() }
            next.waitUntilAllFinished()
        }
        return try results.values.map { result throws(ChartImageError) in try result.get() }
    }
}

/// The next of `count` indices to hand out, and how many are finished, shared by the threads
/// that draw.
private final class NextIndex: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private var next = 0
    private var finished = 0

    init(count: Int) { self.count = count }

    func take() -> Int? {
        condition.lock(); defer { condition.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Records that the index taken last by this thread is done.
    func finish() {
        condition.lock(); finished += 1; condition.broadcast(); condition.unlock()
    }

    /// Waits until every index has been taken and finished.
    func waitUntilAllFinished() {
        condition.lock()
        while finished < count { condition.wait() }
        condition.unlock()
    }
}

/// One result slot per image, written from worker threads under a lock. Every slot is written
/// by the thread that drew it before the caller reads them (every image is finished first), so the
/// initial empty data is never read.
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
