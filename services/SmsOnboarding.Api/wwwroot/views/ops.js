// The ops dashboard: counts by status, stuck onboardings, failures, and the simulated clock.
import { api } from '../api.js';
import { h, paint, showError } from '../dom.js';
import { when } from '../format.js';
import { route } from '../router.js';
import { statusView } from '../status.js';

async function redrive(id) {
  try { await api('POST', '/api/onboardings/' + encodeURIComponent(id) + '/redrive'); showError(''); route(); }
  catch (e) { showError(e.message); }
}

export async function renderOps(into) {
  const minutes = Number(sessionStorage.getItem('stuckMinutes') || 60);
  const { data } = await api('GET', '/api/dashboard?stuckMinutes=' + minutes);
  const threshold = h('input', { type: 'number', value: String(minutes), style: 'width:6rem', 'aria-label': 'Minutes' });
  const seconds = h('input', { type: 'number', value: '3600', style: 'width:8rem', 'aria-label': 'Seconds', 'data-testid': 'advance-seconds' });
  paint(into, h('h2', {}, 'Ops dashboard'),
    h('div', { class: 'card', 'data-testid': 'counts' }, h('h3', {}, 'By status'),
      h('table', {}, h('tr', {}, Object.keys(data.counts).map(k => h('th', { 'data-status': k }, statusView(k).label))), h('tr', {}, Object.values(data.counts).map(v => h('td', {}, v))))),
    h('div', { class: 'card' }, h('h3', {}, 'Stuck longer than ', threshold, ' minutes ',
      h('button', { onclick: () => { sessionStorage.setItem('stuckMinutes', threshold.value); renderOps(into).catch(e => showError(e.message)); } }, 'Apply')),
    data.stuck.length ? h('table', { 'data-testid': 'stuck' }, data.stuck.map(s => h('tr', {}, h('td', {}, h('a', { href: '#/o/' + s.id }, s.id)), h('td', {}, s.pool), h('td', {}, s.state), h('td', {}, s.minutes + ' min'))))
      : h('p', { class: 'muted' }, 'Nothing stuck.')),
    h('div', { class: 'card' }, h('h3', {}, 'Failures'),
      data.failures.length ? h('table', { 'data-testid': 'failures' }, data.failures.map(f => h('tr', {}, h('td', {}, h('a', { href: '#/o/' + f.id }, f.id)), h('td', {}, f.pool), h('td', {}, f.cause || ''),
        h('td', {}, h('button', { onclick: () => redrive(f.id) }, 'Redrive')))))
        : h('p', { class: 'muted' }, 'No failures.')),
    h('div', { class: 'card' }, h('h3', {}, 'Simulated clock'), 'Advance by ', seconds, ' seconds ',
      h('button', { 'data-testid': 'advance', onclick: async () => {
        try { const { data: r } = await api('POST', '/sim/clock/advance', { seconds: Number(seconds.value) }); showError(''); alert('Simulated time is now ' + when(r.now)); }
        catch (e) { showError(e.message); }
      } }, 'Advance')));
}
