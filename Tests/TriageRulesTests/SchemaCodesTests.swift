import Foundation
import Testing
import TriageLanguage

/// `Grammar/rules.schema.json` offers editors exactly the codes `lint: {ignore: [...]}` accepts: the
/// `DiagnosticCode` registry.
struct SchemaCodesTests {
    @Test func theSchemaListsEveryLintCode() throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Grammar/rules.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let definitions = try #require(schema["definitions"] as? [String: Any])
        let lint = try #require(definitions["lint"] as? [String: Any])
        let ignore = try #require((lint["properties"] as? [String: Any])?["ignore"] as? [String: Any])
        let codes = try #require((ignore["items"] as? [String: Any])?["enum"] as? [String])
        #expect(codes == DiagnosticCode.allCases.map(\.rawValue).sorted())
    }
}
