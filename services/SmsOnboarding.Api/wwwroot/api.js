// The HTTP API client: bearer token from local storage, JSON in and out.

const TOKEN_KEY = 'smsonboard.token';

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY) || '',
  set: value => localStorage.setItem(TOKEN_KEY, value),
};

/**
 * Calls the API. A 400 is an answer (validation problems the caller shows next to the fields), not an error;
 * every other failure throws with the server's message.
 */
export async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + token.get() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok && response.status !== 400) {
    throw new Error((data && data.message) || (response.status + ' ' + response.statusText));
  }
  return { status: response.status, data };
}

// The request schema and the workflow definition do not change while the page is open: fetch each once.
const once = new Map();
export function cached(path) {
  if (!once.has(path)) once.set(path, api('GET', path).then(r => r.data, e => { once.delete(path); throw e; }));
  return once.get(path);
}
