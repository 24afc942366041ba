'use strict';
// Plain DOM, no build step. Every value from the API is put in the page as text, never as HTML.

const TOKEN_KEY = 'smsonboard.token';
// Each navigation swaps in a fresh element, and every render takes the element current when it STARTS: a slow
// render (or refresh) of the page left behind then lands in a detached node instead of painting over the page
// the user moved to. Reading `view` after an await would defeat that.
let view = document.getElementById('view');
let refreshTimer = null;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// replaceChildren turns null into the text "null" and an array into "[object ...]": go through h's flattening instead.
function paint(into, ...children) {
  into.replaceChildren(...h('div', {}, ...children).childNodes);
}

function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message || '';
  box.hidden = !message;
}

async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + (localStorage.getItem(TOKEN_KEY) || '') };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok && response.status !== 400) {
    throw new Error((data && data.message) || (response.status + ' ' + response.statusText));
  }
  return { status: response.status, data };
}

const statusBadge = s => h('span', { class: 'status ' + s, 'data-testid': 'status' }, s);
const when = t => t ? new Date(t).toLocaleString() : '';

// ---------- token ----------
async function whoami() {
  const who = document.getElementById('whoami');
  try {
    const { data } = await api('GET', '/api/me');
    who.textContent = data.name + ' (' + data.roles.join(', ') + ')';
  } catch (e) {
    who.textContent = 'not signed in';
  }
}
document.getElementById('token-form').addEventListener('submit', e => {
  e.preventDefault();
  localStorage.setItem(TOKEN_KEY, document.getElementById('token').value.trim());
  document.getElementById('token').value = '';
  whoami();
  route();
});

// ---------- request form ----------
const FIELDS = [
  ['requestId', 'Request id (makes the submit idempotent)', 'text'],
  ['userPoolId', 'User pool id (e.g. us-east-1_Abc123)', 'text'],
  ['accountId', 'AWS account id (optional)', 'text'],
  ['snsRegion', 'SNS Region (optional; default from the pool Region)', 'text'],
  ['countries', 'Destination countries (comma separated ISO codes)', 'list'],
  ['monthlySpendUsd', 'Monthly SMS spend (USD)', 'number'],
  ['messageType', 'Message type', ['OneTimePassword', 'Transactional', 'Promotional']],
  ['originationType', 'Origination type', ['TollFree', 'TenDlc', 'ShortCode', 'None']],
  ['useCase', 'Use case', 'area'],
  ['websiteUrl', 'Website URL', 'text'],
  ['optInProcess', 'Opt-in process', 'area'],
  ['sampleMessages', 'Sample messages (one per line)', 'lines'],
  ['sandboxNumbers', 'Sandbox test numbers (comma separated, E.164)', 'list'],
  ['requester', 'Requester', 'text'],
  ['approvers', 'Approvers (comma separated)', 'list'],
  ['team', 'Team', 'text'],
];

function readForm(form) {
  const body = {};
  for (const [name, , kind] of FIELDS) {
    const raw = form.elements[name].value;
    if (kind === 'list') body[name] = raw.split(',').map(s => s.trim()).filter(Boolean);
    else if (kind === 'lines') body[name] = raw.split('\n').map(s => s.trim()).filter(Boolean);
    else if (kind === 'number') body[name] = raw === '' ? null : Number(raw);
    else if (raw.trim() !== '') body[name] = raw.trim();
  }
  return body;
}

function renderNew() {
  const into = view;
  const problems = {};
  const planBox = h('div', { class: 'card', 'data-testid': 'plan' }, h('p', { class: 'muted' }, 'The plan appears when the request is valid.'));
  const form = h('form', { 'data-testid': 'request-form' });
  for (const [name, label, kind] of FIELDS) {
    let input;
    if (Array.isArray(kind)) input = h('select', { name }, kind.map(o => h('option', { value: o }, o)));
    else if (kind === 'area' || kind === 'lines') input = h('textarea', { name });
    else input = h('input', { name, type: kind === 'number' ? 'number' : 'text' });
    input.setAttribute('data-testid', 'field-' + name);
    problems[name] = h('div', { class: 'problem', 'data-testid': 'problem-' + name });
    form.append(h('label', {}, label), input, problems[name]);
  }
  const me = document.getElementById('whoami').textContent.split(' ')[0];
  if (me && me !== 'not') form.elements.requester.value = me;
  const other = h('div', { class: 'problem', 'data-testid': 'problem-other' });
  form.append(other, h('p', {}, h('button', { type: 'submit', 'data-testid': 'submit' }, 'Submit request')));

  let pending = null;
  async function validate() {
    const { data } = await api('POST', '/api/onboardings/validate', readForm(form));
    for (const box of Object.values(problems)) box.textContent = '';
    other.textContent = '';
    for (const p of data.problems || []) {
      const top = String(p.field).split(/[.[]/)[0];
      (problems[top] || other).append(h('div', {}, p.message));
    }
    planBox.replaceChildren(h('h3', {}, 'Dry-run plan'));
    if (data.plan) {
      planBox.append(h('p', {}, 'SMS through ' + data.plan.snsRegion),
        h('ol', {}, data.plan.steps.map(s => h('li', { 'data-testid': 'plan-step' }, h('strong', {}, s.title), h('div', { class: 'muted' }, s.reason)))));
    } else {
      planBox.append(h('p', { class: 'muted' }, 'Fix the problems to see the plan.'));
    }
    return data;
  }
  form.addEventListener('input', () => { clearTimeout(pending); pending = setTimeout(() => validate().catch(e => showError(e.message)), 400); });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const { status, data } = await api('POST', '/api/onboardings', readForm(form));
      if (status === 400) { await validate(); showError(data.message); return; }
      showError('');
      location.hash = '#/o/' + data.id;
    } catch (err) { showError(err.message); }
  });
  paint(into, h('h2', {}, 'New onboarding request'), h('div', { class: 'cols' }, form, planBox));
}

// ---------- list ----------
async function renderList() {
  const into = view;
  const { data } = await api('GET', '/api/onboardings?limit=200');
  paint(into, h('h2', {}, 'Onboardings (' + data.total + ')'),
    h('table', { 'data-testid': 'onboarding-list' },
      h('tr', {}, ['Id', 'Status', 'Pool', 'Team', 'Requester', 'Created'].map(c => h('th', {}, c))),
      data.items.map(o => h('tr', {},
        h('td', {}, h('a', { href: '#/o/' + o.id }, o.id)), h('td', {}, statusBadge(o.status)),
        h('td', {}, o.pool), h('td', {}, o.team), h('td', {}, o.requester), h('td', {}, when(o.createdAt))))));
}

// ---------- detail ----------
let workflow = null;
const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// Where the onboarding is and has been, from its detail: the states it sits in, those it finished, those it died in.
function marksOf(detail) {
  const failed = new Set(detail.timeline.filter(t => t.outcome === 'failed').map(t => t.state));
  for (const s of workflow.states) if (s.type === 'Fail' && detail.timeline.some(t => t.state === s.name)) failed.add(s.name);
  return { current: new Set(detail.currentStates), visited: new Set(detail.timeline.map(t => t.state)), failed };
}

function stateClass(name, marks) {
  return marks.current.has(name) ? 'current' : marks.failed.has(name) ? 'failed' : marks.visited.has(name) ? 'visited' : '';
}

const EDGE_WORDS = { next: 'next', choice: 'when', default: 'otherwise', catch: 'on error' };
const MARK_WORDS = { current: 'current state', failed: 'failed here', visited: 'visited' };

// The layout (boxes, edge polylines, branch frames) comes from the server (GET /api/workflow, computed from the
// ASL); this only draws it. Parallel/Map boxes first (outer before inner, each followed by its branch frames),
// then edges, then the other states, so inner edges sit above their group's background.
function workflowSvg(layout, marks) {
  const known = new Map(workflow.states.map(s => [s.name, s]));
  const markers = ['next', 'choice', 'default', 'catch'].map(kind => svg('marker', { id: 'arrow-' + kind, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow ' + kind })));
  const compound = n => n.type === 'Parallel' || n.type === 'Map';
  const node = n => {
    const mark = stateClass(n.name, marks);
    const role = known.get(n.name)?.role;
    const comment = known.get(n.name)?.comment;
    const description = n.name + ': ' + n.type + (role && role !== 'working' ? ', ' + role.replace(/([A-Z])/g, ' $1').toLowerCase() : '') + (mark ? ', ' + MARK_WORDS[mark] : '');
    const cx = n.x + n.width / 2;
    const text = compound(n)
      ? [svg('text', { x: n.x + 10, y: n.y + 17, class: 'label' }, n.label), svg('text', { x: n.x + 10, y: n.y + 31, class: 'caption' }, n.caption)]
      : [svg('text', { x: cx, y: n.y + 15, class: 'caption', 'text-anchor': 'middle' }, n.caption), svg('text', { x: cx, y: n.y + 31, class: 'label', 'text-anchor': 'middle' }, n.label)];
    return svg('g', { class: ['state', 'type-' + n.type.toLowerCase(), role ? 'role-' + role : '', compound(n) ? 'compound' : '', mark].filter(Boolean).join(' '),
      'data-state': n.name, tabindex: mark === 'current' ? 0 : null, role: 'img', 'aria-label': description },
      svg('title', {}, description + (n.start ? ' (start)' : '') + (n.end ? ' (end)' : '') + (comment ? '\n' + comment : '')),
      svg('rect', { x: n.x, y: n.y, width: n.width, height: n.height, rx: n.type === 'Choice' ? 12 : 4 }),
      n.start ? svg('circle', { cx, cy: n.y - 9, r: 4, class: 'start' }) : null,
      text);
  };
  const edge = e => svg('g', { class: 'edge ' + e.kind + (e.back ? ' back' : ''), 'data-from': e.from, 'data-to': e.to },
    svg('title', {}, e.from + ' → ' + e.to + ' (' + EDGE_WORDS[e.kind] + (e.label ? ': ' + e.label : '') + ')'),
    svg('polyline', { points: e.points.map(p => p.x + ',' + p.y).join(' '), 'marker-end': 'url(#arrow-' + e.kind + ')' }));
  const frame = g => svg('g', { class: 'branch' },
    svg('rect', { x: g.x, y: g.y, width: g.width, height: g.height, rx: 6 }),
    svg('text', { x: g.x + 8, y: g.y + 15, class: 'caption' }, g.label));
  return svg('svg', { class: 'workflow', width: layout.width, height: layout.height, viewBox: '0 0 ' + layout.width + ' ' + layout.height, 'data-testid': 'diagram-svg', role: 'group', 'aria-label': 'Workflow diagram' },
    svg('defs', {}, markers),
    layout.nodes.filter(compound).flatMap(n => [node(n), ...layout.groups.filter(g => g.owner === n.name).map(frame)]),
    layout.edges.map(edge),
    layout.nodes.filter(n => !compound(n)).map(node));
}

// The same states as a nested list: the text alternative to the picture, and the fallback when the server
// could not lay the definition out.
function stateList(marks) {
  const byParent = new Map();
  for (const s of workflow.states) {
    const key = s.parent || '';
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(s);
  }
  const list = parent => h('ul', { class: 'flow' }, (byParent.get(parent) || []).map(s => h('li', {},
    h('span', { class: 'list-state ' + stateClass(s.name, marks), 'data-list-state': s.name, title: s.comment || '' }, s.name),
    h('span', { class: 'role' }, s.type + (s.role !== 'working' ? ' · ' + s.role : '') + (s.targets.length ? ' → ' + s.targets.join(', ') : s.end ? ' → end' : '')),
    byParent.has(s.name) ? list(s.name) : null)));
  return list('');
}

function diagram(detail) {
  const marks = marksOf(detail);
  // Parallel and Map states are "current" while anything inside them is: name the states actually waiting.
  const containers = new Set(workflow.states.filter(s => s.type === 'Parallel' || s.type === 'Map').map(s => s.name));
  const inner = [...marks.current].filter(n => !containers.has(n));
  const names = inner.length ? inner : [...marks.current];
  const where = names.length ? 'Current state: ' + names.join(', ')
    : detail.status === 'completed' ? 'Finished: every state done.' : 'Not running (' + detail.status + ').';
  const layout = workflow.diagram;
  const fit = sessionStorage.getItem('diagramFit') === 'yes';
  const scroll = layout ? h('div', { class: 'diagram-scroll' + (fit ? ' fit' : ''), 'data-testid': 'diagram-scroll', tabindex: 0, 'aria-label': 'Workflow diagram, scrollable' }, workflowSvg(layout, marks)) : null;
  const toggle = layout ? h('button', { type: 'button', 'data-testid': 'diagram-fit', 'aria-pressed': String(fit), onclick: e => {
    const on = scroll.classList.toggle('fit');
    sessionStorage.setItem('diagramFit', on ? 'yes' : 'no');
    e.target.setAttribute('aria-pressed', String(on));
  } }, 'Fit to width') : null;
  return h('div', { class: 'card', 'data-testid': 'diagram' }, h('h3', {}, 'Workflow'),
    h('p', { 'data-testid': 'diagram-current', 'aria-live': 'polite' }, where),
    toggle ? h('p', {}, toggle) : null,
    scroll,
    layout ? h('p', { class: 'legend muted' }, h('span', { class: 'key next' }, '→ next'), h('span', { class: 'key choice' }, '→ choice rule'),
      h('span', { class: 'key default' }, '⇢ choice default'), h('span', { class: 'key catch' }, '⇢ catch'), h('span', {}, 'arrows pointing up close a loop'),
      h('span', { class: 'key current' }, 'current'), h('span', { class: 'key visited' }, 'visited'), h('span', { class: 'key failed' }, 'failed')) : null,
    h('details', { open: !layout }, h('summary', {}, 'States as a list'), stateList(marks)));
}

// Keep the reader's place in the diagram across the 2-second refreshes; on the first paint, show the current state.
function placeDiagram(into, previous, detail) {
  const box = into.querySelector('[data-testid=diagram-scroll]');
  if (!box) return;
  if (previous) { box.scrollLeft = previous.left; box.scrollTop = previous.top; return; }
  const node = workflow.diagram.nodes.find(n => detail.currentStates.includes(n.name) && n.type !== 'Parallel' && n.type !== 'Map');
  if (node) {
    const scale = box.firstChild.getBoundingClientRect().width / workflow.diagram.width;
    box.scrollLeft = (node.x + node.width / 2) * scale - box.clientWidth / 2;
    box.scrollTop = (node.y + node.height / 2) * scale - box.clientHeight / 2;
  }
}

async function renderDetail(id) {
  const into = view;
  if (!workflow) workflow = (await api('GET', '/api/workflow')).data;
  const [{ data: d }, { data: history }] = await Promise.all([api('GET', '/api/onboardings/' + encodeURIComponent(id)), api('GET', '/api/onboardings/' + encodeURIComponent(id) + '/history')]);
  // Moved on meanwhile: painting the detached element is harmless, but scheduling another refresh is not,
  // as that one would start on (and paint over) whatever page is current by then.
  if (into !== view) return;
  const oldBox = into.querySelector('[data-testid=diagram-scroll]');
  const previous = oldBox ? { left: oldBox.scrollLeft, top: oldBox.scrollTop } : null;
  const actions = h('p', {},
    !['completed', 'cancelled', 'failed'].includes(d.status) ? h('button', { 'data-testid': 'cancel', onclick: () => act('cancel', id) }, 'Cancel') : null,
    d.status === 'failed' ? h('button', { 'data-testid': 'redrive', onclick: () => act('redrive', id) }, 'Redrive') : null);
  paint(into,
    h('h2', {}, 'Onboarding ', d.id, ' ', statusBadge(d.status)),
    h('p', {}, 'Pool ', h('strong', {}, d.pool), ' · team ', d.team, ' · requested by ', d.requester, ' · approvers ', (d.approvers || []).join(', ')),
    h('p', { 'data-testid': 'current-step' }, d.currentStep ? 'Current step: ' + d.currentStep + (d.inCurrentStepSince ? ' since ' + when(d.inCurrentStepSince) : '') : ''),
    d.failure ? h('p', { class: 'error' }, 'Failure: ', d.failure.error || '', ' ', d.failure.cause || '') : null,
    actions,
    diagram(d),
    h('div', { class: 'cols' },
      h('div', { class: 'card' }, h('h3', {}, 'Plan'), h('ol', {}, d.plan.steps.map(s => h('li', {}, s.title)))),
      h('div', { class: 'card' }, h('h3', {}, 'Timeline'), h('table', { 'data-testid': 'timeline' },
        h('tr', {}, ['State', 'Entered', 'Exited', 'Outcome'].map(c => h('th', {}, c))),
        d.timeline.map(t => h('tr', {}, h('td', {}, t.state), h('td', {}, when(t.enteredAt)), h('td', {}, when(t.exitedAt)), h('td', {}, t.outcome)))))),
    h('div', { class: 'card' }, h('h3', {}, 'Raw history'), h('pre', { 'data-testid': 'history' }, JSON.stringify(history.events, null, 2))));
  if (workflow.diagram) placeDiagram(into, previous, d);
  if (!['completed', 'cancelled', 'failed'].includes(d.status)) refreshTimer = setTimeout(() => renderDetail(id).catch(e => showError(e.message)), 2000);
}

async function act(action, id) {
  try { await api('POST', '/api/onboardings/' + encodeURIComponent(id) + '/' + action); showError(''); route(); }
  catch (e) { showError(e.message); }
}

// ---------- approver inbox ----------
async function renderInbox() {
  const into = view;
  const { data: tasks } = await api('GET', '/api/tasks');
  const rows = tasks.map(t => {
    let input;
    if (t.kind === 'verificationCode') input = h('input', { type: 'text', name: 'code', placeholder: '123456', 'data-testid': 'code-input' });
    else if (t.kind === 'fileSupportCase') input = h('input', { type: 'text', name: 'caseId', placeholder: 'case id', 'data-testid': 'case-input' });
    else input = h('span', {}, h('select', { name: 'approved', 'data-testid': 'decision' }, h('option', { value: 'true' }, 'approved'), h('option', { value: 'false' }, 'denied')), h('input', { type: 'text', name: 'note', placeholder: 'note' }));
    const form = h('form', { 'data-task': t.id, 'data-testid': 'task' },
      h('div', {}, h('strong', {}, t.kind), ' · ', h('a', { href: '#/o/' + t.onboardingId }, t.onboardingId), ' · ', t.maskedPhone || '', ' · expires ', when(t.expiresAt)),
      h('div', { class: 'muted' }, t.prompt),
      t.canComplete ? h('div', {}, input, ' ', h('button', { type: 'submit', 'data-testid': 'complete' }, 'Complete'), ' ',
        h('button', { type: 'button', 'data-testid': 'reject', onclick: () => reject(t.id) }, 'Reject')) : h('div', { class: 'muted' }, 'You may not act on this task.'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = {};
      if (form.elements.code) body.code = form.elements.code.value.trim();
      if (form.elements.caseId) body.caseId = form.elements.caseId.value.trim();
      if (form.elements.approved) { body.approved = form.elements.approved.value === 'true'; body.note = form.elements.note.value; }
      const { status, data } = await api('POST', '/api/tasks/' + t.id + '/complete', body).catch(err => ({ status: 0, data: { message: err.message } }));
      if (status !== 200) showError(data.message); else { showError(''); renderInbox(); }
    });
    return h('div', { class: 'card' }, form);
  });
  paint(into, h('h2', {}, 'Approver inbox (' + tasks.length + ')'),
    h('p', {}, h('button', { 'data-testid': 'inbox-refresh', onclick: () => renderInbox().catch(e => showError(e.message)) }, 'Refresh')),
    h('div', { 'data-testid': 'inbox' }, rows.length ? rows : h('p', { class: 'muted', 'data-testid': 'inbox-empty' }, 'Nothing to do.')));
}

async function reject(id) {
  const reason = prompt('Why reject this task?');
  if (!reason) return;
  try { await api('POST', '/api/tasks/' + id + '/reject', { reason }); renderInbox(); } catch (e) { showError(e.message); }
}

// ---------- simulator phones ----------
async function renderPhones() {
  const into = view;
  const { data: phones } = await api('GET', '/sim/phones');
  const cards = await Promise.all(phones.map(async p => {
    const { data: messages } = await api('GET', '/sim/phones/' + encodeURIComponent(p) + '/messages');
    return h('div', { class: 'card', 'data-phone': p, 'data-testid': 'phone' }, h('h3', {}, p),
      messages.map(m => h('div', { class: 'sms', 'data-testid': 'sms' }, h('div', { class: 'muted' }, 'from ', m.from, ' · ', when(m.sentAt)), h('div', { 'data-testid': 'sms-body' }, m.body))));
  }));
  if (into !== view) return;
  paint(into, h('h2', {}, 'Simulated phones'),
    h('p', {}, h('button', { 'data-testid': 'phones-refresh', onclick: () => renderPhones().catch(e => showError(e.message)) }, 'Refresh')),
    h('div', { 'data-testid': 'phones' }, cards.length ? cards : h('p', { class: 'muted' }, 'No SMS sent yet.')));
  refreshTimer = setTimeout(() => renderPhones().catch(e => showError(e.message)), 3000);
}

// ---------- ops ----------
async function renderOps() {
  const into = view;
  const minutes = Number(sessionStorage.getItem('stuckMinutes') || 60);
  const { data } = await api('GET', '/api/dashboard?stuckMinutes=' + minutes);
  const threshold = h('input', { type: 'number', value: String(minutes), style: 'width:6rem' });
  const seconds = h('input', { type: 'number', value: '3600', style: 'width:8rem', 'data-testid': 'advance-seconds' });
  paint(into, h('h2', {}, 'Ops dashboard'),
    h('div', { class: 'card', 'data-testid': 'counts' }, h('h3', {}, 'By status'),
      h('table', {}, h('tr', {}, Object.keys(data.counts).map(k => h('th', {}, k))), h('tr', {}, Object.values(data.counts).map(v => h('td', {}, v))))),
    h('div', { class: 'card' }, h('h3', {}, 'Stuck longer than ', threshold, ' minutes ',
      h('button', { onclick: () => { sessionStorage.setItem('stuckMinutes', threshold.value); renderOps(); } }, 'Apply')),
      data.stuck.length ? h('table', { 'data-testid': 'stuck' }, data.stuck.map(s => h('tr', {}, h('td', {}, h('a', { href: '#/o/' + s.id }, s.id)), h('td', {}, s.pool), h('td', {}, s.state), h('td', {}, s.minutes + ' min'))))
        : h('p', { class: 'muted' }, 'Nothing stuck.')),
    h('div', { class: 'card' }, h('h3', {}, 'Failures'),
      data.failures.length ? h('table', { 'data-testid': 'failures' }, data.failures.map(f => h('tr', {}, h('td', {}, h('a', { href: '#/o/' + f.id }, f.id)), h('td', {}, f.pool), h('td', {}, f.cause || ''),
        h('td', {}, h('button', { onclick: () => act('redrive', f.id) }, 'Redrive')))))
        : h('p', { class: 'muted' }, 'No failures.')),
    h('div', { class: 'card' }, h('h3', {}, 'Simulated clock'), 'Advance by ', seconds, ' seconds ',
      h('button', { 'data-testid': 'advance', onclick: async () => {
        try { const { data: r } = await api('POST', '/sim/clock/advance', { seconds: Number(seconds.value) }); showError(''); alert('Simulated time is now ' + when(r.now)); }
        catch (e) { showError(e.message); }
      } }, 'Advance')));
}

// ---------- routing ----------
function renderSignIn() {
  const into = view;
  paint(into, h('section', { 'data-testid': 'sign-in' },
    h('h2', {}, 'Sign in'),
    h('p', {}, 'Paste your bearer token in the box at the top right and press "Use token".'),
    h('p', {}, 'Running locally? `smsonboard serve` (make run) prints the token of every user in its users file at startup; '
      + 'without --users it uses the demo users: a requester, an approver and an operator.')));
}

async function route() {
  clearTimeout(refreshTimer);
  showError('');
  const fresh = view.cloneNode(false);
  view.replaceWith(fresh);
  view = fresh;
  if (!localStorage.getItem(TOKEN_KEY)) { renderSignIn(); return; }
  const hash = location.hash || '#/list';
  try {
    if (hash.startsWith('#/o/')) await renderDetail(decodeURIComponent(hash.slice(4)));
    else if (hash === '#/new') renderNew();
    else if (hash === '#/inbox') await renderInbox();
    else if (hash === '#/phones') await renderPhones();
    else if (hash === '#/ops') await renderOps();
    else await renderList();
  } catch (e) {
    showError(e.message);
  }
}
window.addEventListener('hashchange', route);
whoami().then(route);
