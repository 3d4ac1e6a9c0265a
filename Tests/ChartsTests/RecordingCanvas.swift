import Charts

/// A canvas that records what is drawn on it, with text metrics simple enough to compute by hand:
/// every character is half the font size wide, the ascent is 3/4 and the descent 1/4 of the size
/// (binary fractions, so that layout arithmetic is exact).
final class RecordingCanvas: ChartCanvas {
    enum Operation: Equatable {
        case fill(Path, Color)
        case stroke(Path, StrokeStyle)
        case text(String, Point, Font, Color, TextRotation)
    }

    let size: Size
    let resolution: Double
    private(set) var operations: [Operation] = []

    init(width: Double = 1000, height: Double = 400, resolution: Double = 1) {
        size = Size(width: width, height: height)
        self.resolution = resolution
    }

    func measure(_ text: String, font: Font) -> TextMetrics {
        TextMetrics(width: Double(text.count) * font.size / 2, ascent: font.size * 0.75, descent: font.size * 0.25)
    }

    func fill(_ path: Path, color: Color) { operations.append(.fill(path, color)) }
    func stroke(_ path: Path, style: StrokeStyle) { operations.append(.stroke(path, style)) }
    func drawText(_ text: String, at origin: Point, font: Font, color: Color, rotation: TextRotation) {
        operations.append(.text(text, origin, font, color, rotation))
    }

    // MARK: - Queries

    /// The drawn texts with their origins and rotation.
    var texts: [(text: String, origin: Point, rotation: TextRotation)] {
        operations.compactMap {
            if case let .text(text, origin, _, _, rotation) = $0 { return (text, origin, rotation) }
            return nil
        }
    }

    /// The paths stroked in `style`.
    func strokes(_ style: StrokeStyle) -> [Path] {
        operations.compactMap {
            if case let .stroke(path, stroked) = $0, stroked == style { return path }
            return nil
        }
    }

    /// Every point the drawing names: the points of every filled and stroked path and every text origin.
    var points: [Point] {
        operations.flatMap { operation -> [Point] in
            switch operation {
            case let .fill(path, _), let .stroke(path, _): path.subpaths.flatMap { $0 }
            case let .text(_, origin, _, _, _): [origin]
            }
        }
    }

    /// The origin of the first text drawn with exactly this content.
    func origin(of text: String) -> Point? {
        texts.first { $0.text == text }?.origin
    }
}

/// Draws `chart` on a fresh recording canvas.
func record(_ chart: Chart, width: Double = 1000, height: Double = 400, resolution: Double = 1) -> RecordingCanvas {
    var canvas = RecordingCanvas(width: width, height: height, resolution: resolution)
    chart.draw(on: &canvas)
    return canvas
}

extension Path {
    /// The points of each subpath.
    var subpaths: [[Point]] {
        var result: [[Point]] = []
        for element in elements {
            switch element {
            case .move(let point): result.append([point])
            case .line(let point): result[result.count - 1].append(point)
            case .close: break
            }
        }
        return result
    }
}
