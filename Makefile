# SpinTransport — the two commands a user needs:
#   make test   set up system packages, build, run the whole test suite (swift test)
#   make demo   set up, release build, run the main job and print its result
#   make docs   DocC API documentation → docs-build/SpinTransport.doccarchive (fails on any warning)
SWIFT ?= swift
BIN := .build/release/spintransport

.PHONY: bootstrap build release test docs demo bench clean format lint

bootstrap:
	@bash scripts/bootstrap

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release --product spintransport

# The documentation check (scripts/docs, ~40 s after a build) runs first, so XCTest's summary
# stays the last line.
test: bootstrap
	bash scripts/docs
	$(SWIFT) test --disable-swift-testing

docs: bootstrap
	bash scripts/docs

demo: release
	bash scripts/demo

bench: release
	bash benchmarks/run

clean:
	rm -rf .build

format:
	swift format -i -r Sources Tests benchmarks Package.swift

lint:
	swift format lint -r Sources Tests benchmarks Package.swift
