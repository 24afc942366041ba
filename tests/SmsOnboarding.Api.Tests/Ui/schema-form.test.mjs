import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allFields, fieldFor, formFields, limitsText, problemText, readBody } from '../../../services/SmsOnboarding.Api/wwwroot/schema-form.js';

// The shapes GET /api/schema/onboarding-request uses (RequestSchema in the domain), plus a nested section.
const schema = {
  type: 'object',
  required: ['userPoolId', 'monthlySpendUsd', 'messageType', 'sampleMessages', 'approvers', 'registration'],
  properties: {
    userPoolId: { title: 'User pool id', description: 'The pool.', type: 'string', minLength: 1, maxLength: 55, examples: ['us-east-1_AbC123'], 'x-shortName': 'pool' },
    snsRegion: { title: 'SNS Region', description: 'Where SNS sends.', type: 'string', maxLength: 32 },
    monthlySpendUsd: { title: 'Monthly SMS spend (USD)', description: 'Spend.', type: 'number', exclusiveMinimum: 0, maximum: 1000000 },
    messageType: { title: 'Message type', type: 'string', enum: ['Transactional', 'Promotional', 'OneTimePassword'] },
    originationType: { title: 'US origination type', type: 'string', enum: ['TollFree', 'None'], default: 'TollFree' },
    useCase: { title: 'Use case', type: 'string', maxLength: 4000, 'x-multiline': true },
    sampleMessages: { title: 'Sample messages', type: 'array', items: { type: 'string', maxLength: 1600 }, minItems: 1, maxItems: 5, 'x-multiline': true },
    sandboxNumbers: { title: 'Sandbox test numbers', type: 'array', items: { type: 'string' }, maxItems: 10 },
    approvers: { title: 'Approvers', type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 20 },
    registration: {
      title: 'US registration', type: 'object', required: ['companyName'],
      properties: { companyName: { title: 'Company name', type: 'string' }, monthlyVolume: { title: 'Monthly volume', type: 'integer', minimum: 1 } },
    },
  },
};
const fields = formFields(schema);
const byName = Object.fromEntries(allFields(fields).map(f => [f.name, f]));

test('each schema property becomes a field with its label, help, requiredness and kind', () => {
  assert.deepEqual(fields.map(f => f.name), Object.keys(schema.properties));
  assert.deepEqual(allFields(fields).filter(f => f.required).map(f => f.name),
    ['userPoolId', 'monthlySpendUsd', 'messageType', 'sampleMessages', 'approvers', 'registration', 'registration.companyName']);
  assert.equal(byName.userPoolId.label, 'User pool id');
  assert.equal(byName.userPoolId.help, 'The pool.');
  assert.equal(byName.userPoolId.example, 'us-east-1_AbC123');
  assert.deepEqual(Object.fromEntries(allFields(fields).map(f => [f.name, f.kind])), {
    userPoolId: 'text', snsRegion: 'text', monthlySpendUsd: 'number', messageType: 'choice', originationType: 'choice', useCase: 'area',
    sampleMessages: 'lines', sandboxNumbers: 'list', approvers: 'list', registration: 'group', 'registration.companyName': 'text', 'registration.monthlyVolume': 'number',
  });
  assert.deepEqual(byName.messageType.choices, ['Transactional', 'Promotional', 'OneTimePassword']);
  assert.equal(byName.messageType.default, null);
  assert.equal(byName.originationType.default, 'TollFree');
});

test('limits are said in words', () => {
  assert.equal(limitsText(byName.monthlySpendUsd), 'More than 0; at most 1000000.');
  assert.equal(limitsText(byName.sampleMessages), 'One per line; up to 5 entries; at most 1600 characters each.');
  assert.equal(limitsText(byName.sandboxNumbers), 'Separate entries with commas; up to 10 entries.');
  assert.equal(limitsText(byName['registration.monthlyVolume']), 'At least 1; whole numbers.');
  assert.equal(limitsText(byName.snsRegion), '');
});

test('the body leaves empty inputs out and splits lists', () => {
  const raw = { userPoolId: '  us-east-1_A1 ', monthlySpendUsd: '40', messageType: '', sampleMessages: 'one\n\n two \n', sandboxNumbers: '+1206, ,+1207', approvers: '', 'registration.companyName': 'Acme', 'registration.monthlyVolume': '' };
  assert.deepEqual(readBody(fields, name => raw[name]), {
    userPoolId: 'us-east-1_A1', monthlySpendUsd: 40, sampleMessages: ['one', 'two'], sandboxNumbers: ['+1206', '+1207'], registration: { companyName: 'Acme' },
  });
  assert.deepEqual(readBody(fields, () => ''), {});
});

test('a problem belongs to the deepest field its path names', () => {
  assert.equal(fieldFor('sandboxNumbers[2]', fields).name, 'sandboxNumbers');
  assert.equal(fieldFor('registration.companyName', fields).name, 'registration.companyName');
  assert.equal(fieldFor('nonsense', fields), null);
});

test('problems name fields by their labels, not their JSON names', () => {
  assert.equal(problemText({ field: 'monthlySpendUsd', code: 'outOfRange', message: 'monthlySpendUsd must be more than 0 and at most 1000000.' }, fields),
    'Monthly SMS spend (USD) must be more than 0 and at most 1000000.');
  assert.equal(problemText({ field: 'sandboxNumbers[2]', code: 'duplicate', message: 'sandboxNumbers[2] is the same number as an earlier entry (+1******0101).' }, fields),
    'Sandbox test numbers, entry 3 is the same number as an earlier entry (+1******0101).');
  assert.equal(problemText({ field: 'userPoolId', code: 'required', message: 'userPoolId is required (a string).' }, fields), 'User pool id is required.');
  assert.equal(problemText({ field: 'approvers', code: 'tooFew', message: 'approvers needs at least 1 entry.' }, fields), 'Approvers needs at least 1 entry.');
  assert.equal(problemText({ field: 'registration.companyName', code: 'invalid', message: 'registration.companyName is too long.' }, fields), 'Company name is too long.');
  assert.equal(problemText({ field: 'approvers[0]', code: 'requesterIsApprover', message: 'The requester cannot approve their own approvers list.' }, fields),
    'The requester cannot approve their own approvers list.', 'a plain word inside a sentence stays a word');
  assert.equal(problemText({ field: '', code: 'invalidJson', message: 'The body is not JSON.' }, fields), 'The body is not JSON.');
});
