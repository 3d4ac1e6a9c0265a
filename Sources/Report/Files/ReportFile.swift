import Foundation

/// One file of a report's folder: its name in the folder and how to produce its bytes.
///
/// A small file holds its bytes; a large one (metrics.json, metrics.csv of a long run) writes
/// them in pieces when the folder is written, so that it is never whole in memory.
public struct ReportFile: Sendable {
    /// Hands the file's bytes, in order, to a sink; each piece is valid only during the call.
    public typealias Writer = @Sendable (_ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Void

    public var name: String
    /// Writes the bytes in pieces.
    public let write: Writer
    /// The bytes, when the file holds them.
    private let stored: Data?

    /// A file of these bytes.
    public init(name: String, data: Data) {
        self.name = name
        stored = data
        write = { sink in try data.withUnsafeBytes { try sink($0) } }
    }

    /// A file whose bytes `write` produces when needed.
    public init(name: String, write: @escaping Writer) {
        self.name = name
        stored = nil
        self.write = write
    }

    /// The whole content, in memory.
    public func data() throws -> Data {
        if let stored { return stored }
        var data = Data()
        try write { data.append(contentsOf: $0) }
        return data
    }
}
