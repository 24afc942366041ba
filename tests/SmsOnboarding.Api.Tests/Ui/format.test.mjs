import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duration, plural, when } from '../../../services/SmsOnboarding.Api/wwwroot/format.js';

test('plural says one thing or many', () => {
  assert.equal(plural(1, 'problem'), '1 problem');
  assert.equal(plural(3, 'problem'), '3 problems');
  assert.equal(plural(2, 'entry', 'entries'), '2 entries');
});

test('duration uses the largest units that matter', () => {
  const at = s => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString();
  assert.equal(duration(at(0), at(45)), '45 s');
  assert.equal(duration(at(0), at(12 * 60 + 5)), '12 min');
  assert.equal(duration(at(0), at(3 * 3600 + 5 * 60)), '3 h 5 min');
  assert.equal(duration(at(0), at(4 * 86400 + 2 * 3600 + 59)), '4 d 2 h');
  assert.equal(duration(at(0), at(86400)), '1 d');
});

test('when leaves a missing time empty', () => {
  assert.equal(when(null), '');
  assert.notEqual(when('2026-12-01T09:00:00Z', 'en-GB'), '');
});
