import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFinished, stateMark, stateMarks, statusView, stepText, whereText } from '../../../services/SmsOnboarding.Api/wwwroot/status.js';
import { aslStates, entries } from './asl-states.mjs';

const states = aslStates();
const when = t => 'T(' + t + ')';

test('every status has its own words, and finished ones their own colour', () => {
  const all = ['submitted', 'running', 'waitingOnAws', 'waitingOnPeople', 'finalizing', 'completed', 'failed', 'cancelled'];
  const labels = all.map(s => statusView(s).label);
  assert.equal(new Set(labels).size, all.length);
  assert.deepEqual(labels.filter(l => /[a-z][A-Z]/.test(l)), [], 'no camelCase API words on screen');
  assert.equal(statusView('failed').tone, 'failed');
  assert.equal(statusView('completed').tone, 'done');
  assert.equal(statusView('waitingOnPeople').label, 'Waiting on people');
  assert.deepEqual(statusView('somethingNew'), { label: 'somethingNew', tone: 'neutral' });
  assert.deepEqual(all.filter(isFinished), ['completed', 'failed', 'cancelled']);
});

// What the API returns for a run that failed while checking the spend case: the states open at the failure are
// still listed in currentStates and currentStep (the history has no exit for them).
const failedInSpendCheck = {
  status: 'failed',
  currentStep: 'Spend.CheckCase',
  currentStates: ['Prepare', 'Spend.CheckCase'],
  timeline: entries(['Start', 'ResolveAccountAndPool', 'KeepPool', 'EnsureSmsRole', ['Prepare', 'failed'], 'CheckSpend', 'SpendRoute', 'Spend.OpenCase', ['Spend.CheckCase', 'failed']]),
};

test('a failed state is marked failed, never current', () => {
  const marks = stateMarks(failedInSpendCheck, states);
  assert.equal(marks.current.size, 0);
  assert.equal(stateMark('Spend.CheckCase', marks), 'failed');
  assert.equal(stateMark('Prepare', marks), 'failed');
  assert.equal(stateMark('EnsureSmsRole', marks), 'visited');
  assert.equal(stateMark('Finalize', marks), '');
});

test('a failed run says where it failed, and does not call that state current', () => {
  assert.equal(whereText(failedInSpendCheck, states), 'Failed in: Spend.CheckCase');
  assert.equal(stepText(failedInSpendCheck, states, when), 'Failed at step: Spend.CheckCase');
  assert.doesNotMatch(stepText(failedInSpendCheck, states, when), /current/i);
});

test('a Fail state reached is failed too', () => {
  const detail = { status: 'failed', currentStates: [], timeline: entries(['Code.Ask', 'Code.RemindOrGiveUp', 'Code.TimedOut']) };
  assert.equal(stateMark('Code.TimedOut', stateMarks(detail, states)), 'failed');
});

test('a running run names its innermost current states', () => {
  const detail = {
    status: 'waitingOnPeople', currentStep: 'Code.Ask', inCurrentStepSince: 'x',
    currentStates: ['Prepare', 'VerifySandboxNumbers', 'Code.Ask'],
    timeline: entries(['Start', ['Prepare', 'running'], ['VerifySandboxNumbers', 'running'], ['Code.Ask', 'running']]),
  };
  const marks = stateMarks(detail, states);
  assert.equal(stateMark('Code.Ask', marks), 'current');
  assert.equal(whereText(detail, states), 'Current state: Code.Ask');
  assert.equal(stepText(detail, states, when), 'Current step: Code.Ask since T(x)');
});

test('completed and cancelled runs have no current state', () => {
  const done = { status: 'completed', currentStates: [], timeline: entries(['Start', 'Onboarded']) };
  assert.equal(whereText(done, states), 'Finished: every state done.');
  assert.equal(stepText(done, states, when), '');
  const cancelled = { status: 'cancelled', currentStates: ['Code.Ask'], timeline: entries(['Start', ['Code.Ask', 'cancelled']]) };
  assert.equal(stateMarks(cancelled, states).current.size, 0);
  assert.equal(whereText(cancelled, states), 'Cancelled.');
});
