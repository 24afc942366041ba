// The workflow diagram. The layout (boxes, edge polylines, branch frames) comes from the server
// (GET /api/workflow, computed from the ASL); this only draws it and marks where the onboarding is.
import { h, svg } from './dom.js';
import { stateMark, stateMarks, whereText } from './status.js';

const EDGE_WORDS = { next: 'next', choice: 'when', default: 'otherwise', catch: 'on error' };
const MARK_WORDS = { current: 'current state', failed: 'failed here', visited: 'visited' };
const isCompound = n => n.type === 'Parallel' || n.type === 'Map';

// Parallel/Map boxes first (outer before inner, each followed by its branch frames), then edges, then the other
// states, so inner edges sit above their group's background.
function workflowSvg(workflow, marks) {
  const layout = workflow.diagram;
  const known = new Map(workflow.states.map(s => [s.name, s]));
  const markers = ['next', 'choice', 'default', 'catch'].map(kind => svg('marker', { id: 'arrow-' + kind, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow ' + kind })));
  const node = n => {
    const mark = stateMark(n.name, marks);
    const role = known.get(n.name)?.role;
    const comment = known.get(n.name)?.comment;
    const description = n.name + ': ' + n.type + (role && role !== 'working' ? ', ' + role.replace(/([A-Z])/g, ' $1').toLowerCase() : '') + (mark ? ', ' + MARK_WORDS[mark] : '');
    const cx = n.x + n.width / 2;
    const text = isCompound(n)
      ? [svg('text', { x: n.x + 10, y: n.y + 17, class: 'label' }, n.label), svg('text', { x: n.x + 10, y: n.y + 31, class: 'caption' }, n.caption)]
      : [svg('text', { x: cx, y: n.y + 15, class: 'caption', 'text-anchor': 'middle' }, n.caption), svg('text', { x: cx, y: n.y + 31, class: 'label', 'text-anchor': 'middle' }, n.label)];
    return svg('g', { class: ['state', 'type-' + n.type.toLowerCase(), role ? 'role-' + role : '', isCompound(n) ? 'compound' : '', mark].filter(Boolean).join(' '),
      'data-state': n.name, tabindex: mark === 'current' || mark === 'failed' ? 0 : null, role: 'img', 'aria-label': description },
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
    layout.nodes.filter(isCompound).flatMap(n => [node(n), ...layout.groups.filter(g => g.owner === n.name).map(frame)]),
    layout.edges.map(edge),
    layout.nodes.filter(n => !isCompound(n)).map(node));
}

// The same states as a nested list: the text alternative to the picture, and the fallback when the server
// could not lay the definition out.
function stateList(workflow, marks) {
  const byParent = new Map();
  for (const s of workflow.states) {
    const key = s.parent || '';
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(s);
  }
  const list = parent => h('ul', { class: 'flow' }, (byParent.get(parent) || []).map(s => h('li', {},
    h('span', { class: 'list-state ' + stateMark(s.name, marks), 'data-list-state': s.name, title: s.comment || '' }, s.name),
    h('span', { class: 'role' }, s.type + (s.role !== 'working' ? ' · ' + s.role : '') + (s.targets.length ? ' → ' + s.targets.join(', ') : s.end ? ' → end' : '')),
    byParent.has(s.name) ? list(s.name) : null)));
  return list('');
}

/** The diagram card: where the run is in words, the picture (scrollable, or fitted to the width), the list. */
export function diagramCard(workflow, detail) {
  const marks = stateMarks(detail, workflow.states);
  const layout = workflow.diagram;
  const fit = sessionStorage.getItem('diagramFit') === 'yes';
  const scroll = layout ? h('div', { class: 'diagram-scroll' + (fit ? ' fit' : ''), 'data-testid': 'diagram-scroll', tabindex: 0, 'aria-label': 'Workflow diagram, scrollable' }, workflowSvg(workflow, marks)) : null;
  const toggle = layout ? h('button', { type: 'button', 'data-testid': 'diagram-fit', 'aria-pressed': String(fit), onclick: e => {
    const on = scroll.classList.toggle('fit');
    sessionStorage.setItem('diagramFit', on ? 'yes' : 'no');
    e.target.setAttribute('aria-pressed', String(on));
  } }, 'Fit to width') : null;
  return h('div', { class: 'card', 'data-testid': 'diagram' }, h('h3', {}, 'Workflow'),
    h('p', { 'data-testid': 'diagram-current', 'aria-live': 'polite' }, whereText(detail, workflow.states)),
    toggle ? h('p', {}, toggle) : null,
    scroll,
    layout ? h('p', { class: 'legend muted' }, h('span', { class: 'key next' }, '→ next'), h('span', { class: 'key choice' }, '→ choice rule'),
      h('span', { class: 'key default' }, '⇢ choice default'), h('span', { class: 'key catch' }, '⇢ catch'), h('span', {}, 'arrows pointing up close a loop'),
      h('span', { class: 'key current' }, 'current'), h('span', { class: 'key visited' }, 'visited'), h('span', { class: 'key failed' }, 'failed')) : null,
    h('details', { open: !layout }, h('summary', {}, 'States as a list'), stateList(workflow, marks)));
}

/**
 * Keeps the reader's place in the diagram across refreshes; on the first paint, shows the current state, else the
 * failed one, else the start (the flow is wider than the box, and its first state is not at the left edge).
 */
export function placeDiagram(into, previous, workflow, detail) {
  const box = into.querySelector('[data-testid=diagram-scroll]');
  if (!box || box.classList.contains('fit')) return;
  if (previous) { box.scrollLeft = previous.left; box.scrollTop = previous.top; return; }
  const marks = stateMarks(detail, workflow.states);
  const focus = marks.current.size ? marks.current : marks.failed;
  const node = workflow.diagram.nodes.find(n => focus.has(n.name) && !isCompound(n)) || workflow.diagram.nodes.find(n => n.start && !n.parent);
  if (node) {
    const scale = box.firstChild.getBoundingClientRect().width / workflow.diagram.width;
    box.scrollLeft = (node.x + node.width / 2) * scale - box.clientWidth / 2;
    box.scrollTop = (node.y + node.height / 2) * scale - box.clientHeight / 2;
  }
}
