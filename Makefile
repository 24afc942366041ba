# The two set-up commands are `make run` and `make test`; everything else is for development.
SHELL := /bin/bash
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export AWS_EC2_METADATA_DISABLED := true

CLI := services/SmsOnboarding.Cli

.PHONY: run test build restore bench synth fmt tools

run: build
	$(DOTNET) run --no-build --project $(CLI) -- --help
	$(DOTNET) run --no-build --project $(CLI) -- regions

restore:
	$(DOTNET) restore SmsOnboarding.sln

build: restore
	$(DOTNET) build SmsOnboarding.sln --no-restore -c Debug

tools:
	bash .ci/install-tools

test: tools build
	$(DOTNET) test SmsOnboarding.sln --no-build -c Debug --logger "console;verbosity=minimal"

bench: build
	@echo "No benchmarks yet: the engine issue adds them."

synth:
	@echo "No CDK app yet: the deployment issue adds it."

fmt:
	$(DOTNET) format SmsOnboarding.sln --verify-no-changes
