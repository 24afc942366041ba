// The simulated phones: the SMS the simulated account delivered, codes included.
import { api } from '../api.js';
import { h, paint, showError } from '../dom.js';
import { when } from '../format.js';
import { isShown, refreshLater } from '../router.js';

export async function renderPhones(into) {
  const { data: phones } = await api('GET', '/sim/phones');
  const cards = await Promise.all(phones.map(async p => {
    const { data: messages } = await api('GET', '/sim/phones/' + encodeURIComponent(p) + '/messages');
    return h('div', { class: 'card', 'data-phone': p, 'data-testid': 'phone' }, h('h3', {}, p),
      messages.map(m => h('div', { class: 'sms', 'data-testid': 'sms' }, h('div', { class: 'muted' }, 'from ', m.from, ' · ', when(m.sentAt)), h('div', { 'data-testid': 'sms-body' }, m.body))));
  }));
  if (!isShown(into)) return;
  paint(into, h('h2', {}, 'Simulated phones'),
    h('p', {}, h('button', { 'data-testid': 'phones-refresh', onclick: () => renderPhones(into).catch(e => showError(e.message)) }, 'Refresh')),
    h('div', { 'data-testid': 'phones' }, cards.length ? cards : h('p', { class: 'muted' }, 'No SMS sent yet.')));
  refreshLater(into, () => renderPhones(into), 3000);
}
