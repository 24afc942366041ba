// One onboarding: status, where it is, the diagram, the plan with ticks, the timeline, and what it produced.
import { api, cached } from '../api.js';
import { h, paint, showError } from '../dom.js';
import { diagramCard, placeDiagram } from '../diagram.js';
import { duration, plural, when } from '../format.js';
import { planProgress, tick } from '../plan-progress.js';
import { isShown, refreshLater, route } from '../router.js';
import { isFinished, stateMarks, stepText } from '../status.js';
import { summaryRows } from '../summary.js';
import { collapseTimeline } from '../timeline.js';
import { statusBadge } from './badge.js';

function planCard(detail, states) {
  const steps = planProgress(detail, states, stateMarks(detail, states));
  return h('div', { class: 'card' }, h('h3', {}, 'Plan'),
    h('ol', { class: 'plan', 'data-testid': 'plan-progress' }, steps.map(s => {
      const { symbol, words } = tick(s.progress);
      return h('li', { class: 'plan-step ' + s.progress, 'data-testid': 'plan-progress-step', 'data-progress': s.progress, 'data-plan-step': s.id },
        h('span', { class: 'tick', 'aria-hidden': 'true' }, symbol), ' ', s.title,
        words ? h('span', { class: 'visually-hidden' }, ' (' + words + ')') : null);
    })));
}

function timelineCard(detail, states) {
  const rows = collapseTimeline(detail.timeline, states);
  return h('div', { class: 'card' }, h('h3', {}, 'Timeline'),
    h('table', { 'data-testid': 'timeline' },
      h('tr', {}, ['State', 'Entered', 'Exited', 'Outcome'].map(c => h('th', {}, c))),
      rows.map(r => h('tr', { 'data-testid': 'timeline-row', 'data-count': r.count },
        h('td', {}, r.states.join(' → '), r.count > 1
          ? h('div', { class: 'muted', 'data-testid': 'timeline-count' }, plural(r.count, 'time') + ' over ' + duration(r.enteredAt, r.exitedAt || new Date().toISOString()))
          : null),
        h('td', {}, when(r.enteredAt)), h('td', {}, when(r.exitedAt)), h('td', {}, r.outcome)))));
}

function summaryCard(detail) {
  const rows = summaryRows(detail);
  if (!rows.length) return null;
  return h('div', { class: 'card summary', 'data-testid': 'summary' }, h('h3', {}, 'SMS is on for ' + detail.pool),
    h('dl', {}, rows.map(r => [h('dt', {}, r.label), h('dd', { 'data-summary': r.label }, r.value)])));
}

async function act(action, id) {
  try { await api('POST', '/api/onboardings/' + encodeURIComponent(id) + '/' + action); showError(''); route(); }
  catch (e) { showError(e.message); }
}

export async function renderDetail(into, id) {
  const workflow = await cached('/api/workflow');
  const path = '/api/onboardings/' + encodeURIComponent(id);
  const [{ data: d }, { data: history }] = await Promise.all([api('GET', path), api('GET', path + '/history')]);
  // Moved on meanwhile: painting the detached element is harmless, but scheduling another refresh is not.
  if (!isShown(into)) return;
  const oldBox = into.querySelector('[data-testid=diagram-scroll]');
  const previous = oldBox ? { left: oldBox.scrollLeft, top: oldBox.scrollTop } : null;
  const actions = h('p', {},
    !isFinished(d.status) ? h('button', { 'data-testid': 'cancel', onclick: () => act('cancel', id) }, 'Cancel') : null,
    d.status === 'failed' ? h('button', { 'data-testid': 'redrive', onclick: () => act('redrive', id) }, 'Redrive') : null);
  paint(into,
    h('h2', {}, 'Onboarding ', d.id, ' ', statusBadge(d.status)),
    h('p', {}, 'Pool ', h('strong', {}, d.pool), ' in account ', h('strong', { 'data-testid': 'account' }, d.accountId || '(not recorded)'), ' · team ', d.team, ' · requested by ', d.requester, ' · approvers ', (d.approvers || []).join(', ')),
    h('p', { 'data-testid': 'current-step' }, stepText(d, workflow.states, when)),
    d.failure ? h('p', { class: 'error' }, 'Failure: ', d.failure.error || '', ' ', d.failure.cause || '') : null,
    actions,
    summaryCard(d),
    diagramCard(workflow, d),
    h('div', { class: 'cols' }, planCard(d, workflow.states), timelineCard(d, workflow.states)),
    h('div', { class: 'card' }, h('h3', {}, 'Raw history'), h('pre', { 'data-testid': 'history' }, JSON.stringify(history.events, null, 2))));
  if (workflow.diagram) placeDiagram(into, previous, workflow, d);
  if (!isFinished(d.status)) refreshLater(into, () => renderDetail(into, id), 2000);
}
