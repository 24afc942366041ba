# The two set-up commands are `make run` and `make test`; everything else is for development.
SHELL := /bin/bash
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export AWS_EC2_METADATA_DISABLED := true

CLI := services/SmsOnboarding.Cli
# `make run` serves on http://127.0.0.1:8080 with the data in .smsonboard/ and the skipping clock, so
# AWS reviews that take days pass in seconds while people still get all the time they need.
# (serve's defaults). Extra arguments: make run ARGS="--port 9090 --scenario FILE --clock realtime"
ARGS ?=

.PHONY: run test build restore tools bench synth fmt docs clean

run: build
	$(DOTNET) run --no-build --project $(CLI) -- serve $(ARGS)

restore:
	$(DOTNET) restore SmsOnboarding.sln

build: restore
	$(DOTNET) build SmsOnboarding.sln --no-restore -c Debug

tools:
	bash .ci/install-tools

test: tools build
	$(DOTNET) test SmsOnboarding.sln --no-build -c Debug

bench: restore
	$(DOTNET) run -c Release --project bench/SmsOnboarding.Benchmarks -- bench/results/engine.json

synth: restore
	bash infra/synth.sh

fmt:
	$(DOTNET) format SmsOnboarding.sln --verify-no-changes

# Regenerates committed docs that tests check for staleness (the lifecycle diagram).
docs: build
	UPDATE_DOCS=1 $(DOTNET) test tests/SmsOnboarding.Domain.Tests --no-build --filter "FullyQualifiedName~diagram"

clean:
	rm -rf .smsonboard infra/cdk.out infra/.publish infra/.tmp .artifacts-synth
