// What an onboarding's status and its states' marks mean on screen. Pure: node's test runner checks it.

// Tones are CSS classes (app.css): one colour per kind of situation, the same in badges and the legend.
const STATUSES = {
  submitted: { label: 'Submitted', tone: 'neutral' },
  running: { label: 'Running', tone: 'active' },
  waitingOnAws: { label: 'Waiting on AWS', tone: 'aws' },
  waitingOnPeople: { label: 'Waiting on people', tone: 'people' },
  finalizing: { label: 'Finalizing', tone: 'active' },
  completed: { label: 'Completed', tone: 'done' },
  failed: { label: 'Failed', tone: 'failed' },
  cancelled: { label: 'Cancelled', tone: 'stopped' },
};

/** The words and colour for a status; a status this page does not know is shown as sent. */
export function statusView(status) {
  return STATUSES[status] || { label: String(status), tone: 'neutral' };
}

export const isFinished = status => status === 'completed' || status === 'failed' || status === 'cancelled';

const isContainer = state => state && (state.type === 'Parallel' || state.type === 'Map');

/**
 * Where the onboarding is and has been: the states it sits in (only while it runs: a stopped run sits nowhere),
 * those it went through, and those it died in (open when the run failed, or a Fail state reached).
 */
export function stateMarks(detail, states) {
  const byName = new Map(states.map(s => [s.name, s]));
  const failed = new Set(detail.timeline.filter(t => t.outcome === 'failed').map(t => t.state));
  for (const t of detail.timeline) if (byName.get(t.state)?.type === 'Fail') failed.add(t.state);
  const current = isFinished(detail.status) ? new Set() : new Set(detail.currentStates);
  return { current, visited: new Set(detail.timeline.map(t => t.state)), failed };
}

/** The one mark a state's box shows: 'current', 'failed', 'visited' or ''. */
export function stateMark(name, marks) {
  return marks.current.has(name) ? 'current' : marks.failed.has(name) ? 'failed' : marks.visited.has(name) ? 'visited' : '';
}

// Parallel and Map states are open while anything inside them is: name the states actually doing the work.
function innermost(names, states) {
  const byName = new Map(states.map(s => [s.name, s]));
  const inner = [...names].filter(n => !isContainer(byName.get(n)));
  return inner.length ? inner : [...names];
}

/** One sentence for the diagram: where the run is, or how it ended. */
export function whereText(detail, states) {
  const marks = stateMarks(detail, states);
  if (marks.current.size) return 'Current state: ' + innermost(marks.current, states).join(', ');
  if (detail.status === 'completed') return 'Finished: every state done.';
  if (detail.status === 'failed') {
    return marks.failed.size ? 'Failed in: ' + innermost(marks.failed, states).join(', ') : 'Failed.';
  }
  if (detail.status === 'cancelled') return 'Cancelled.';
  return 'Not running (' + statusView(detail.status).label.toLowerCase() + ').';
}

/**
 * The step line under the title: the step a running onboarding is in, or where a failed one stopped. A failed
 * state is never called current, whatever the detail's currentStep says.
 */
export function stepText(detail, states, when) {
  if (!isFinished(detail.status)) {
    return detail.currentStep ? 'Current step: ' + detail.currentStep + (detail.inCurrentStepSince ? ' since ' + when(detail.inCurrentStepSince) : '') : '';
  }
  if (detail.status === 'failed') {
    const failed = stateMarks(detail, states).failed;
    return failed.size ? 'Failed at step: ' + innermost(failed, states).join(', ') : '';
  }
  return '';
}
