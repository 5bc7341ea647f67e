// DOM building and the wording of the ledger's values. Text only: nothing the API returns is ever parsed as HTML.

/** An element with attributes (`on*` functions become listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what `element` holds. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** The marker the API puts where it withholds confidential text from this reader (product.md 11). */
export const WITHHELD = '[withheld]';

/** A text value as a person reads it: withheld text is shown as withheld, never as an error. */
export function text(value) {
  if (value === WITHHELD) return h('span', { class: 'withheld', title: 'Confidential: withheld from your token' }, 'withheld');
  if (value === null || value === undefined || value === '') return h('span', { class: 'none' }, '—');
  return String(value);
}

/** An instant in UTC, to the minute (seconds when it has them): `2026-06-12 21:21 UTC`. */
export function utc(instant) {
  if (!instant) return '—';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return String(instant);
  const iso = d.toISOString();
  const seconds = iso.slice(17, 19) !== '00' ? iso.slice(16, 19) : '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}

/** The received local wall time as stored (`2026-06-12T17:21:00`) with its zone: `2026-06-12 17:21 America/New_York`. */
export function local(wallTime, zone) {
  if (!wallTime) return null;
  const [date, time] = wallTime.split('T');
  const minutes = time.slice(0, 5);
  const seconds = time.slice(6, 8) && time.slice(6, 8) !== '00' ? time.slice(5, 8) : '';
  return `${date} ${minutes}${seconds} ${zone}`;
}

/** RFC 3339 in UTC without milliseconds, the form the API echoes: `2026-06-27T12:00:00Z`. */
export function rfc3339(date) {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const KINDS = {
  'model-registered': 'Model registered',
  'organization-registered': 'Organisation registered',
  'directive-issued': 'Directive issued',
  'directive-amended': 'Directive amended',
  'easing-granted': 'Easing granted',
  'directive-rescinded': 'Directive rescinded',
  'organization-vetted': 'Organisation vetted',
  'vetting-revoked': 'Vetting revoked',
  'access-suspended': 'Access suspended',
  'access-restored': 'Access restored',
  'correction-recorded': 'Correction recorded',
};

/** A stored event type (`easing-granted.v1`) in words. */
export function kind(type) {
  const name = String(type).replace(/\.v\d+$/, '');
  return KINDS[name] ?? name;
}

/** The kind of fact without its version, for CSS and filters: `easing-granted`. */
export function kindKey(type) {
  return String(type).replace(/\.v\d+$/, '');
}

export const CLASSES = { 'us-person': 'US persons', 'foreign-person': 'Foreign persons' };

/** Says `message` to screen readers (and shows it) through the page's live region. */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  requestAnimationFrame(() => { status.textContent = message; });
}
