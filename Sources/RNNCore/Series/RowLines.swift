/// The line of the file each row of a series starts on, kept in at most about a byte a row.
///
/// In most files each row is on the line after the one before, and then every row's line follows
/// from the first's: nothing is kept per row. From the first row that starts further on (after an
/// empty line, or after a row whose quoted field holds a line break) each row keeps how many lines
/// were skipped before it in a byte (255 or more in a list beside), and every 64th row its line,
/// so that a row's line is found by adding at most 63 of those bytes: about 1.1 bytes a row at
/// most (and 16 for each skip of 255 lines or more), where an `[Int]` takes 8. It reads as the
/// array of `Int` it stands for.
public struct RowLines: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    public var startIndex: Int { 0 }
    /// The number of rows.
    public private(set) var endIndex = 0
    /// The first row's line.
    private var first = 0
    /// The last row's line.
    private var last = 0
    /// Per row, the lines skipped before it (the lines between its line and the previous row's,
    /// less one), 255 standing for 255 or more; empty while no row has skipped a line.
    private var skipped: [UInt8] = []
    /// The rows whose skip is 255 or more, in order, and those skips.
    private var wideRows: [Int] = [], wideSkips: [Int] = []
    /// The line of rows 0, 64, 128, …; empty while `skipped` is.
    private var anchors: [Int] = []
    /// Rows from one anchor to the next.
    private static let anchorStride = 64

    public init() {}

    /// The lines `lines`, in order.
    ///
    /// - Precondition: the lines are 1 or more, each after the one before.
    public init(_ lines: some Sequence<Int>) {
        for line in lines { append(line) }
    }

    public init(arrayLiteral lines: Int...) {
        self.init(lines)
    }

    /// Adds a row starting on `line`.
    ///
    /// - Precondition: `line` is 1 or more, and after the last row's.
    public mutating func append(_ line: Int) {
        let row = endIndex
        precondition(row == 0 ? line >= 1 : line > last, "RowLines: a row's line must be after the previous row's")
        defer {
            last = line
            endIndex += 1
        }
        guard row > 0 else {
            first = line
            return
        }
        let skip = line - last - 1  // both are 1 or more: no overflow
        if skipped.isEmpty {
            guard skip > 0 else { return }
            // The first row to skip a line: the rows before it skipped none.
            skipped = [UInt8](repeating: 0, count: row)
            anchors = stride(from: 0, to: row, by: Self.anchorStride).map { first + $0 }
        }
        if row % Self.anchorStride == 0 { anchors.append(line) }
        skipped.append(UInt8(Swift.min(skip, 255)))
        if skip >= 255 {
            wideRows.append(row)
            wideSkips.append(skip)
        }
    }

    /// The line row `row` starts on.
    ///
    /// - Precondition: `row` is in `0 ..< count`.
    public subscript(row: Int) -> Int {
        precondition(row >= 0 && row < endIndex, "RowLines: row \(row) of \(endIndex)")
        guard !skipped.isEmpty else { return first + row }
        let anchor = row / Self.anchorStride
        var line = anchors[anchor]
        var next = anchor * Self.anchorStride + 1
        while next <= row {
            line += 1 + skip(before: next)
            next += 1
        }
        return line
    }

    /// The lines skipped before row `row`.
    private func skip(before row: Int) -> Int {
        let byte = skipped[row]
        guard byte == 255 else { return Int(byte) }
        // Binary search: `row` is in `wideRows`, which is in order.
        var low = 0, high = wideRows.count - 1
        while low < high {
            let middle = (low + high) / 2
            if wideRows[middle] < row { low = middle + 1 } else { high = middle }
        }
        return wideSkips[low]
    }
}
