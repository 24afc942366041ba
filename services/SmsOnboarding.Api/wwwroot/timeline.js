// The timeline, readable: a poll loop that ran a hundred times is one row with a count, not a hundred rows.
// Pure: node's test runner checks it.

/** Loops of the definition: groups of states that can reach each other (Tarjan's strongly connected components). */
export function loopsOf(states) {
  const targets = new Map(states.map(s => [s.name, s.targets || []]));
  const index = new Map(), low = new Map(), onStack = new Set(), stack = [], loops = [];
  let next = 0;
  const visit = name => {
    index.set(name, next); low.set(name, next); next++;
    stack.push(name); onStack.add(name);
    for (const to of targets.get(name) || []) {
      if (!targets.has(to)) continue;
      if (!index.has(to)) { visit(to); low.set(name, Math.min(low.get(name), low.get(to))); }
      else if (onStack.has(to)) low.set(name, Math.min(low.get(name), index.get(to)));
    }
    if (low.get(name) !== index.get(name)) return;
    const group = [];
    let member;
    do { member = stack.pop(); onStack.delete(member); group.push(member); } while (member !== name);
    if (group.length > 1 || (targets.get(name) || []).includes(name)) loops.push(group);
  };
  for (const s of states) if (!index.has(s.name)) visit(s.name);
  return loops;
}

/**
 * Timeline rows: { states, count, enteredAt, exitedAt, outcome }. The visits of a loop that went round more
 * than once (a poll, a reminder, a code asked again) become one row at the loop's first visit: its states in
 * the order first visited, how many times the busiest of them ran, first entry, last exit (none while a
 * visit is still open), and how the latest visit ended. Everything else keeps one row per visit.
 */
export function collapseTimeline(timeline, states) {
  const loopOf = new Map();
  for (const loop of loopsOf(states)) for (const name of loop) loopOf.set(name, loop);
  const visits = new Map();
  for (const t of timeline) {
    const loop = loopOf.get(t.state);
    if (!loop) continue;
    if (!visits.has(loop)) visits.set(loop, []);
    visits.get(loop).push(t);
  }
  const rows = [];
  const emitted = new Set();
  for (const t of timeline) {
    const loop = loopOf.get(t.state);
    const entries = loop && visits.get(loop);
    const count = entries ? Math.max(...countBy(entries).values()) : 1;
    if (count < 2) {
      rows.push({ states: [t.state], count: 1, enteredAt: t.enteredAt, exitedAt: t.exitedAt || null, outcome: t.outcome });
      continue;
    }
    if (emitted.has(loop)) continue;
    emitted.add(loop);
    rows.push(summarise(entries, count));
  }
  return rows;
}

function countBy(entries) {
  const counts = new Map();
  for (const e of entries) counts.set(e.state, (counts.get(e.state) || 0) + 1);
  return counts;
}

function summarise(entries, count) {
  const open = entries.some(e => !e.exitedAt);
  const latest = entries.reduce((a, b) => (Date.parse(b.enteredAt) >= Date.parse(a.enteredAt) ? b : a));
  const failed = entries.find(e => e.outcome === 'failed');
  return {
    states: [...countBy(entries).keys()],
    count,
    enteredAt: entries.reduce((a, b) => (Date.parse(b.enteredAt) < Date.parse(a.enteredAt) ? b : a)).enteredAt,
    exitedAt: open ? null : entries.reduce((a, b) => (Date.parse(b.exitedAt) > Date.parse(a.exitedAt) ? b : a)).exitedAt,
    outcome: open ? 'running' : failed ? failed.outcome : latest.outcome,
  };
}
