// Pure text of the Accounts view's cells: no DOM, so node's test runner can check them.

/** A fact read from the account, or "unknown: why" when it could not be read there (no role yet, AccessDenied). */
export function factText(fact, show) {
  if (fact && fact.value !== undefined && fact.value !== null) return show(fact.value);
  return 'unknown: ' + ((fact && fact.unknown) || 'not read');
}

export const sandboxText = inSandbox => (inSandbox ? 'in sandbox' : 'production');

export const usd = amount => '$' + Number(amount).toFixed(2).replace(/\.00$/, '');

/** "running 2, waitingOnAws 1", or "none". */
export function countsText(counts) {
  const entries = Object.entries(counts || {});
  return entries.length ? entries.map(([status, n]) => status + ' ' + n).join(', ') : 'none';
}

/** One open account-level work: the need (and origination type), who filed it, who waits on it. */
export function workText(work) {
  const waiting = work.waiting && work.waiting.length ? ' (waiting: ' + work.waiting.join(', ') + ')' : '';
  return work.need + (work.kind ? ' ' + work.kind : '') + ' by ' + work.owner + waiting;
}
