import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countsText, factText, sandboxText, usd, workText } from '../../../services/SmsOnboarding.Api/wwwroot/accounts-text.js';

test('a fact shows its value, or unknown with the reason it could not be read', () => {
  assert.equal(factText({ value: true }, sandboxText), 'in sandbox');
  assert.equal(factText({ value: false }, sandboxText), 'production');
  assert.equal(factText({ value: 0 }, usd), '$0');
  assert.equal(factText({ unknown: 'AccessDenied: no role' }, usd), 'unknown: AccessDenied: no role');
  assert.equal(factText(undefined, usd), 'unknown: not read');
});

test('amounts are dollars without empty cents', () => {
  assert.equal(usd(1), '$1');
  assert.equal(usd(250.5), '$250.50');
});

test('counts and open work read as one line each', () => {
  assert.equal(countsText({ running: 2, waitingOnAws: 1 }), 'running 2, waitingOnAws 1');
  assert.equal(countsText({}), 'none');
  assert.equal(workText({ need: 'origination', kind: 'TollFree', owner: 'onb-1', waiting: ['onb-2', 'onb-3'] }),
    'origination TollFree by onb-1 (waiting: onb-2, onb-3)');
  assert.equal(workText({ need: 'sandboxExit', owner: 'onb-1', waiting: [] }), 'sandboxExit by onb-1');
});
