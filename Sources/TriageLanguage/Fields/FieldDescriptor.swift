/// Everything the language layer knows about one issue field: its name and type, how compiled code
/// reads it, whether it is lazy, how a rule test sets it, how a comment template renders it, and
/// whether a decoder may skip it. `FieldCatalog` holds one per `IssueField`.
public struct FieldDescriptor: Sendable {
    public let field: IssueField
    public let accessor: FieldAccessor
    public let testInput: TestInput
    /// Whether decoders may leave the field empty when no rule reads it (fields every output needs,
    /// such as `number` or `url`, and cheap ones are always filled in).
    public let isProjectable: Bool

    public init(_ field: IssueField, _ accessor: FieldAccessor, test testInput: TestInput, projectable isProjectable: Bool = false) {
        self.field = field
        self.accessor = accessor
        self.testInput = testInput
        self.isProjectable = isProjectable
    }

    /// The name rules, templates and tests write.
    public var name: String { field.rawValue }
    public var type: ValueType { accessor.type }
    /// The lazy data reading the field loads, or nil for fields of the list APIs.
    public var lazyData: Set<LazyDataKind> { accessor.lazyData }
    public var isLazy: Bool { !lazyData.isEmpty }
    /// Whether `{{ name }}` may appear in a comment template (lazy fields may not: rendering a
    /// comment must not cost API calls).
    public var isTemplatable: Bool { accessor.template != nil }

    /// The stored fields a decoder must fill in for this one to read right: itself, the time an
    /// elapsed field counts from, the comment count a lazy comment field checks first, the kind a
    /// pull-request field checks first.
    public var fieldsRead: IssueFieldSet {
        var fields = IssueFieldSet([field])
        if let origin = accessor.elapsedSince { fields.insert(origin) }
        if lazyData.contains(.comments) { fields.insert(.comments) }
        fields.formUnion(accessor.alsoReads)
        return fields
    }

    /// The `{{ name }}` text for an issue: strings verbatim, lists comma-separated, times in
    /// RFC 3339, durations in days, null as nothing. Nil for fields templates cannot use.
    public func templateText(for issue: Issue, now: Timestamp) -> String? {
        guard let template = accessor.template else { return nil }
        return withUnsafePointer(to: issue) { template($0, now) }
    }

    /// The field's value for `issue` as evaluation left `frame`: what a report shows without a
    /// request of its own. Nil for a lazy field whose data the frame does not hold (no rule reached it).
    public func loadedValue(of issue: Issue, in frame: EvaluationFrame) -> Value? {
        let read = accessor.value
        return withUnsafePointer(to: issue) { pointer -> Value? in
            do throws(EvaluationInterrupt) {
                return try read(pointer, frame)
            } catch {
                return nil
            }
        }
    }
}
