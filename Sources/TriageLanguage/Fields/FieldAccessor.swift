/// How compiled code reads a field from an issue, built once per field from a reader closure over the
/// issue pointer: its language type, and the typed getters the compiler hands out as they are (the
/// number, string, list or bool getter, and the boxed value for everything else).
///
/// The constructors are inlined where the catalog calls them with a closure literal, so each getter
/// is one direct closure that reads the stored property (measured as fast as a hand-written
/// closure; wrapping a stored reader closure instead costs a second indirect call per read). No
/// field is looked up by name or through a key path while issues are evaluated.
public struct FieldAccessor: Sendable {
    public typealias Read<T> = @Sendable (UnsafePointer<Issue>) -> T

    /// The field's type in the language.
    public let type: ValueType
    /// The lazy data evaluation may load to read the field (empty for fields of the list APIs).
    public let lazyData: Set<LazyDataKind>
    /// The part of `lazyData` read only for its time (`human_idle`'s reviews): a source whose reviews
    /// carry no time is never asked for it (`EvaluationFrame.loadedReviewActivity`), so it costs
    /// nothing there (`RequestProfile`).
    public let timedOnlyLazyData: Set<LazyDataKind>
    /// Stored fields the reader looks at besides the field itself (`kind`, to skip requests for
    /// issues that cannot have the data).
    public let alsoReads: IssueFieldSet
    /// The stored time field an elapsed duration counts from (`age`: `created`); the value then
    /// depends on the evaluation instant.
    public let elapsedSince: IssueField?
    let value: Evaluator
    let number: NumberGetter?
    let string: StringGetter?
    let strings: StringListGetter?
    let bool: Predicate?
    /// The `{{ field }}` text; nil for fields templates cannot use.
    let template: (@Sendable (UnsafePointer<Issue>, Timestamp) -> String)?

    public var dependsOnNow: Bool { elapsedSince != nil }

    private init(_ type: ValueType, lazyData: Set<LazyDataKind> = [], timedOnlyLazyData: Set<LazyDataKind> = [], alsoReads: IssueFieldSet = [], elapsedSince: IssueField? = nil, value: @escaping Evaluator,
                 number: NumberGetter? = nil, string: StringGetter? = nil, strings: StringListGetter? = nil, bool: Predicate? = nil,
                 template: (@Sendable (UnsafePointer<Issue>, Timestamp) -> String)?) {
        self.type = type
        self.lazyData = lazyData
        self.timedOnlyLazyData = timedOnlyLazyData
        self.alsoReads = alsoReads
        self.elapsedSince = elapsedSince
        self.value = value
        self.number = number
        self.string = string
        self.strings = strings
        self.bool = bool
        self.template = template
    }

    @inline(__always)
    public static func int(_ read: @escaping Read<Int>) -> FieldAccessor {
        FieldAccessor(.int, value: { i, _ in .int(read(i)) }, number: { i, _ in Int64(read(i)) },
                      template: { i, _ in String(read(i)) })
    }

    @inline(__always)
    public static func string(_ read: @escaping Read<String>) -> FieldAccessor {
        FieldAccessor(.string, value: { i, _ in .string(read(i)) }, string: { i, _ in read(i) }, template: { i, _ in read(i) })
    }

    @inline(__always)
    public static func optionalString(_ read: @escaping Read<String?>) -> FieldAccessor {
        FieldAccessor(.optional(.string), value: { i, _ in read(i).map(Value.string) ?? .null }, string: { i, _ in read(i) },
                      template: { i, _ in read(i) ?? "" })
    }

    @inline(__always)
    public static func strings(_ read: @escaping Read<[String]>) -> FieldAccessor {
        FieldAccessor(.list(.string), value: { i, _ in .strings(read(i)) }, strings: { i, _ in read(i) },
                      template: { i, _ in read(i).joined(separator: ", ") })
    }

    @inline(__always)
    public static func bool(_ read: @escaping Read<Bool>) -> FieldAccessor {
        FieldAccessor(.bool, value: { i, _ in .bool(read(i)) }, bool: { i, _ in read(i) }, template: { i, _ in String(read(i)) })
    }

    @inline(__always)
    public static func time(_ read: @escaping Read<Timestamp>) -> FieldAccessor {
        FieldAccessor(.time, value: { i, _ in .time(read(i)) }, number: { i, _ in read(i).millisecondsSinceEpoch },
                      template: { i, _ in read(i).rfc3339 })
    }

    @inline(__always)
    public static func optionalTime(_ read: @escaping Read<Timestamp?>) -> FieldAccessor {
        FieldAccessor(.optional(.time), value: { i, _ in read(i).map(Value.time) ?? .null }, number: { i, _ in read(i)?.millisecondsSinceEpoch },
                      template: { i, _ in read(i)?.rfc3339 ?? "" })
    }

    /// The time from the stored time field `origin` (read by `read`) to the evaluation instant.
    @inline(__always)
    public static func elapsed(since origin: IssueField, _ read: @escaping Read<Timestamp>) -> FieldAccessor {
        FieldAccessor(.duration, elapsedSince: origin, value: { i, f in .duration(f.now - read(i)) },
                      number: { i, f in f.now.millisecondsSinceEpoch &- read(i).millisecondsSinceEpoch },
                      template: { i, now in (now - read(i)).daysText })
    }

    /// A comment picked from the issue's comments, which are lazy data.
    public static func comment(fromComments pick: @escaping @Sendable ([IssueComment]) -> IssueComment?) -> FieldAccessor {
        FieldAccessor(.optional(.comment), lazyData: [.comments],
                      value: { i, f throws(EvaluationInterrupt) in pick(try f.loadedComments(i)).map(Value.comment) ?? .null },
                      template: nil)
    }

    /// Strings derived from the issue's comments, which are lazy data.
    public static func strings(fromComments derive: @escaping @Sendable ([IssueComment]) -> [String]) -> FieldAccessor {
        FieldAccessor(.list(.string), lazyData: [.comments],
                      value: { i, f throws(EvaluationInterrupt) in .strings(derive(try f.loadedComments(i))) },
                      strings: { i, f throws(EvaluationInterrupt) in derive(try f.loadedComments(i)) }, template: nil)
    }

    /// The time since the last human activity (SPEC §8 `human_idle`): comments, and reviews on pull
    /// requests, which are lazy data; counted from `created` when there is none.
    static func humanIdle() -> FieldAccessor {
        let last: @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> Timestamp = { i, f throws(EvaluationInterrupt) in
            let comments = try f.loadedComments(i)
            return HumanActivity.lastActivity(created: i.pointee.created, comments: comments, reviews: try f.loadedReviewActivity(i))
        }
        return FieldAccessor(.duration, lazyData: [.comments, .reviews], timedOnlyLazyData: [.reviews], alsoReads: IssueFieldSet([.kind]), elapsedSince: .created,
                             value: { i, f throws(EvaluationInterrupt) in .duration(f.now - (try last(i, f))) },
                             number: { i, f throws(EvaluationInterrupt) in f.now.millisecondsSinceEpoch &- (try last(i, f)).millisecondsSinceEpoch },
                             template: nil)
    }

    /// The pull requests referencing the issue, which are lazy data.
    static func linkedPulls() -> FieldAccessor {
        FieldAccessor(.list(.pull), lazyData: [.linkedPulls],
                      value: { i, f throws(EvaluationInterrupt) in .list(try f.loadedLinkedPulls(i).map(Value.pull)) }, template: nil)
    }

    /// `review_state`: from a pull request's reviews; null for issues, with no request.
    static func reviewState() -> FieldAccessor {
        let read: @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> String? = { i, f throws(EvaluationInterrupt) in
            guard i.pointee.kind == "pull_request" else { return nil }
            return PullReview.reviewState(of: try f.loadedReviews(i))
        }
        return FieldAccessor(.optional(.string), lazyData: [.reviews], alsoReads: IssueFieldSet([.kind]),
                             value: { i, f throws(EvaluationInterrupt) in try read(i, f).map(Value.string) ?? .null },
                             string: read, template: nil)
    }

    /// `checks`: a pull request's combined checks; null for issues, with no request.
    static func checks() -> FieldAccessor {
        let read: @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> String? = { i, f throws(EvaluationInterrupt) in
            try f.loadedChecks(i)?.rawValue
        }
        return FieldAccessor(.optional(.string), lazyData: [.checks], alsoReads: IssueFieldSet([.kind]),
                             value: { i, f throws(EvaluationInterrupt) in try read(i, f).map(Value.string) ?? .null },
                             string: read, template: nil)
    }
}
