/// What is wrong with a safetensors file, or with tensors to be written as one.
///
/// Each case's ``description`` says what is wrong in a sentence, naming the tensor concerned. The
/// cases hold the values read from the file whole; the description cuts every one of them (names,
/// keys, dtypes, numbers, shapes, lists of problems) to a readable length.
/// Offsets into the data buffer (the bytes after the header) are half-open ranges, as in the header's
/// `data_offsets`.
public enum SafetensorsError: Error, Equatable, Sendable {
    // MARK: - Files

    /// The file could not be read.
    case unreadable(path: String, reason: String)

    // MARK: - Header

    /// The file is shorter than the 8 bytes of its header length.
    case fileTooShort(byteCount: Int)
    /// The header length is above the limit (100,000,000 bytes, as in the Python library).
    case headerTooLarge(length: UInt64, limit: Int)
    /// The header length is above the limit, and the byte after it (`firstByte`, `nil` at the end of
    /// the file) cannot start a header: the file is something else, such as a JSON or text file.
    case notSafetensors(headerLength: UInt64, limit: Int, firstByte: UInt8?)
    /// The header length runs past the end of the file.
    case headerTruncated(length: Int, available: Int)
    /// The header is not valid UTF-8.
    case headerNotUTF8
    /// The header is not valid JSON; `offset` counts bytes from the start of the header.
    case invalidJSON(offset: Int, reason: String)
    /// The header is valid JSON but not an object.
    case headerNotObject
    /// An object in the header has a key twice: `path` is the keys leading to it, then the key itself.
    case duplicateKey(path: [String])
    /// `__metadata__` is not an object of strings.
    case invalidMetadata(reason: String)

    // MARK: - Tensors

    /// A tensor's entry is malformed (a field missing or of the wrong type, a negative or non-integer
    /// number, reversed offsets), or a tensor to be written is (a negative dimension, a reserved name).
    case invalidTensorInfo(tensor: String, reason: String)
    /// A tensor's dtype is not F32 or F64.
    case unsupportedDtype(tensor: String, dtype: String)
    /// The number of bytes of a tensor's shape does not fit in `Int`.
    case shapeTooLarge(tensor: String, shape: [Int])
    /// A tensor's byte range does not hold exactly the elements of its shape.
    case sizeMismatch(tensor: String, dtype: String, shape: [Int], byteCount: Int)
    /// A tensor's byte range ends past the end of the data.
    case offsetsOutOfBounds(tensor: String, begin: Int, end: Int, dataSize: Int)
    /// Two tensors' byte ranges overlap.
    case overlap(tensor: String, range: Range<Int>, other: String, otherRange: Range<Int>)
    /// Bytes of the data, before the tensor named, belong to no tensor.
    case gap(before: String, range: Range<Int>)
    /// Bytes at the end of the data belong to no tensor.
    case trailingBytes(range: Range<Int>)
    /// A finite F64 value is beyond the largest `Float`, and would be read as infinite (when the
    /// reader is asked to refuse it); `index` counts the tensor's elements in row-major order from 0.
    case valueOutOfRange(tensor: String, index: Int, value: Double)
    /// Two tensors to be written have the same name.
    case duplicateTensorName(String)
    /// A tensor to be written does not have as many values as its shape says.
    case valueCountMismatch(tensor: String, shape: [Int], valueCount: Int)

    // MARK: - Model

    /// The file's tensors are not those expected (see ``SafetensorsFile/validate(against:)``).
    case shapesDoNotMatch([ShapeMismatch])
    /// A model's tensor holds a value that is NaN or infinite, first at `index` (its elements in
    /// row-major order, from 0): such weights make every loss NaN.
    case nonFiniteValue(tensor: String, index: Int, value: Float)
}
