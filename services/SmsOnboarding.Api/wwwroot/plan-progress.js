// Ticks for the plan: which planned steps are done, which one the run is in, which are still to do.
// Pure: node's test runner checks it (and that every state named here is in the ASL definition).

// Each plan step (PlanStepIds in the domain) spans the states from its first to its last, inclusive, plus the
// states nested in them (a Map's per-number steps). The step is done once its last state has finished.
export const PLAN_SPANS = {
  'resolve-account-and-pool': ['ResolveAccountAndPool', 'ResolveAccountAndPool'],
  'sms-role': ['EnsureSmsRole', 'EnsureSmsRole'],
  'origination-identity': ['FindOriginationIdentity', 'OriginationReady'],
  'sandbox-exit': ['Sandbox.OpenCase', 'SandboxReady'],
  'spend-increase': ['CheckSpend', 'SpendReady'],
  'sandbox-numbers': ['VerifySandboxNumbers', 'VerifySandboxNumbers'],
  'finalize': ['Finalize', 'Finalize'],
  'test-message': ['SendTestMessage', 'SendTestMessage'],
};

const TICKS = { done: '✓', current: '▶', todo: '○', failed: '✗', unknown: '·' };
const WORDS = { done: 'done', current: 'in progress', todo: 'to do', failed: 'failed', unknown: '' };
export const tick = progress => ({ symbol: TICKS[progress], words: WORDS[progress] });

function reachable(from, targets) {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) for (const to of targets.get(queue.shift()) || []) if (!seen.has(to)) { seen.add(to); queue.push(to); }
  return seen;
}

/** The states one plan step covers: on a path from its first to its last state, and everything nested in those. */
export function spanStates(span, states) {
  const [first, last] = span;
  const targets = new Map(states.map(s => [s.name, s.targets || []]));
  const reverse = new Map();
  for (const [from, tos] of targets) for (const to of tos) reverse.set(to, [...(reverse.get(to) || []), from]);
  const after = reachable(first, targets);
  const members = new Set([...reachable(last, reverse)].filter(n => after.has(n)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of states) if (s.parent && members.has(s.parent) && !members.has(s.name)) { members.add(s.name); grew = true; }
  }
  return members;
}

/**
 * Each planned step with its progress: 'failed' (a state of it failed), 'done' (its last state finished, or
 * the whole run completed), 'current' (the run is in one of its states), 'todo', or 'unknown' for a plan
 * step this page has no span for.
 */
export function planProgress(detail, states, marks) {
  return detail.plan.steps.map(step => {
    const span = PLAN_SPANS[step.id];
    if (!span) return { ...step, progress: 'unknown' };
    const members = spanStates(span, states);
    const has = set => [...members].some(n => set.has(n));
    const finished = detail.timeline.some(t => t.state === span[1] && t.exitedAt && t.outcome === 'succeeded');
    const progress = has(marks.failed) ? 'failed'
      : finished || detail.status === 'completed' ? 'done'
        : has(marks.current) ? 'current' : 'todo';
    return { ...step, progress };
  });
}
