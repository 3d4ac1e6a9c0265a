extension StringProtocol {
    /// The text with its first letter a capital, to begin a sentence with a phrase made to follow
    /// other words (`the losses are …` → `The losses are …`).
    var sentence: String { prefix(1).uppercased() + dropFirst() }
}
