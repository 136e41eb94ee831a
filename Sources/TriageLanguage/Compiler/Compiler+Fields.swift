/// Issue fields compiled from their `FieldAccessor`: each getter is resolved once here, when the
/// condition is compiled, into a closure that reads the issue through its pointer.
extension Compiler {
    static func fieldValue(_ field: IssueField) -> Evaluator {
        switch field.descriptor.accessor {
        case let .int(read): { i, _ in .int(read(i)) }
        case let .string(read): { i, _ in .string(read(i)) }
        case let .optionalString(read): { i, _ in read(i).map(Value.string) ?? .null }
        case let .strings(read): { i, _ in .strings(read(i)) }
        case let .bool(read): { i, _ in .bool(read(i)) }
        case let .time(read): { i, _ in .time(read(i)) }
        case let .optionalTime(read): { i, _ in read(i).map(Value.time) ?? .null }
        case let .elapsedSince(_, read): { i, f in .duration(f.now - read(i)) }
        case let .commentFromComments(pick):
            { i, f throws(EvaluationInterrupt) in pick(try f.loadedComments(i)).map(Value.comment) ?? .null }
        case let .stringsFromComments(derive):
            { i, f throws(EvaluationInterrupt) in .strings(derive(try f.loadedComments(i))) }
        }
    }

    /// Ints, times and durations as `Int64`, or nil for fields of other kinds.
    static func fieldNumber(_ field: IssueField) -> NumberGetter? {
        switch field.descriptor.accessor {
        case let .int(read): { i, _ in Int64(read(i)) }
        case let .time(read): { i, _ in read(i).millisecondsSinceEpoch }
        case let .optionalTime(read): { i, _ in read(i)?.millisecondsSinceEpoch }
        case let .elapsedSince(_, read): { i, f in f.now.millisecondsSinceEpoch &- read(i).millisecondsSinceEpoch }
        default: nil
        }
    }

    static func fieldString(_ field: IssueField) -> StringGetter? {
        switch field.descriptor.accessor {
        case let .string(read): { i, _ in read(i) }
        case let .optionalString(read): { i, _ in read(i) }
        default: nil
        }
    }

    static func fieldStrings(_ field: IssueField) -> StringListGetter? {
        switch field.descriptor.accessor {
        case let .strings(read): { i, _ in read(i) }
        case let .stringsFromComments(derive): { i, f throws(EvaluationInterrupt) in derive(try f.loadedComments(i)) }
        default: nil
        }
    }

    static func fieldBool(_ field: IssueField) -> Predicate? {
        if case let .bool(read) = field.descriptor.accessor { return { i, _ in read(i) } }
        return nil
    }
}
