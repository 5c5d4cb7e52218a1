# SpinTransport — the two commands a user needs:
#   make test   set up system packages, build, check a quick HTML gallery in headless Chromium,
#               run the whole test suite (swift test), then the Python package's (pytest)
#   make demo   set up, release build, run the main job and print its result
#   make docs   DocC API documentation → docs-build/SpinTransport.doccarchive (fails on any warning)
# make check-gallery checks results/index.html (after make demo) in headless Chromium.
SWIFT ?= swift
BIN := .build/release/spintransport

.PHONY: bootstrap build release test test-kernels docs demo check-gallery bench bench-check clean format lint

bootstrap:
	@bash scripts/bootstrap

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release --product spintransport

# The format check (swift format lint --strict: any warning fails), the documentation check
# (scripts/docs, ~40 s after a build) and the gallery check run first;
# then XCTest and Swift Testing (Tests/PropertyTests): the output ends with Swift Testing's
# "Test run with N tests in M suites passed" line, after XCTest's "Executed N tests". Then the
# Python package's tests (scripts/python-tests: fresh venv under .build, pip install ./python,
# which builds the release library, then pytest python/tests).
test: bootstrap
	swift format lint --strict -r Sources Tests benchmarks Package.swift
	bash scripts/docs
	$(SWIFT) build --product spintransport
	bash scripts/check-gallery --reproduce .build/debug/spintransport .build/gallery-check
	$(SWIFT) test
	bash scripts/python-tests

# The suite again under OpenBLAS kernels other than the detected one (scripts/test-kernels);
# CI runs `make test` and then the suite under one kernel unlike the detected one.
test-kernels: bootstrap
	bash scripts/test-kernels $(if $(KERNELS),--kernels $(KERNELS))

docs: bootstrap
	bash scripts/docs

demo: release
	bash scripts/demo

check-gallery: bootstrap
	bash scripts/check-gallery results

bench: release
	bash benchmarks/run

# In-process suite (package-benchmark, separate package): run and check against the stored baseline.
bench-check: bootstrap
	cd benchmarks/suite && $(SWIFT) package benchmark baseline check reference --no-progress

clean:
	rm -rf .build

format:
	swift format -i -r Sources Tests benchmarks Package.swift

lint:
	swift format lint --strict -r Sources Tests benchmarks Package.swift
