import Foundation
import Testing

/// The subprocess harness itself: a hang fails instead of blocking, and big outputs on both pipes
/// do not deadlock.
@Suite struct HarnessTests {
    @Test func aHangIsKilledAndReported() async throws {
        // `tail -f /dev/null` never ends by itself, so the run times out however fast the machine
        // is; that it returns at all (with the timeout error) shows the process was killed.
        await #expect(throws: Triage.Timeout.self) {
            try await Subprocess.run(URL(fileURLWithPath: "/usr/bin/tail"), ["-f", "/dev/null"], in: Triage.fixtures, timeout: 0.5)
        }
    }

    @Test func bigOutputsOnBothPipesAndStandardInput() async throws {
        // 1 MiB through stdin to stdout, and 1 MiB to stderr at the same time: far more than a pipe buffer.
        let input = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        let output = try await Subprocess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "head -c 1048576 /dev/zero >&2 & cat; wait"],
                                        stdin: input, in: Triage.fixtures, timeout: 30)
        #expect(output.status == 0)
        #expect(output.stdoutData == input)
        #expect(output.stderrData.count == 1 << 20)
    }
}
