extension SafetensorsFile {
    /// Checks that the file holds exactly the expected tensors, with the expected shapes.
    ///
    /// Every problem is reported, not just the first: first each expected tensor that is missing or has
    /// another shape, in the order of `expected`, then each tensor of the file that is not expected,
    /// in the order of ``tensors``.
    ///
    /// - Parameter expected: The names and shapes of a model's parameters (`("out.bias", [1])`).
    /// - Throws: ``SafetensorsError/shapesDoNotMatch(_:)`` listing the problems.
    public func validate(against expected: [(name: String, shape: [Int])]) throws(SafetensorsError) {
        var problems: [SafetensorsError.ShapeMismatch] = []
        for (name, shape) in expected {
            if let tensor = tensor(named: name) {
                if tensor.shape != shape {
                    problems.append(.wrongShape(name: name, found: tensor.shape, expected: shape))
                }
            } else {
                problems.append(.missing(name: name, expected: shape))
            }
        }
        let expectedNames = Set(expected.map(\.name))
        for tensor in tensors where !expectedNames.contains(tensor.name) {
            problems.append(.unexpected(name: tensor.name, found: tensor.shape))
        }
        if !problems.isEmpty { throw .shapesDoNotMatch(problems) }
    }
}
