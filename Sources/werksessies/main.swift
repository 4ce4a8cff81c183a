import WerksessiesCLI

// The program: the commands live in WerksessiesCLI (so that the fuzzers and tests can parse arguments
// with them); this target only starts them and links mimalloc.
Werksessies.main()
