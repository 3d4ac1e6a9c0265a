import Foundation

/// One file of a report's folder: its name in the folder and its bytes.
public struct ReportFile: Equatable, Sendable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}
