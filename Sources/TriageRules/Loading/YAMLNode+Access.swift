import TriageYAML

extension YAMLNode {
    var scalar: YAMLScalar? {
        if case let .scalar(scalar) = self { return scalar }
        return nil
    }

    var mapping: YAMLMapping? {
        if case let .mapping(mapping) = self { return mapping }
        return nil
    }

    var sequence: YAMLSequence? {
        if case let .sequence(sequence) = self { return sequence }
        return nil
    }

    /// How the node reads in "expected X, found Y" messages.
    var kindDescription: String {
        switch self {
        case let .scalar(scalar):
            switch scalar.resolved {
            case .null: "null"
            case .bool: "a boolean"
            case .int: "a number"
            case .float: "a number"
            case .string: "text"
            }
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

extension YAMLScalar {
    /// The scalar as a key or plain word: its text, whatever its resolved type.
    var text: String { value }

    var isNull: Bool {
        if case .null = resolved { return true }
        return false
    }
}
