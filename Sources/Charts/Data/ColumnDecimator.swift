/// Reduces a polyline to what a raster of pixel columns can show.
///
/// Points arrive in order, already in user units. Within each column of device pixels a run of
/// the line keeps only its lowest and highest point (in their original order), plus the exact
/// first and last point of every run: drawn at that resolution the result covers, to within a
/// pixel, the same pixels as the full line, yet it has at most a few points per column however
/// many arrive.
///
/// Where a column holds several points of a run, its lowest and highest are drawn at the
/// column's centre: where in the column they were is below what the raster shows, and lines
/// through column centres cover a dense band solidly instead of in a moiré of partial pixels,
/// which is also quicker to rasterise and to compress.
///
/// A gap (a `nan` coordinate) ends a run. Inside one column, runs that neither come from the left
/// nor go on to the right are merged into one short vertical stroke, which keeps the output
/// bounded even for data that alternates between values and gaps. A run of a single point is
/// emitted as a zero-length segment, which round caps draw as a dot.
///
/// Coordinates are rounded to a quarter of a device pixel: invisible, and short to write in SVG.
struct ColumnDecimator {
    private let resolution: Double
    private let quantum: Double
    private(set) var path = Path()

    private var column = Int.min
    /// The runs of the current column, at most three: the first, the merged middle ones, the last.
    private var pieces: [Piece] = []
    private var previousWasPoint = false
    private var lastEmitted: Point?
    /// Points added so far, gaps excluded: the order of the next sample.
    private var sampleCount = 0

    /// - Parameter resolution: Device pixels per user unit; columns are one device pixel wide.
    init(resolution: Double) {
        let resolution = resolution.isFinite && resolution > 0 ? resolution : 1
        self.resolution = resolution
        quantum = 1 / (4 * resolution)
        pieces.reserveCapacity(4)
    }

    /// Adds the next point; a non-finite coordinate is a gap.
    mutating func add(x: Double, y: Double) {
        guard x.isFinite, y.isFinite else {
            if previousWasPoint, !pieces.isEmpty { pieces[pieces.count - 1].endsRun = true }
            previousWasPoint = false
            return
        }
        let scaled = (x * resolution).rounded(.down)
        let pointColumn = abs(scaled) < 0x1p62 ? Int(scaled) : (scaled < 0 ? Int.min + 1 : Int.max)
        if pointColumn != column {
            flushColumn()
            column = pointColumn
        }
        let sample = Sample(order: sampleCount, point: Point(x: x, y: y))
        sampleCount += 1
        if previousWasPoint, !pieces.isEmpty {
            // The run goes on (in a new column, `flushColumn` left a continuation piece for it).
            pieces[pieces.count - 1].add(sample)
        } else {
            startPiece(Piece(sample, startsRun: true))
        }
        previousWasPoint = true
    }

    /// Ends the line and returns the reduced path.
    mutating func finish() -> Path {
        if previousWasPoint, !pieces.isEmpty { pieces[pieces.count - 1].endsRun = true }
        previousWasPoint = false
        flushColumn()
        return path
    }

    // MARK: - Columns

    private mutating func startPiece(_ piece: Piece) {
        if pieces.count == 3 {
            pieces[1].merge(pieces[2])
            pieces.removeLast()
        }
        pieces.append(piece)
    }

    private mutating func flushColumn() {
        guard !pieces.isEmpty else { return }
        let continuing = previousWasPoint
        for index in pieces.indices {
            var piece = pieces[index]
            if index == pieces.count - 1, !continuing { piece.endsRun = true }
            emit(piece)
        }
        pieces.removeAll(keepingCapacity: true)
        if continuing {
            // The run goes on into the next column: the next point continues it.
            pieces.append(Piece.continuation)
        }
    }

    private mutating func emit(_ piece: Piece) {
        guard let first = piece.first else { return }
        // The points to draw by input order; exact first and last points win over centred extremes.
        var points: [Int: Point] = [:]
        let centre = (Double(column) + 0.5) / resolution
        for extreme in [piece.minimum, piece.maximum] {
            points[extreme.order] = piece.count > 1 ? Point(x: centre, y: extreme.point.y) : extreme.point
        }
        if piece.startsRun { points[first.order] = first.point }
        if piece.endsRun, let last = piece.last { points[last.order] = last.point }
        var emitted = 0
        for order in points.keys.sorted() {
            guard let exact = points[order] else { continue }
            let point = quantized(exact)
            if emitted == 0, piece.startsRun {
                path.move(to: point)
                lastEmitted = point
            } else if point != lastEmitted {
                path.line(to: point)
                lastEmitted = point
            }
            emitted += 1
        }
        if piece.startsRun, piece.endsRun, emitted == 1, let point = lastEmitted {
            path.line(to: point)  // a lone point: a dot
        }
    }

    private func quantized(_ point: Point) -> Point {
        Point(x: (point.x / quantum).rounded() * quantum, y: (point.y / quantum).rounded() * quantum)
    }
}

// MARK: - Pieces

extension ColumnDecimator {
    /// A point with its position in the input.
    struct Sample {
        var order: Int
        var point: Point
    }

    /// The part of one run that falls in one column (or several merged runs).
    struct Piece {
        var first: Sample?
        var last: Sample?
        var minimum: Sample
        var maximum: Sample
        /// Whether the run begins here (a move), rather than continuing from the previous column (a line).
        var startsRun: Bool
        /// Whether the run ends here (its last point is kept exactly).
        var endsRun = false
        /// Number of points in the piece.
        var count = 1

        init(_ sample: Sample, startsRun: Bool) {
            first = sample
            last = sample
            minimum = sample
            maximum = sample
            self.startsRun = startsRun
        }

        private init() {
            minimum = Sample(order: -1, point: Point(x: 0, y: 0))
            maximum = minimum
            startsRun = false
            count = 0
        }

        /// A placeholder for a run that continues into a new column, filled by its next point.
        static let continuation = Piece()

        mutating func add(_ sample: Sample) {
            guard first != nil else {
                self = Piece(sample, startsRun: startsRun)
                return
            }
            last = sample
            count += 1
            // In screen space y grows downwards; "minimum" and "maximum" are just the two extremes.
            if sample.point.y < minimum.point.y { minimum = sample }
            if sample.point.y > maximum.point.y { maximum = sample }
        }

        mutating func merge(_ other: Piece) {
            last = other.last ?? last
            count += other.count
            if other.minimum.point.y < minimum.point.y { minimum = other.minimum }
            if other.maximum.point.y > maximum.point.y { maximum = other.maximum }
            endsRun = true
        }
    }
}
