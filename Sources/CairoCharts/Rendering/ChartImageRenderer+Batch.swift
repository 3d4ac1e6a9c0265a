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
            // Each thread takes the next image in `order` until none is left.
            let next = NextIndex(count: requests.count)
            let done = DispatchGroup()
            for _ in 1 ..< width {
                done.enter()
                let thread = Thread {
                    while let position = next.take() { draw(position) }
                    done.leave()
                }
                thread.stackSize = 8 << 20  // as a dispatch worker's: Cairo and FreeType recurse
                thread.start()
            }
            while let position = next.take() { draw(position) }
            done.wait()
        }
        return try results.values.map { result throws(ChartImageError) in try result.get() }
    }
}

/// The next of `count` indices to hand out, shared by the threads that draw.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var next = 0

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
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
