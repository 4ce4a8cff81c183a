# werksessies — `make run` publishes reports from the sample data, `make test` runs the test suite.
SWIFT ?= swift
CONFIG ?= Pipelines/nightly.yml
BIN_RELEASE = .build/release/werksessies

.PHONY: bootstrap build release run test bench bench-ingest quality fuzz sanitize sanitize-thread clean sample

bootstrap:
	@./scripts/bootstrap.sh

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release --product werksessies

run: release
	$(BIN_RELEASE) run $(CONFIG)
	@echo "Reports: $$(cd Reports/latest && pwd -P)"

test: bootstrap
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

# Regenerates the committed sample exports (deterministic: same seeds, same files).
sample: release
	$(BIN_RELEASE) sample --participants 400 --seed 2020 --out SampleData/registraties.xlsx
	$(BIN_RELEASE) sample --participants 40 --seed 917 --first-id 2000 --out SampleData/late-registraties.csv

bench: release
	./scripts/bench-ingest.sh
	./scripts/bench.sh

bench-ingest: release
	./scripts/bench-ingest.sh

# The board's comparison with a lottery, first come first served and the interest-only optimum, and the
# targets of issue 17 (PASS/FAIL); HiGHS checks the optimum when highspy is installed.
quality: release
	./scripts/quality.sh

fuzz: build
	./scripts/fuzz.sh

# The test suite under AddressSanitizer, and the concurrent parts (threaded CSV and xlsx readers with
# parallel row building, parallel normalisation, placements and report writing, the state written on its
# own thread) under ThreadSanitizer; separate build folders keep .build intact.
# Leak detection is off: every leak LeakSanitizer reports here is in Foundation (Data(contentsOf:)),
# XCTest's own bookkeeping or ZIPFoundation 0.9.20 (fileSystemRepresentation never freed), none in ours.
sanitize: bootstrap
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan --disable-swift-testing

sanitize-thread: bootstrap
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan --disable-swift-testing \
		--filter 'IngestTests|NormaliseTests|ReportsTests|EndToEndTests|StateStoreRecordTests|PlacementSplitTests'

clean:
	rm -rf .build
