import Foundation
import Testing
import TriageLanguage

/// `Grammar/rules.schema.json` offers editors exactly what the registries hold: the codes
/// `lint: {ignore: [...]}` accepts (the `DiagnosticCode` registry), the names macros and lists may
/// not take, and the fields a test's `issue:` sets (both from `FieldCatalog`).
struct SchemaCodesTests {
    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Grammar/rules.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theSchemaListsEveryLintCode() throws {
        let definitions = try #require(try Self.schema()["definitions"] as? [String: Any])
        let lint = try #require(definitions["lint"] as? [String: Any])
        let ignore = try #require((lint["properties"] as? [String: Any])?["ignore"] as? [String: Any])
        let codes = try #require((ignore["items"] as? [String: Any])?["enum"] as? [String])
        #expect(codes == DiagnosticCode.allCases.map(\.rawValue).sorted())
    }

    @Test func theSchemaReservesEveryFieldFunctionAndKeyword() throws {
        let properties = try #require(try Self.schema()["properties"] as? [String: Any])
        for key in ["lists", "macros"] {
            let definition = try #require(properties[key] as? [String: Any])
            let names = try #require(((definition["propertyNames"] as? [String: Any])?["not"] as? [String: Any])?["enum"] as? [String])
            #expect(Set(names) == LanguageEnvironment.reservedNames, "\(key)")
            #expect(Set(FieldCatalog.allNames).isSubset(of: Set(names)))
        }
    }

    @Test func theSchemaOffersEveryFieldATestMaySet() throws {
        let definitions = try #require(try Self.schema()["definitions"] as? [String: Any])
        let issue = try #require(definitions["issue"] as? [String: Any])
        let keys = try #require(issue["properties"] as? [String: Any]).keys
        let settable = FieldCatalog.descriptors.filter { descriptor in
            switch descriptor.testInput {
            case .computed, .notInIssue: false
            default: true
            }
        }
        #expect(Set(keys) == Set(settable.map(\.name)))
    }
}
