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
    /// What a render may still look up, shared by every record of one context.
    private let budget: RenderBudget?

    private init(_ fields: [String: Any], budget: RenderBudget?) {
        self.fields = fields
        names = fields.keys.sorted()
        self.budget = budget
    }

    /// `value` with every dictionary in it, at any depth, made a record. A list that holds no
    /// dictionary or list stays as it is, its elements' type and all (`sorted` needs it). With a
    /// `budget`, every field a render looks up is counted against it (``RenderBudget``).
    static func stable(_ value: Any, budget: RenderBudget? = nil) -> Any {
        switch value {
        case let dictionary as [String: Any]: TemplateRecord(dictionary.mapValues { stable($0, budget: budget) }, budget: budget)
        case let array as [Any] where array.contains(where: { $0 is [String: Any] || $0 is [Any] }):
            array.map { stable($0, budget: budget) }
        default: value
        }
    }

    func child(named name: String) -> Any? {
        guard let budget else { return fields[name] }
        return budget.spend(fields[name])
    }

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

/// A bound on the work of rendering a user's template, which swift-mustache cannot stop: sections
/// that repeat inside sections that repeat (`{{#settings}}` within `{{#settings}}`, eight deep)
/// multiply the work, and a page of a few kilobytes of template would take hours and gigabytes.
///
/// Every field the render looks up costs a lookup, and a text field its bytes. Once either runs
/// out, every lookup finds nothing, so that the render ends in moments (the sections it is in
/// repeat no more, its tags write nothing), and the template is refused (``exhausted``).
final class RenderBudget: @unchecked Sendable {
    // One render, on one thread: the counts need no lock.
    private var lookups: Int
    private var bytes: Int
    /// Whether the lookups ran out.
    private(set) var outOfLookups = false
    /// Whether the bytes ran out: the page would have been larger than them.
    private(set) var outOfBytes = false
    var exhausted: Bool { outOfLookups || outOfBytes }

    init(lookups: Int, bytes: Int) {
        self.lookups = lookups
        self.bytes = bytes
    }

    /// `value`, counted; `nil` once the budget has run out.
    func spend(_ value: Any?) -> Any? {
        guard !exhausted else { return nil }
        lookups -= 1
        if let text = value as? String { bytes -= text.utf8.count }
        if lookups < 0 || bytes < 0 {
            outOfLookups = lookups < 0
            outOfBytes = bytes < 0
            return nil
        }
        return value
    }
}
