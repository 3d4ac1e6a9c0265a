import Mustache

/// An object of a template's context, as the template sees it: its fields by name for tags and
/// sections, and, where a tag names the object itself, text that is the same in every run.
///
/// swift-mustache writes a value a tag names with `String(describing:)`, and a Swift dictionary's
/// description lists its keys in the order of their hashes, which change from one process to the
/// next: a template with `{{summary}}` (a list of objects) made a page that differed on every
/// run, and `generate --check` failed on it. A record lists its fields in the order of their
/// names instead, `{detail: step 19, label: Final loss, value: 0.155}`.
struct TemplateRecord: MustacheParent, MustacheCustomRenderable, MustacheTransformable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    private let fields: [String: Any]
    private let names: [String]

    private init(_ fields: [String: Any]) {
        self.fields = fields
        names = fields.keys.sorted()
    }

    /// `value` with every dictionary in it, at any depth, made a record. A list that holds no
    /// dictionary or list stays as it is, its elements' type and all (`sorted` needs it).
    static func stable(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]: TemplateRecord(dictionary.mapValues(stable))
        case let array as [Any] where array.contains(where: { $0 is [String: Any] || $0 is [Any] }): array.map(stable)
        default: value
        }
    }

    func child(named name: String) -> Any? { fields[name] }

    /// A dictionary's transforms (`count`, `empty`, `enumerated`, `sorted`), its fields in the
    /// order of their names for the last two, as `sorted` gives a dictionary's.
    func transform(_ name: String) -> Any? {
        switch name {
        case "count": fields.count
        case "empty": fields.isEmpty
        case "enumerated", "sorted": names.map { (key: $0, value: fields[$0]!) }
        default: nil
        }
    }

    var renderText: String { description }
    var isNull: Bool { false }

    var description: String {
        "{" + names.map { "\($0): \(fields[$0].map { String(describing: $0) } ?? "")" }.joined(separator: ", ") + "}"
    }

    /// The same text inside a list, whose description gives each element's debug description.
    var debugDescription: String { description }
}
