import Testing
@testable import Engine

/// docs/architecture.md §8: Debian's OpenBLAS 0.3.21 picks Prescott kernels on some AVX-512 CPUs.
@Suite struct CoreTypeSelectionTests {
    let avx512: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]

    @Test func prescottOnAnAVX512MachineIsForcedToSkylakeX() {
        #expect(CoreTypeSelection.override(coreName: "Prescott", cpuFlags: avx512) == "SkylakeX")
    }

    @Test func prescottOnAnAVX2MachineIsForcedToHaswell() {
        #expect(CoreTypeSelection.override(coreName: "Prescott", cpuFlags: ["sse3", "avx", "avx2", "fma"]) == "Haswell")
    }

    @Test func aCorrectlyDetectedCoreIsLeftAlone() {
        #expect(CoreTypeSelection.override(coreName: "Zen", cpuFlags: avx512) == nil)
        #expect(CoreTypeSelection.override(coreName: "SkylakeX", cpuFlags: avx512) == nil)
        #expect(CoreTypeSelection.override(coreName: "Haswell", cpuFlags: ["avx2", "fma"]) == nil)
    }

    @Test func anOldCPUKeepsItsLegacyKernels() {
        #expect(CoreTypeSelection.override(coreName: "Prescott", cpuFlags: ["sse3"]) == nil)
    }

    @Test func flagsAreReadFromCPUInfo() {
        let text = "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: fpu sse3 avx2 fma\n\nprocessor\t: 1\nflags\t\t: fpu\n"
        #expect(CoreTypeSelection.flags(fromCPUInfo: text) == ["fpu", "sse3", "avx2", "fma"])
    }

    /// The restart the worker and the benchmarks carry out: once, with the marker that stops a second.
    @Test func aMisdetectedCoreAsksForOneRestartWithTheMarker() {
        let plan = CoreTypeSelection.restartPlan(coreName: "Prescott", cpuFlags: avx512, environment: ["HOME": "/root"])
        #expect(plan.environment == ["OPENBLAS_CORETYPE": "SkylakeX", CoreTypeSelection.restartMarker: "Prescott"])
        #expect(plan.note?.contains("restarting with OPENBLAS_CORETYPE=SkylakeX") == true)
        #expect(plan.failureNote("No such file") == "could not restart (No such file); continuing with Prescott kernels")
    }

    @Test func noRestartWhenTheUserChoseTheCoreOrTheKernelsFit() {
        let chosen = CoreTypeSelection.restartPlan(coreName: "Prescott", cpuFlags: avx512, environment: ["OPENBLAS_CORETYPE": "Prescott"])
        #expect(chosen.environment.isEmpty && chosen.note == nil)
        let fits = CoreTypeSelection.restartPlan(coreName: "SkylakeX", cpuFlags: avx512, environment: [:])
        #expect(fits.environment.isEmpty && fits.note == nil)
    }

    @Test func afterTheRestartItSaysHowItWentAndNeverAsksAgain() {
        let marker = [CoreTypeSelection.restartMarker: "Prescott", "OPENBLAS_CORETYPE": "SkylakeX"]
        let fixed = CoreTypeSelection.restartPlan(coreName: "SkylakeX", cpuFlags: avx512, environment: marker)
        #expect(fixed.environment.isEmpty)
        #expect(fixed.note == "restarted with OPENBLAS_CORETYPE=SkylakeX (OpenBLAS had picked Prescott); now using SkylakeX")
        let stuck = CoreTypeSelection.restartPlan(coreName: "Prescott", cpuFlags: avx512, environment: marker)
        #expect(stuck.environment.isEmpty)
        #expect(stuck.note?.hasPrefix("still on legacy OpenBLAS kernels (Prescott)") == true)
    }
}
