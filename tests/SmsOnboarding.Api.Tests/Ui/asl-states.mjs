// Test helper: the states of statemachine/onboarding.asl.json in the shape GET /api/workflow serves them
// (name, type, parent, targets), so the UI's pure modules are checked against the real definition.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoFile = path => fileURLToPath(new URL('../../../' + path, import.meta.url));

export function aslStates() {
  const definition = JSON.parse(readFileSync(repoFile('statemachine/onboarding.asl.json'), 'utf8'));
  const states = [];
  const walk = (machine, parent) => {
    for (const [name, s] of Object.entries(machine.States || {})) {
      const targets = [s.Next, s.Default, ...(s.Choices || []).map(c => c.Next), ...(s.Catch || []).map(c => c.Next)].filter(Boolean);
      states.push({ name, type: s.Type, parent, targets: [...new Set(targets)], end: !!s.End });
      for (const branch of s.Branches || []) walk(branch, name);
      if (s.ItemProcessor || s.Iterator) walk(s.ItemProcessor || s.Iterator, name);
    }
  };
  walk(definition, null);
  return states;
}

/** Timeline entries one second apart from a list of [state, outcome?] (outcome 'running' leaves it open). */
export function entries(names, start = Date.UTC(2026, 11, 1, 9, 0, 0)) {
  return names.map((item, i) => {
    const [state, outcome = 'succeeded'] = Array.isArray(item) ? item : [item];
    return {
      state,
      enteredAt: new Date(start + i * 1000).toISOString(),
      exitedAt: outcome === 'running' ? null : new Date(start + i * 1000 + 500).toISOString(),
      outcome,
    };
  });
}
