/// Issue fields: the getters come ready-made from the field's `FieldAccessor`, resolved here once,
/// when the condition is compiled.
extension Compiler {
    static func fieldValue(_ field: IssueField) -> Evaluator { field.descriptor.accessor.value }
    /// Ints, times and durations as `Int64`, or nil for fields of other kinds.
    static func fieldNumber(_ field: IssueField) -> NumberGetter? { field.descriptor.accessor.number }
    static func fieldString(_ field: IssueField) -> StringGetter? { field.descriptor.accessor.string }
    static func fieldStrings(_ field: IssueField) -> StringListGetter? { field.descriptor.accessor.strings }
    static func fieldBool(_ field: IssueField) -> Predicate? { field.descriptor.accessor.bool }
}
