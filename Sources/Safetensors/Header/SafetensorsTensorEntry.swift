/// One tensor's line in a safetensors header: where its bytes are and how to read them.
struct SafetensorsTensorEntry: Equatable {
    var name: String
    var dtype: SafetensorsDtype
    var shape: [Int]
    /// Offset of the first byte in the data buffer (the bytes after the header).
    var begin: Int
    /// Offset just past the last byte in the data buffer.
    var end: Int
}
