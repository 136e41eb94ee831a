extension Array {
    /// Sorted by `areInIncreasingOrder`, keeping the original order of equal elements (comments and
    /// label events at the same instant stay in the order the source gave them).
    public func stableSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        enumerated().sorted { a, b in
            areInIncreasingOrder(a.element, b.element) || (!areInIncreasingOrder(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
    }
}
