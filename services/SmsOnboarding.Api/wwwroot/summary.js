// What a finished onboarding produced, from the workflow's output (the detail's `result`). Pure.

function testMessageText(m) {
  if (!m) return null;
  if (m.sent) {
    return 'Sent' + (m.to ? ' to ' + m.to : '')
      + (m.invitedUser ? ' by Cognito itself (an invitation to the temporary user ' + m.invitedUser + ', since deleted)' : '')
      + (m.messageId ? ' (message ' + m.messageId + ')' : '');
  }
  return 'Not sent' + (m.reason ? ': ' + m.reason : '');
}

function originationText(o) {
  if (!o) return null;
  return o.phoneNumber || o.phoneNumberId || o.detail || null;
}

/** Label/value rows for a completed onboarding; empty for any other. */
export function summaryRows(detail) {
  if (detail.status !== 'completed' || !detail.result) return [];
  const r = detail.result;
  return [
    ['User pool', r.userPoolId || detail.pool],
    ['Role Cognito assumes to send SMS', r.snsCallerArn],
    ['SNS Region', r.snsRegion || detail.plan?.snsRegion],
    ['Origination identity', originationText(r.origination) || 'none needed'],
    ['Test message', testMessageText(r.testMessage) || 'not sent'],
  ].filter(([, value]) => value).map(([label, value]) => ({ label, value: String(value) }));
}
