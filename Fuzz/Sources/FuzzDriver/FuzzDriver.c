// Declarations only: libFuzzer is linked from the toolchain (scripts/fuzz.sh).
