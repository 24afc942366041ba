import { api } from '../api.js';
import { h, paint } from '../dom.js';
import { when } from '../format.js';
import { statusBadge } from './badge.js';

export async function renderList(into) {
  const { data } = await api('GET', '/api/onboardings?limit=200');
  paint(into, h('h2', {}, 'Onboardings (' + data.total + ')'),
    h('table', { 'data-testid': 'onboarding-list' },
      h('tr', {}, ['Id', 'Status', 'Account', 'Pool', 'Team', 'Requester', 'Created'].map(c => h('th', {}, c))),
      data.items.map(o => h('tr', {},
        h('td', {}, h('a', { href: '#/o/' + o.id }, o.id)), h('td', {}, statusBadge(o.status)),
        h('td', { 'data-testid': 'account' }, o.accountId || '—'), h('td', {}, o.pool), h('td', {}, o.team), h('td', {}, o.requester), h('td', {}, when(o.createdAt))))));
}
