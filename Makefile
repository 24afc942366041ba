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
# Each pack gets its own version: NuGet caches a package by id and version, so a rebuilt tool with an old
# version would install the old build. The install uses a throwaway package cache so versions do not pile up.
TOOL_VERSION := 0.1.0-local.$(shell date -u +%Y%m%d%H%M%S)
TOOL_DIR := .artifacts/tool

.PHONY: run test build restore tools tool bench load-test synth fmt docs record-histories clean

# Installs (or updates) the `smsonboard` .NET tool from this build, then serves with it.
run: tool
	NUGET_PACKAGES=$(CURDIR)/$(TOOL_DIR)/cache $(DOTNET) tool update --global smsonboard --add-source $(TOOL_DIR) \
	  --version $(TOOL_VERSION) --ignore-failed-sources
	rm -rf $(TOOL_DIR)/cache
	@command -v smsonboard >/dev/null || echo "make run: add $$HOME/.dotnet/tools to PATH to call smsonboard by name"
	$$HOME/.dotnet/tools/smsonboard serve $(ARGS)

# The CLI as a .NET tool package in $(TOOL_DIR) (`dotnet tool install smsonboard --add-source $(TOOL_DIR)`).
tool: build
	rm -rf $(TOOL_DIR)
	$(DOTNET) pack $(CLI) --no-build -c Debug -o $(TOOL_DIR) -p:Version=$(TOOL_VERSION)

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
	$(DOTNET) run -c Release --project bench/SmsOnboarding.Benchmarks -- --api bench/results/api.json
	$(MAKE) load-test

# Issue 12's bounded load test: 200 onboardings by 20 clients across three accounts through serve's HTTP API (minutes).
load-test: build
	LOAD_TESTS=1 $(DOTNET) test tests/SmsOnboarding.EndToEnd.Tests --no-build --filter "FullyQualifiedName~ManyAccountsLoadTests"

synth: restore
	bash infra/synth.sh

fmt:
	$(DOTNET) format SmsOnboarding.sln --verify-no-changes

# Regenerates committed docs that tests check for staleness (the lifecycle diagram).
docs: build
	UPDATE_DOCS=1 $(DOTNET) test tests/SmsOnboarding.Domain.Tests --no-build --filter "FullyQualifiedName~diagram"

# Re-records the replay tests' histories (tests/SmsOnboarding.EndToEnd.Tests/Replay/histories) from real runs on the
# embedded engine and the simulated account. Only after an intended, versioned contract change (decision 0016).
record-histories: build
	RECORD_HISTORIES=1 $(DOTNET) test tests/SmsOnboarding.EndToEnd.Tests --no-build --filter "FullyQualifiedName~HistoryRecorder"

clean:
	rm -rf .smsonboard infra/cdk.out infra/.publish infra/.tmp .artifacts-synth
