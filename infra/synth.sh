#!/usr/bin/env bash
# `make synth`: publish the Lambda packages, synthesize the stack offline into infra/cdk.out, and leave no temp
# files: jsii unpacks ~66 MB per run into TMPDIR and keeps a package cache, both pointed into infra/.tmp and
# removed on exit. Extra CDK context: CDK_CONTEXT_JSON='{"reminderEmail":"a@example.com"}' bash infra/synth.sh
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts="${SYNTH_ARTIFACTS:-$PWD/.artifacts-synth}"

scratch="$PWD/infra/.tmp/synth-$$"
trap 'rm -rf "$scratch"; rmdir infra/.tmp 2>/dev/null || true' EXIT
mkdir -p "$scratch/tmp"

bash infra/publish-lambdas.sh
rm -rf infra/cdk.out
TMPDIR="$scratch/tmp" JSII_RUNTIME_PACKAGE_CACHE_ROOT="$scratch/jsii" CDK_OUTDIR="$PWD/infra/cdk.out" \
  dotnet run --project infra/SmsOnboarding.Infra --artifacts-path "$artifacts" -v quiet
echo "synth: infra/cdk.out/{SmsOnboardingStack,SmsOnboardingMember,SmsOnboardingOrg}.template.json"
