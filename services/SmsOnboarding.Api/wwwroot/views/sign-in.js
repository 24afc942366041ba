import { h, paint } from '../dom.js';

export function renderSignIn(into) {
  paint(into, h('section', { 'data-testid': 'sign-in' },
    h('h2', {}, 'Sign in'),
    h('p', {}, 'Paste your bearer token in the box at the top right and press "Use token".'),
    h('p', {}, 'Running locally? `smsonboard serve` (make run) prints the token of every user in its users file at startup; '
      + 'without --users it uses the demo users: a requester, an approver and an operator.')));
}
