// Hash routing. Each navigation swaps in a fresh element, and every render takes the element current when it
// STARTS: a slow render (or refresh) of the page left behind then lands in a detached node instead of painting
// over the page the user moved to. Reading the current view after an await would defeat that.
import { showError } from './dom.js';
import { token } from './api.js';

let view = document.getElementById('view');
let refreshTimer = null;
const routes = [];
let signIn = () => {};

/** pattern: an exact hash ('#/new') or a prefix ending in '/' ('#/o/') whose rest is passed to render. */
export function addRoute(pattern, render) {
  routes.push({ pattern, render });
}

export function setSignIn(render) {
  signIn = render;
}

/** True while `into` is still the page on screen. */
export const isShown = into => into === view;

/** Re-renders `into` after `ms`, unless the user has moved on by then. */
export function refreshLater(into, render, ms) {
  if (!isShown(into)) return;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => render().catch(e => showError(e.message)), ms);
}

export async function route() {
  clearTimeout(refreshTimer);
  showError('');
  const fresh = view.cloneNode(false);
  view.replaceWith(fresh);
  view = fresh;
  if (!token.get()) { signIn(fresh); return; }
  const hash = location.hash || '#/list';
  const found = routes.find(r => (r.pattern.endsWith('/') ? hash.startsWith(r.pattern) : hash === r.pattern))
    || routes.find(r => r.pattern === '#/list');
  try {
    await found.render(fresh, decodeURIComponent(hash.slice(found.pattern.length)));
  } catch (e) {
    showError(e.message);
  }
}
