// The web UI's entry module: plain ES modules, no build step (index.html loads this with type="module").
import { api, token } from './api.js';
import { addRoute, route, setSignIn } from './router.js';
import { renderAccounts } from './views/accounts.js';
import { renderDetail } from './views/detail.js';
import { renderInbox } from './views/inbox.js';
import { renderList } from './views/list.js';
import { renderNew } from './views/new.js';
import { renderOps } from './views/ops.js';
import { renderPhones } from './views/phones.js';
import { renderSignIn } from './views/sign-in.js';

async function whoami() {
  const who = document.getElementById('whoami');
  try {
    const { data } = await api('GET', '/api/me');
    who.textContent = data.name + ' (' + data.roles.join(', ') + ')';
    who.dataset.name = data.name;
  } catch (e) {
    who.textContent = 'not signed in';
    delete who.dataset.name;
  }
}

document.getElementById('token-form').addEventListener('submit', async e => {
  e.preventDefault();
  token.set(document.getElementById('token').value.trim());
  document.getElementById('token').value = '';
  await whoami();
  route();
});

addRoute('#/o/', renderDetail);
addRoute('#/new', renderNew);
addRoute('#/inbox', renderInbox);
addRoute('#/phones', renderPhones);
addRoute('#/ops', renderOps);
addRoute('#/accounts', renderAccounts);
addRoute('#/list', renderList);
setSignIn(renderSignIn);
window.addEventListener('hashchange', route);
whoami().then(route);
