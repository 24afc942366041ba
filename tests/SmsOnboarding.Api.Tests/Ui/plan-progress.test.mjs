import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PLAN_SPANS, planProgress, spanStates } from '../../../services/SmsOnboarding.Api/wwwroot/plan-progress.js';
import { stateMarks } from '../../../services/SmsOnboarding.Api/wwwroot/status.js';
import { aslStates, entries, repoFile } from './asl-states.mjs';

const states = aslStates();
const planStepIds = [...readFileSync(repoFile('services/SmsOnboarding.Domain/Planning/OnboardingPlan.cs'), 'utf8')
  .matchAll(/public const string \w+ = "([^"]+)";/g)].map(m => m[1]);
const plan = { snsRegion: 'us-east-1', steps: planStepIds.map(id => ({ id, title: id, reason: '' })) };

test('every plan step of the domain has a span, and every span names states of the definition', () => {
  assert.ok(planStepIds.length >= 8, 'PlanStepIds were read from the domain');
  assert.deepEqual(Object.keys(PLAN_SPANS).sort(), [...planStepIds].sort());
  const names = new Set(states.map(s => s.name));
  for (const [id, [first, last]] of Object.entries(PLAN_SPANS)) {
    assert.ok(names.has(first) && names.has(last), id + ' spans ' + first + '..' + last);
    assert.ok(spanStates(PLAN_SPANS[id], states).has(last), id + ': its last state is reachable from its first');
  }
});

test('a span covers the states between its ends and those nested in them', () => {
  const sandbox = spanStates(PLAN_SPANS['sandbox-numbers'], states);
  assert.ok(sandbox.has('Code.Ask') && sandbox.has('VerifyCode'));
  assert.ok(!sandbox.has('Sandbox.OpenCase'));
  const spend = spanStates(PLAN_SPANS['spend-increase'], states);
  assert.ok(spend.has('Spend.CheckCase') && spend.has('SetSpendLimit'));
  assert.ok(!spend.has('Finalize'));
});

const progressOf = detail => Object.fromEntries(planProgress({ plan, ...detail }, states, stateMarks(detail, states)).map(s => [s.id, s.progress]));

test('a run waiting for a code: earlier steps done, the code step current, later ones to do', () => {
  const progress = progressOf({
    status: 'waitingOnPeople',
    currentStates: ['Prepare', 'VerifySandboxNumbers', 'Code.Ask', 'Spend.WaitForReview'],
    timeline: entries(['Start', 'ResolveAccountAndPool', 'KeepPool', 'EnsureSmsRole', ['Prepare', 'running'], 'FindOriginationIdentity', 'OriginationRoute', 'OriginationReady',
      'CheckSandbox', 'InSandbox', ['VerifySandboxNumbers', 'running'], 'SendCode', 'AlreadyVerified', ['Code.Ask', 'running'],
      'CheckSpend', 'SpendRoute', 'Spend.OpenCase', 'Spend.CaseChannel', ['Spend.WaitForReview', 'running']]),
  });
  assert.deepEqual(progress, {
    'resolve-account-and-pool': 'done', 'sms-role': 'done', 'origination-identity': 'done', 'sandbox-exit': 'todo',
    'spend-increase': 'current', 'sandbox-numbers': 'current', 'finalize': 'todo', 'test-message': 'todo',
  });
});

test('a completed run has every step done; a failed one marks the step it failed in', () => {
  const done = progressOf({ status: 'completed', currentStates: [], timeline: entries(['Start', 'Onboarded']) });
  assert.ok(Object.values(done).every(p => p === 'done'));
  const failed = progressOf({
    status: 'failed', currentStates: ['Finalize'],
    timeline: entries(['ResolveAccountAndPool', 'EnsureSmsRole', 'OriginationReady', 'SandboxReady', 'SpendReady', 'VerifySandboxNumbers', ['Finalize', 'failed']]),
  });
  assert.equal(failed.finalize, 'failed');
  assert.equal(failed['sms-role'], 'done');
  assert.equal(failed['test-message'], 'todo');
});

test('a plan step this page does not know is shown without a tick', () => {
  const [step] = planProgress({ plan: { steps: [{ id: 'something-new', title: 'New' }] }, status: 'running', currentStates: [], timeline: [] }, states, stateMarks({ status: 'running', currentStates: [], timeline: [] }, states));
  assert.equal(step.progress, 'unknown');
});
