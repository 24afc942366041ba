import { h } from '../dom.js';
import { statusView } from '../status.js';

/** A status as a coloured badge; data-status keeps the API's value for tests and styles. */
export function statusBadge(status) {
  const { label, tone } = statusView(status);
  return h('span', { class: 'status tone-' + tone, 'data-testid': 'status', 'data-status': status }, label);
}
