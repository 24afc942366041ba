import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryRows } from '../../../services/SmsOnboarding.Api/wwwroot/summary.js';

const completed = {
  status: 'completed', pool: 'us-east-1_Checkout1', plan: { snsRegion: 'us-east-1' },
  result: {
    userPoolId: 'us-east-1_Checkout1', snsRegion: 'us-east-1',
    snsCallerArn: 'arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Checkout1',
    origination: { action: 'reuse', phoneNumber: '+18885550100', detail: 'An active US origination identity already exists in us-east-1.' },
    testMessage: { sent: true, to: '+1******0101', messageId: 'm-1' },
  },
};
const asObject = rows => Object.fromEntries(rows.map(r => [r.label, r.value]));

test('a completed onboarding shows its role, SNS Region, origination identity and test message', () => {
  assert.deepEqual(asObject(summaryRows(completed)), {
    'User pool': 'us-east-1_Checkout1',
    'Role Cognito assumes to send SMS': 'arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Checkout1',
    'SNS Region': 'us-east-1',
    'Origination identity': '+18885550100',
    'Test message': 'Sent to +1******0101 (message m-1)',
  });
});

test('a test message sent through Cognito names the temporary user it invited', () => {
  const rows = asObject(summaryRows({ ...completed, result: { ...completed.result, testMessage: { sent: true, to: '+1******0101', invitedUser: 'smsonb-proof-1' } } }));
  assert.equal(rows['Test message'], 'Sent to +1******0101 by Cognito itself (an invitation to the temporary user smsonb-proof-1, since deleted)');
});

test('what was not needed or not sent says so', () => {
  const rows = asObject(summaryRows({ ...completed, result: { ...completed.result, origination: { action: 'none', detail: 'No US destinations: no origination identity needed.' }, testMessage: { sent: false, reason: 'no destination number' } } }));
  assert.equal(rows['Origination identity'], 'No US destinations: no origination identity needed.');
  assert.equal(rows['Test message'], 'Not sent: no destination number');
  assert.equal(asObject(summaryRows({ ...completed, result: { snsCallerArn: 'arn:r' } }))['Origination identity'], 'none needed');
});

test('only a completed onboarding with a result has a summary', () => {
  assert.deepEqual(summaryRows({ ...completed, status: 'failed' }), []);
  assert.deepEqual(summaryRows({ ...completed, result: null }), []);
});
