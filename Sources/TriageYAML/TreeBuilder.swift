/// Assembles the node tree from the parser's events with an explicit stack, so that nesting in
/// a hostile file cannot overflow the call stack, and applies the YAML rules libyaml leaves to
/// its callers: aliases, merge keys, duplicate keys and resource limits.
struct TreeBuilder {
    /// A completed anchored node with what expanding an alias to it costs.
    private struct Anchored {
        var node: YAMLNode
        var weight: Int
        var height: Int
    }

    /// A child added to an open collection.
    private struct Child {
        var node: YAMLNode
        /// Where the child was written (for an alias: the alias, not the anchored node).
        var site: YAMLMark
        var siteEnd: YAMLMark
        var weight: Int
        var height: Int
    }

    /// A `<<` entry waiting to be applied when its mapping closes.
    private struct Merge {
        /// How many explicit entries came before it: that is where its entries go.
        var position: Int
        var sources: [YAMLMapping]
    }

    private struct OpenCollection {
        var isMapping: Bool
        var isFlow: Bool
        var start: YAMLMark
        var anchor: String?
        var items: [YAMLNode] = []
        var entries: [YAMLMappingEntry] = []
        var pendingKey: Child?
        var merges: [Merge] = []
        /// Where each scalar key of this mapping was first written, by resolved value.
        var firstKeys: [YAMLPlainValue: YAMLMark] = [:]
        var weight = 1
        var height = 1
        var lastEnd: YAMLMark
    }

    private let limits: YAMLLoadLimits
    private var stack: [OpenCollection] = []
    private var anchors: [String: Anchored] = [:]
    /// Anchors of collections still open, to tell a recursive alias from an unknown one.
    private var openAnchors: [String: Int] = [:]
    private var aliasExpansion = 0
    private(set) var root: YAMLNode?

    init(limits: YAMLLoadLimits) {
        self.limits = limits
    }

    mutating func scalar(_ scalar: YAMLScalar, anchor: String?) throws(YAMLError) {
        let node = YAMLNode.scalar(scalar)
        if let anchor { define(anchor, Anchored(node: node, weight: 1, height: 0)) }
        try add(Child(node: node, site: scalar.start, siteEnd: scalar.end, weight: 1, height: 0))
    }

    mutating func alias(_ name: String, start: YAMLMark, end: YAMLMark) throws(YAMLError) {
        guard let anchored = anchors[name] else {
            if openAnchors[name, default: 0] > 0 {
                throw YAMLError(message: "alias '*\(name)' refers to a node that contains it", mark: start)
            }
            throw YAMLError(message: "unknown alias '*\(name)'; no earlier node has the anchor '&\(name)'", mark: start)
        }
        aliasExpansion += anchored.weight
        if aliasExpansion > limits.maxAliasExpansion {
            throw YAMLError(
                message: "aliases expand to more than \(limits.maxAliasExpansion) nodes; refusing to expand "
                    + "'*\(name)' (a \"billion laughs\" document?)",
                mark: start)
        }
        if stack.count + anchored.height > limits.maxDepth {
            throw YAMLError(
                message: "alias '*\(name)' nests collections deeper than \(limits.maxDepth) levels", mark: start)
        }
        try add(Child(node: anchored.node, site: start, siteEnd: end, weight: anchored.weight, height: anchored.height))
    }

    mutating func beginCollection(
        mapping: Bool, flow: Bool, anchor: String?, tag: String?, start: YAMLMark
    ) throws(YAMLError) {
        if let tag, tag.hasPrefix("!!"), tag != (mapping ? "!!map" : "!!seq") {
            throw YAMLError(message: "a \(mapping ? "mapping" : "sequence") cannot have the tag \(tag)", mark: start)
        }
        guard stack.count < limits.maxDepth else {
            throw YAMLError(message: "collections are nested deeper than \(limits.maxDepth) levels", mark: start)
        }
        if let anchor {
            // Until it closes, the collection shadows any earlier node with the same anchor.
            anchors[anchor] = nil
            openAnchors[anchor, default: 0] += 1
        }
        stack.append(OpenCollection(isMapping: mapping, isFlow: flow, start: start, anchor: anchor, lastEnd: start))
    }

    mutating func endCollection(end eventEnd: YAMLMark) throws(YAMLError) {
        guard var open = stack.popLast() else { return }
        // Block collections end where libyaml notices the dedent, often lines later; end them
        // at their last child instead so ranges hug the content.
        let end = open.isFlow ? eventEnd : open.lastEnd
        let node: YAMLNode
        if open.isMapping {
            node = .mapping(YAMLMapping(entries: try Self.applyMerges(&open), start: open.start, end: end))
        } else {
            node = .sequence(YAMLSequence(items: open.items, start: open.start, end: end))
        }
        if let anchor = open.anchor {
            openAnchors[anchor, default: 1] -= 1
            define(anchor, Anchored(node: node, weight: open.weight, height: open.height))
        }
        try add(Child(node: node, site: open.start, siteEnd: end, weight: open.weight, height: open.height))
    }

    private mutating func define(_ anchor: String, _ anchored: Anchored) {
        anchors[anchor] = anchored
    }

    private mutating func add(_ child: Child) throws(YAMLError) {
        guard var top = stack.popLast() else {
            root = child.node
            return
        }
        defer { stack.append(top) }
        top.weight += child.weight
        top.height = max(top.height, child.height + 1)
        top.lastEnd = child.siteEnd
        guard top.isMapping else {
            top.items.append(child.node)
            return
        }
        guard let key = top.pendingKey else {
            try Self.checkDuplicate(child, in: &top)
            top.pendingKey = child
            return
        }
        top.pendingKey = nil
        if Self.isMergeKey(key.node) {
            top.merges.append(Merge(position: top.entries.count, sources: try Self.mergeSources(child)))
        } else {
            top.entries.append(YAMLMappingEntry(key: key.node, value: child.node))
        }
    }

    // MARK: - Keys

    /// libyaml accepts repeated keys silently; in a rule file the second one would quietly win.
    private static func checkDuplicate(_ key: Child, in mapping: inout OpenCollection) throws(YAMLError) {
        guard case .scalar(let scalar) = key.node else { return }
        if let first = mapping.firstKeys[scalar.resolved] {
            throw YAMLError(
                message: "duplicate key '\(scalar.value)'; it is already set on line \(first.line)",
                mark: key.site)
        }
        mapping.firstKeys[scalar.resolved] = key.site
    }

    private static func isMergeKey(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.tag == "!!merge" || (scalar.tag == nil && scalar.style == .plain && scalar.value == "<<")
    }

    // MARK: - Merge keys

    private static func mergeSources(_ value: Child) throws(YAMLError) -> [YAMLMapping] {
        switch value.node {
        case .mapping(let mapping):
            return [mapping]
        case .sequence(let sequence):
            var sources: [YAMLMapping] = []
            for item in sequence.items {
                guard case .mapping(let mapping) = item else {
                    throw YAMLError(
                        message: "a merge key '<<' sequence can only hold mappings; this is a \(kind(of: item))",
                        mark: item.start)
                }
                sources.append(mapping)
            }
            return sources
        case .scalar:
            throw YAMLError(
                message: "a merge key '<<' needs a mapping or a sequence of mappings; this is a scalar",
                mark: value.site)
        }
    }

    private static func kind(of node: YAMLNode) -> String {
        switch node {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "sequence"
        }
    }

    /// Keys written in the mapping win over merged ones; among merged mappings the earlier wins.
    private static func applyMerges(_ mapping: inout OpenCollection) throws(YAMLError) -> [YAMLMappingEntry] {
        guard !mapping.merges.isEmpty else { return mapping.entries }
        var taken = Set(mapping.firstKeys.keys)
        var result: [YAMLMappingEntry] = []
        var merges = mapping.merges[...]
        func insertMerges(upTo position: Int) {
            while let merge = merges.first, merge.position <= position {
                merges.removeFirst()
                for source in merge.sources {
                    for entry in source.entries {
                        if case .scalar(let key) = entry.key {
                            guard taken.insert(key.resolved).inserted else { continue }
                        }
                        result.append(entry)
                    }
                }
            }
        }
        for (position, entry) in mapping.entries.enumerated() {
            insertMerges(upTo: position)
            result.append(entry)
        }
        insertMerges(upTo: mapping.entries.count)
        return result
    }
}
