// The request form's fields, read from the request's JSON Schema (GET /api/schema/onboarding-request), so the
// form shows exactly what the domain defines: labels, help, required marks, limits, choices. Pure: node's test
// runner checks it; views/new.js turns the fields into inputs.

function kindOf(property) {
  const type = property.type;
  if (type === 'object') return 'group';
  if (type === 'array') return property['x-multiline'] || property.items?.['x-multiline'] ? 'lines' : 'list';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  if (Array.isArray(property.enum)) return 'choice';
  return property['x-multiline'] ? 'area' : 'text';
}

/** Fields in schema order; a nested object becomes a 'group' field whose `fields` are named "parent.child". */
export function formFields(schema, prefix = '') {
  const required = new Set(schema.required || []);
  return Object.entries(schema.properties || {}).map(([key, property]) => {
    const kind = kindOf(property);
    const name = prefix + key;
    return {
      name,
      key,
      label: property.title || key,
      help: property.description || '',
      required: required.has(key),
      kind,
      choices: kind === 'choice' ? property.enum.map(String) : kind === 'boolean' ? ['true', 'false'] : [],
      default: property.default === undefined ? null : String(property.default),
      example: Array.isArray(property.examples) && property.examples.length ? String(property.examples[0]) : null,
      maxLength: (kind === 'list' || kind === 'lines' ? property.items?.maxLength : property.maxLength) ?? null,
      min: property.minimum ?? property.exclusiveMinimum ?? null,
      minExclusive: property.exclusiveMinimum !== undefined,
      max: property.maximum ?? null,
      step: property.multipleOf ?? (property.type === 'integer' ? 1 : null),
      minItems: property.minItems ?? null,
      maxItems: property.maxItems ?? null,
      fields: kind === 'group' ? formFields(property, name + '.') : [],
    };
  });
}

/** Every field, groups' children included, in form order. */
export function allFields(fields) {
  return fields.flatMap(f => (f.kind === 'group' ? [f, ...allFields(f.fields)] : [f]));
}

/** The limits of a field in words, for the help line under its input. */
export function limitsText(field) {
  const parts = [];
  if (field.kind === 'list') parts.push('separate entries with commas');
  if (field.kind === 'lines') parts.push('one per line');
  if (field.minItems > 1 && field.maxItems) parts.push(field.minItems + ' to ' + field.maxItems + ' entries');
  else if (field.maxItems) parts.push('up to ' + field.maxItems + (field.maxItems === 1 ? ' entry' : ' entries'));
  if (field.kind === 'number') {
    if (field.min !== null) parts.push((field.minExclusive ? 'more than ' : 'at least ') + field.min);
    if (field.max !== null) parts.push('at most ' + field.max);
    if (field.step === 1) parts.push('whole numbers');
  }
  if (field.maxLength && (field.kind === 'area' || field.kind === 'lines')) {
    parts.push('at most ' + field.maxLength + ' characters' + (field.kind === 'lines' ? ' each' : ''));
  }
  return parts.length ? parts.join('; ').replace(/^./, c => c.toUpperCase()) + '.' : '';
}

function read(field, raw) {
  const text = raw === undefined || raw === null ? '' : String(raw);
  switch (field.kind) {
    case 'list': return text.split(',').map(s => s.trim()).filter(Boolean);
    case 'lines': return text.split('\n').map(s => s.trim()).filter(Boolean);
    case 'number': return text.trim() === '' ? undefined : Number(text);
    case 'boolean': return text === '' ? undefined : text === 'true';
    default: return text.trim() === '' ? undefined : text.trim();
  }
}

/**
 * The request body from the inputs' raw values (`valueOf(name)` gives an input's text). Empty inputs are left
 * out, so the server names a missing required field as missing.
 */
export function readBody(fields, valueOf) {
  const body = {};
  for (const field of fields) {
    const value = field.kind === 'group' ? readBody(field.fields, valueOf) : read(field, valueOf(field.name));
    const empty = value === undefined || (Array.isArray(value) && value.length === 0)
      || (field.kind === 'group' && Object.keys(value).length === 0);
    if (!empty) body[field.key] = value;
  }
  return body;
}

/** The field a problem's JSON path ("sandboxNumbers[2]", "registration.company") belongs to, deepest first. */
export function fieldFor(path, fields) {
  const steps = String(path || '').replace(/\[\d+\]/g, '').split('.');
  let found = null;
  let level = fields;
  for (const step of steps) {
    const field = level.find(f => f.key === step);
    if (!field) break;
    found = field;
    level = field.fields;
  }
  return found;
}

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a JSON path reads for people: "Sandbox test numbers, entry 3". */
export function pathText(path, fields) {
  const field = fieldFor(path, fields);
  if (!field) return String(path);
  const index = /\[(\d+)\]$/.exec(String(path));
  return field.label + (index ? ', entry ' + (Number(index[1]) + 1) : '');
}

/**
 * A problem's message with the request's JSON names replaced by the form's labels. A name is replaced where it
 * opens the message or where it cannot be an English word (camelCase, dotted): "requester" inside a sentence
 * is left alone.
 */
export function problemText(problem, fields) {
  const field = fieldFor(problem.field, fields);
  if (field && problem.code === 'required') return field.label + ' is required.';
  let text = String(problem.message);
  for (const f of allFields(fields)) {
    const anywhere = /[A-Z.]/.test(f.name);
    const pattern = new RegExp((anywhere ? '(^|[^\\w.])' : '(^)') + escape(f.name) + '(?:\\[(\\d+)\\])?(?![\\w.\\[])', 'g');
    text = text.replace(pattern, (_, before, index) => before + f.label + (index === undefined ? '' : ', entry ' + (Number(index) + 1)));
  }
  return text;
}
