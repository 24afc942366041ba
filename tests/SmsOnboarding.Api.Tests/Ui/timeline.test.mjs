import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseTimeline, loopsOf } from '../../../services/SmsOnboarding.Api/wwwroot/timeline.js';
import { aslStates, entries } from './asl-states.mjs';

const states = aslStates();

test('the poll loops of the definition are found', () => {
  const loops = loopsOf(states).map(l => [...l].sort());
  assert.ok(loops.some(l => ['Sandbox.CheckCase', 'Sandbox.ReviewDone', 'Sandbox.WaitForReview'].every(s => l.includes(s))));
  assert.ok(loops.some(l => l.includes('Code.Ask') && l.includes('ResendCode')));
  assert.ok(!loops.some(l => l.includes('EnsureSmsRole')), 'a state no loop returns to is in none');
});

test('about a hundred interleaved poll rows of two reviews become one row per review, with count and first/last time', () => {
  const polls = [];
  for (let i = 0; i < 34; i++) {
    polls.push('Sandbox.WaitForReview', 'Spend.WaitForReview', 'Sandbox.CheckCase', 'Sandbox.ReviewDone', 'Spend.CheckCase', 'Spend.ReviewDone');
  }
  const timeline = entries(['Start', 'EnsureSmsRole', 'Sandbox.OpenCase', 'Spend.OpenCase', ...polls, 'SandboxReady', 'SpendReady', 'Finalize']);
  const rows = collapseTimeline(timeline, states);
  assert.equal(timeline.length, 211);
  assert.deepEqual(rows.map(r => r.states.join(' → ')), [
    'Start', 'EnsureSmsRole', 'Sandbox.OpenCase', 'Spend.OpenCase',
    'Sandbox.WaitForReview → Sandbox.CheckCase → Sandbox.ReviewDone',
    'Spend.WaitForReview → Spend.CheckCase → Spend.ReviewDone',
    'SandboxReady', 'SpendReady', 'Finalize',
  ]);
  const sandbox = rows[4];
  assert.equal(sandbox.count, 34);
  assert.equal(sandbox.enteredAt, timeline.find(t => t.state === 'Sandbox.WaitForReview').enteredAt);
  assert.equal(sandbox.exitedAt, timeline.findLast(t => t.state.startsWith('Sandbox.R')).exitedAt);
  assert.equal(sandbox.outcome, 'succeeded');
  assert.equal(rows[0].count, 1);
});

test('a loop still polling is running, with no exit time yet', () => {
  const timeline = entries(['Sandbox.WaitForReview', 'Sandbox.CheckCase', 'Sandbox.ReviewDone', ['Sandbox.WaitForReview', 'running']]);
  const [row] = collapseTimeline(timeline, states);
  assert.equal(row.count, 2);
  assert.equal(row.exitedAt, null);
  assert.equal(row.outcome, 'running');
});

test('a loop that went round once keeps one row per visit', () => {
  const timeline = entries(['SendCode', 'AlreadyVerified', 'Code.Ask', 'ResendOrVerify', 'VerifyCode', 'CodeAccepted', 'NumberVerified']);
  const rows = collapseTimeline(timeline, states);
  assert.equal(rows.length, timeline.length);
  assert.ok(rows.every(r => r.count === 1 && r.states.length === 1));
});

test('a failed visit inside a loop makes the loop row failed', () => {
  const timeline = entries(['Spend.WaitForReview', 'Spend.CheckCase', 'Spend.ReviewDone', 'Spend.WaitForReview', ['Spend.CheckCase', 'failed']]);
  const [row] = collapseTimeline(timeline, states);
  assert.equal(row.outcome, 'failed');
  assert.equal(row.count, 2);
});
