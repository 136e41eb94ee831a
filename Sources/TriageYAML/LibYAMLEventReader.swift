import CYAML

/// Drives one libyaml parser over one input and feeds its events to a `TreeBuilder`.
struct LibYAMLEventReader {
    let bytes: [UInt8]
    var positions: SourcePositions
    var builder: TreeBuilder
    var documents = 0

    mutating func run() throws(YAMLError) -> YAMLNode? {
        // The parser keeps a pointer to itself for string input, so it must not move: heap-allocate.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLError(message: "libyaml could not allocate a parser", mark: YAMLMark(offset: 0, line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }

        let input = bytes
        return try input.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> YAMLNode? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            while true {
                guard yaml_parser_parse(parser, event) != 0 else {
                    throw parserError(parser.pointee)
                }
                defer { yaml_event_delete(event) }
                if try handle(event.pointee) {
                    return builder.root.flatMap(Self.emptyDocumentIsNil)
                }
            }
        }
    }

    /// Returns true at the end of the stream.
    private mutating func handle(_ event: yaml_event_t) throws(YAMLError) -> Bool {
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError(message: "a rule file holds one YAML document; found a second one here",
                                mark: mark(event.start_mark))
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let start = mark(event.start_mark)
            let end = mark(event.end_mark)
            let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let style = Self.style(data.style)
            let tag = data.tag.map { ScalarResolution.shortTag(String(cString: $0)) }
            let resolved: YAMLPlainValue
            do {
                resolved = try ScalarResolution.resolve(value, style: style, tag: tag)
            } catch {
                throw YAMLError(message: error.message, mark: start)
            }
            let scalar = YAMLScalar(value: value, style: style, tag: tag, start: start, end: end,
                                    resolved: resolved, source: bytes)
            try builder.scalar(scalar, anchor: data.anchor.map { String(cString: $0) })
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            try builder.alias(name, start: mark(event.start_mark), end: mark(event.end_mark))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try builder.beginCollection(
                mapping: false, flow: data.style == YAML_FLOW_SEQUENCE_STYLE,
                anchor: data.anchor.map { String(cString: $0) },
                tag: data.tag.map { ScalarResolution.shortTag(String(cString: $0)) },
                start: mark(event.start_mark))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try builder.beginCollection(
                mapping: true, flow: data.style == YAML_FLOW_MAPPING_STYLE,
                anchor: data.anchor.map { String(cString: $0) },
                tag: data.tag.map { ScalarResolution.shortTag(String(cString: $0)) },
                start: mark(event.start_mark))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            try builder.endCollection(end: mark(event.end_mark))
        default:
            break
        }
        return false
    }

    /// An empty document reaches us as an untagged, empty plain scalar; callers want `nil`.
    private static func emptyDocumentIsNil(_ node: YAMLNode) -> YAMLNode? {
        if case .scalar(let scalar) = node, scalar.style == .plain, scalar.tag == nil, scalar.value.isEmpty {
            return nil
        }
        return node
    }

    private mutating func mark(_ mark: yaml_mark_t) -> YAMLMark {
        positions.mark(characterIndex: Int(mark.index))
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// Turns libyaml's error fields into a `YAMLError` at the problem's position.
    private mutating func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(message: "libyaml ran out of memory", mark: positions.mark(byteOffset: 0))
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset and the offending byte or character, no mark.
            var message = problem
            if parser.problem_value >= 0 {
                let value = String(parser.problem_value, radix: 16, uppercase: true)
                message += problem.contains("octet")
                    ? " (byte 0x\(value.count < 2 ? "0" + value : value))"
                    : " (U+\(String(repeating: "0", count: max(0, 4 - value.count)) + value))"
            }
            return YAMLError(message: message, mark: positions.mark(byteOffset: parser.problem_offset))
        default:
            let at = positions.mark(characterIndex: Int(parser.problem_mark.index))
            var context: String?
            if let text = parser.context.map({ String(cString: $0) }) {
                let contextMark = positions.mark(characterIndex: Int(parser.context_mark.index))
                context = "\(text) that started at \(contextMark)"
            }
            return YAMLError(message: problem, mark: at, context: context)
        }
    }
}
