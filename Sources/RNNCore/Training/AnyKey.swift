/// A coding key for any string, used to list the keys a JSON object actually holds, or for a
/// position in an array (`loss[3]` in a message).
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}
