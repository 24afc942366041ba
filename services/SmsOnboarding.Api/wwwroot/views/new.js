// The request form, built from the request's JSON Schema, with live validation and the dry-run plan.
import { api, cached } from '../api.js';
import { h, paint, showError } from '../dom.js';
import { plural } from '../format.js';
import { allFields, fieldFor, formFields, limitsText, problemText, readBody } from '../schema-form.js';

function input(field) {
  const common = {
    id: 'f-' + field.name, name: field.name, 'data-testid': 'field-' + field.name,
    required: field.required, 'aria-required': field.required ? 'true' : null,
    'aria-describedby': 'help-' + field.name + ' problem-' + field.name,
  };
  if (field.kind === 'choice' || field.kind === 'boolean') {
    const blank = field.default === null ? h('option', { value: '' }, field.required ? '— choose —' : '(none)') : null;
    return h('select', common, blank, field.choices.map(c => h('option', { value: c, selected: c === field.default }, c)));
  }
  const placeholder = field.example ? 'e.g. ' + field.example : null;
  if (field.kind === 'area' || field.kind === 'lines') {
    return h('textarea', { ...common, placeholder, maxlength: field.kind === 'area' ? field.maxLength : null });
  }
  if (field.kind === 'number') {
    return h('input', { ...common, type: 'number', placeholder, min: field.min, max: field.max, step: field.step ?? 'any' });
  }
  return h('input', { ...common, type: 'text', placeholder, maxlength: field.kind === 'text' ? field.maxLength : null });
}

function fieldBlock(field, problems) {
  if (field.kind === 'group') {
    return h('fieldset', { 'data-testid': 'group-' + field.name },
      h('legend', {}, field.label, field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      field.help ? h('p', { class: 'help' }, field.help) : null,
      field.fields.map(f => fieldBlock(f, problems)));
  }
  problems[field.name] = h('div', { class: 'problem', id: 'problem-' + field.name, 'data-testid': 'problem-' + field.name });
  const help = [field.help, limitsText(field)].filter(Boolean).join(' ');
  return h('div', { class: 'field' },
    h('label', { for: 'f-' + field.name }, field.label, field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    input(field),
    h('div', { class: 'help', id: 'help-' + field.name }, help),
    problems[field.name]);
}

export async function renderNew(into) {
  const schema = await cached('/api/schema/onboarding-request');
  const fields = formFields(schema);
  const problems = {};
  const planBox = h('div', { class: 'card', 'data-testid': 'plan' }, h('p', { class: 'muted' }, 'The plan appears when the request is valid.'));
  const other = h('div', { class: 'problem', 'data-testid': 'problem-other' });
  const form = h('form', { 'data-testid': 'request-form', novalidate: true },
    h('p', { class: 'muted' }, 'Fields marked ', h('span', { class: 'required' }, '*'), ' are required.'),
    fields.map(f => fieldBlock(f, problems)),
    other,
    h('p', {}, h('button', { type: 'submit', 'data-testid': 'submit' }, 'Submit request')));
  const me = document.getElementById('whoami').dataset.name;
  if (me && form.elements.requester) form.elements.requester.value = me;
  const body = () => readBody(fields, name => form.elements[name]?.value);

  function showProblems(list) {
    for (const box of Object.values(problems)) box.textContent = '';
    other.textContent = '';
    for (const field of allFields(fields)) form.elements[field.name]?.removeAttribute('aria-invalid');
    for (const p of list) {
      const field = fieldFor(p.field, fields);
      const box = (field && problems[field.name]) || other;
      box.append(h('div', {}, problemText(p, fields)));
      if (field) form.elements[field.name]?.setAttribute('aria-invalid', 'true');
    }
  }

  async function validate() {
    const { data } = await api('POST', '/api/onboardings/validate', body());
    showProblems(data.problems || []);
    planBox.replaceChildren(h('h3', {}, 'Dry-run plan'));
    if (data.plan) {
      planBox.append(h('p', {}, 'SMS through ' + data.plan.snsRegion),
        h('ol', {}, data.plan.steps.map(s => h('li', { 'data-testid': 'plan-step' }, h('strong', {}, s.title), h('div', { class: 'muted' }, s.reason)))));
    } else {
      planBox.append(h('p', { class: 'muted' }, 'Fix the problems to see the plan.'));
    }
    return data;
  }

  let pending = null;
  form.addEventListener('input', () => { clearTimeout(pending); pending = setTimeout(() => validate().catch(e => showError(e.message)), 400); });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const { status, data } = await api('POST', '/api/onboardings', body());
      if (status === 400) {
        const found = data.problems || [];
        showProblems(found);
        showError(found.length ? 'Not submitted: ' + plural(found.length, 'problem') + ', each shown under its field.' : data.message);
        return;
      }
      showError('');
      location.hash = '#/o/' + data.id;
    } catch (err) { showError(err.message); }
  });
  paint(into, h('h2', {}, 'New onboarding request'), h('div', { class: 'cols' }, form, planBox));
}
