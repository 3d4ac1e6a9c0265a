/// A file format the figures are written in.
public enum FigureFormat: String, CaseIterable, Sendable {
    case svg
    case png
}
