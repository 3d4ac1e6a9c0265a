/// The contents of a safetensors file: named `Float` tensors and string metadata.
///
/// Read a file with ``init(data:)`` or ``init(contentsOf:)``, make one with ``serialized()``, and
/// check it against a model's parameters with ``validate(against:)``.
///
/// The format (as written by Python's `safetensors` library) is an 8-byte little-endian header length,
/// a JSON header giving each tensor's dtype, shape and byte range, then the tensors' little-endian
/// bytes. rnnreport reads F32 and F64 tensors (F64 values rounded to `Float`) and writes F32.
///
/// A `SafetensorsFile` is always consistent: names are unique, and each tensor has as many values as
/// its shape says. Its tensors are kept sorted by name (in the order of their UTF-8 bytes), which is
/// the order in which the Python library lays out tensors of one dtype, and the order of their data in
/// ``serialized()``. Writing and reading back gives the same names, shapes, metadata and value bits,
/// so `try SafetensorsFile(data: file.serialized()) == file` holds for any file without NaN values.
public struct SafetensorsFile: Equatable, Sendable {
    /// The tensors, sorted by name.
    public let tensors: [SafetensorsTensor]
    /// The file's `__metadata__`: free-form strings (the Python library writes `format: pt`).
    public let metadata: [String: String]

    /// Creates a file from tensors in any order; they are sorted by name.
    ///
    /// - Parameters:
    ///   - tensors: The tensors, each with a distinct name other than `__metadata__`, a shape of
    ///     non-negative dimensions, and as many values as the product of its shape. Names are compared
    ///     as Swift strings: two that differ only in Unicode normalization are the same name.
    ///   - metadata: Strings stored in the header's `__metadata__`; none by default.
    /// - Throws: ``SafetensorsError/duplicateTensorName(_:)``,
    ///   ``SafetensorsError/invalidTensorInfo(tensor:reason:)`` for a reserved name or a negative
    ///   dimension, ``SafetensorsError/shapeTooLarge(tensor:shape:)`` or
    ///   ``SafetensorsError/valueCountMismatch(tensor:shape:valueCount:)``.
    public init(tensors: [SafetensorsTensor], metadata: [String: String] = [:]) throws(SafetensorsError) {
        var names = Set<String>()
        for tensor in tensors {
            guard tensor.name != SafetensorsHeader.metadataKey else {
                throw .invalidTensorInfo(
                    tensor: tensor.name, reason: "the name is reserved for the file's metadata")
            }
            guard names.insert(tensor.name).inserted else { throw .duplicateTensorName(tensor.name) }
            if let dimension = tensor.shape.first(where: { $0 < 0 }) {
                throw .invalidTensorInfo(
                    tensor: tensor.name,
                    reason: "shape \(SafetensorsError.format(tensor.shape)) has the negative dimension \(dimension)")
            }
            guard let byteCount = SafetensorsDtype.f32.byteCount(shape: tensor.shape) else {
                throw .shapeTooLarge(tensor: tensor.name, shape: tensor.shape)
            }
            guard byteCount / SafetensorsDtype.f32.size == tensor.values.count else {
                throw .valueCountMismatch(tensor: tensor.name, shape: tensor.shape, valueCount: tensor.values.count)
            }
        }
        self.tensors = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.metadata = metadata
    }

    /// The tensor with this name, if the file has one.
    public func tensor(named name: String) -> SafetensorsTensor? {
        tensors.first { $0.name == name }
    }
}
