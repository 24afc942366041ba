// The ops' Accounts view: per account and SNS Region, live facts and the open account-level work.
import { api } from '../api.js';
import { countsText, factText, sandboxText, usd, workText } from '../accounts-text.js';
import { h, paint } from '../dom.js';

const origination = list => (list.length ? list.map(i => [i.phoneNumber, i.type, i.status].filter(Boolean).join(' ')).join(', ') : 'none');

export async function renderAccounts(into) {
  const { data } = await api('GET', '/api/accounts');
  paint(into, h('h2', {}, 'Accounts'),
    h('p', { class: 'muted' }, 'Per account and SNS Region. A fact the service could not read in that account says why.'),
    data.openWorkUnknown ? h('p', { class: 'error' }, 'Open work unknown: ', data.openWorkUnknown) : null,
    data.accounts.length === 0 ? h('p', { class: 'muted' }, 'No onboardings yet.') :
      h('table', { 'data-testid': 'accounts' },
        h('tr', {}, ['Account', 'SNS Region', 'Onboardings', 'Sandbox', 'Spend limit / quota', 'Origination identities', 'Open work'].map(c => h('th', {}, c))),
        data.accounts.map(a => h('tr', { 'data-account': a.accountId, 'data-region': a.snsRegion },
          h('td', {}, a.accountId), h('td', {}, a.snsRegion), h('td', {}, countsText(a.onboardings)),
          h('td', {}, factText(a.inSandbox, sandboxText)),
          h('td', {}, factText(a.spendLimitUsd, usd), ' / ', factText(a.approvedSpendQuotaUsd, usd)),
          h('td', {}, factText(a.originationIdentities, origination)),
          h('td', {}, a.openWork.length ? a.openWork.map(w => h('div', {}, workText(w))) : 'none')))));
}
