/// How much a job summary may list. GitHub refuses a step summary over 1 MiB, and a page of
/// thousands of links helps nobody: each list stops after `itemsPerList` items and the whole text
/// after about `maxBytes`, both ending with "… and N more".
public struct SummaryLimits: Hashable, Sendable {
    public var itemsPerList: Int
    public var maxBytes: Int

    public init(itemsPerList: Int = 100, maxBytes: Int = 256 * 1024) {
        self.itemsPerList = itemsPerList
        self.maxBytes = maxBytes
    }

    public static let standard = SummaryLimits()
}
