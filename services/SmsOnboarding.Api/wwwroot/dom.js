// DOM helpers. Every value from the API goes into the page as text, never as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(el, attrs, children, setAttribute) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: h('a', { href, class }, 'text', child, [more children]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  return fill(el, attrs, children, (k, v) => (k === 'class' ? (el.className = v) : el.setAttribute(k, v)));
}

/** An SVG element, same calling convention as h. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  return fill(el, attrs, children, (k, v) => el.setAttribute(k, v));
}

// replaceChildren turns null into the text "null" and an array into "[object ...]": go through h's flattening instead.
export function paint(into, ...children) {
  into.replaceChildren(...h('div', {}, ...children).childNodes);
}

export function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message || '';
  box.hidden = !message;
}
