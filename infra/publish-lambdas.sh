#!/usr/bin/env bash
# Publishes the two Lambda packages the CDK app deploys (framework-dependent, linux-arm64, for the managed
# dotnet10 runtime) into infra/.publish/{steps,api}. Offline once the solution has been restored.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts="${SYNTH_ARTIFACTS:-$PWD/.artifacts-synth}"

publish() {
  rm -rf "infra/.publish/$2"
  dotnet publish "$1" -c Release -r linux-arm64 --self-contained false -p:UseAppHost=false \
    --artifacts-path "$artifacts" -o "infra/.publish/$2" -v quiet -nologo
}

publish services/SmsOnboarding.Steps steps
publish services/SmsOnboarding.Api api
