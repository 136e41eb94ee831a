import FuzzDriver
import Glibc
import TriageLanguage
import TriageRules

/// Hands control to libFuzzer, which calls `fuzzOneInput` for every input it tries.
@main
enum TriageFuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzOneInput(data!, size)
        })
    }
}

/// One fuzzing input, used twice: as an expression (lexer, parser, type checker, compiler, printer
/// round trip, evaluation) and as a rule file (libyaml, the node tree, rule decoding, lint).
/// Any crash, hang or sanitizer report is a bug.
func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    fuzzExpression(String(decoding: bytes, as: UTF8.self))
    fuzzRuleFile(bytes)
    return 0
}

private let environment: LanguageEnvironment = {
    let macro = try? Parser.parse(#"state == "open" and any(labels, l => l ~ "^triage/")"#).get()
    return LanguageEnvironment(macros: ["untriaged": macro], lists: ["team": .strings(["alice", "bob"]), "ids": .ints([1, 2])])
}()

private let sampleIssue = Issue(number: 7, title: "Crash on launch 🚀", body: "steps", labels: ["bug", "triage/x"], assignees: ["bob"],
                                comments: 0, created: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000),
                                updated: Timestamp(millisecondsSinceEpoch: 1_710_000_000_000))

private func fuzzExpression(_ source: String) {
    guard case let .success(expression) = Parser.parse(source) else { return }
    let printed = ExpressionPrinter.print(expression)
    guard case let .success(reparsed) = Parser.parse(printed), reparsed.isStructurallyEqual(to: expression) else {
        fatalError("printer round trip failed for \(source.debugDescription) printed as \(printed.debugDescription)")
    }
    var checker = TypeChecker(environment: environment)
    let (checked, _) = checker.checkCondition(expression)
    guard let checked else { return }
    let condition = CompiledCondition(checked)
    let frame = EvaluationFrame(issue: sampleIssue, now: Timestamp(millisecondsSinceEpoch: 1_720_000_000_000))
    frame.provide(comments: [])
    frame.provide(labelEvents: [])
    _ = try? condition.evaluateSynchronously(in: frame)
}

private func fuzzRuleFile(_ bytes: [UInt8]) {
    let loaded = RuleLoader.load([(path: "fuzz.yaml", bytes: bytes)])
    _ = Linter.lint(loaded)
}
