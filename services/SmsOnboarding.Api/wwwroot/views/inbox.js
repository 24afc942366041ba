// The approver inbox: codes to type, cases to file, decisions to record, registrations to edit.
import { api } from '../api.js';
import { h, paint, showError } from '../dom.js';
import { when } from '../format.js';

function answerInput(task) {
  if (task.kind === 'verificationCode') return h('input', { type: 'text', name: 'code', placeholder: '123456', 'aria-label': 'Verification code', 'data-testid': 'code-input' });
  if (task.kind === 'fileSupportCase') return h('input', { type: 'text', name: 'caseId', placeholder: 'case id', 'aria-label': 'Case id', 'data-testid': 'case-input' });
  if (task.kind === 'fixRegistration') {
    return h('textarea', { name: 'edits', rows: 4, cols: 60, 'aria-label': 'Answers to change (JSON)', 'data-testid': 'edits-input',
      placeholder: '{"registration": {"optInType": "TEXT"}, "optInProcess": "..."}' });
  }
  return h('span', {},
    h('select', { name: 'approved', 'aria-label': 'Decision', 'data-testid': 'decision' }, h('option', { value: 'true' }, 'approved'), h('option', { value: 'false' }, 'denied')),
    h('input', { type: 'text', name: 'note', placeholder: 'note', 'aria-label': 'Note' }));
}

function answerOf(form) {
  const body = {};
  if (form.elements.code) body.code = form.elements.code.value.trim();
  if (form.elements.caseId) body.caseId = form.elements.caseId.value.trim();
  // The edits are the answer itself; the server names what is wrong with them.
  if (form.elements.edits) return JSON.parse(form.elements.edits.value || '{}');
  if (form.elements.approved) { body.approved = form.elements.approved.value === 'true'; body.note = form.elements.note.value; }
  return body;
}

async function reject(into, id) {
  const reason = prompt('Why reject this task?');
  if (!reason) return;
  try { await api('POST', '/api/tasks/' + id + '/reject', { reason }); await renderInbox(into); } catch (e) { showError(e.message); }
}

export async function renderInbox(into) {
  const { data: tasks } = await api('GET', '/api/tasks');
  const rows = tasks.map(t => {
    const form = h('form', { 'data-task': t.id, 'data-testid': 'task' },
      h('div', {}, h('strong', {}, t.kind), ' · ', h('a', { href: '#/o/' + t.onboardingId }, t.onboardingId), ' · ', t.maskedPhone || '', ' · expires ', when(t.expiresAt)),
      h('div', { class: 'muted' }, t.prompt),
      t.canComplete ? h('div', {}, answerInput(t), ' ', h('button', { type: 'submit', 'data-testid': 'complete' }, 'Complete'), ' ',
        h('button', { type: 'button', 'data-testid': 'reject', onclick: () => reject(into, t.id) }, 'Reject')) : h('div', { class: 'muted' }, 'You may not act on this task.'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      let body;
      try { body = answerOf(form); } catch (err) { showError('The answers are not JSON: ' + err.message); return; }
      const { status, data } = await api('POST', '/api/tasks/' + t.id + '/complete', body).catch(err => ({ status: 0, data: { message: err.message } }));
      if (status !== 200) showError(data.message); else { showError(''); await renderInbox(into).catch(err => showError(err.message)); }
    });
    return h('div', { class: 'card' }, form);
  });
  paint(into, h('h2', {}, 'Approver inbox (' + tasks.length + ')'),
    h('p', {}, h('button', { 'data-testid': 'inbox-refresh', onclick: () => renderInbox(into).catch(e => showError(e.message)) }, 'Refresh')),
    h('div', { 'data-testid': 'inbox' }, rows.length ? rows : h('p', { class: 'muted', 'data-testid': 'inbox-empty' }, 'Nothing to do.')));
}
