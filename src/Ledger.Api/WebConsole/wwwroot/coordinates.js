// Where a view stands in time: "As of" on the effective axis, "Known at" or a ledger position on the recorded axis.
import { go } from './app.js';
import { h, utc } from './dom.js';

/** The read coordinates of a state, as the API takes them. */
export function coordinates(state) {
  return { asOf: state.asOf, knownAt: state.position ? undefined : state.knownAt, position: state.position };
}

/** The three fields and what the last answer said it was computed at. */
/** `effective: false` for a view that has no effective instant (a history is every fact, as known at one moment). */
export function coordinateFields(state, answer, { effective = true } = {}) {
  const asOf = h('input', { id: 'as-of', name: 'asOf', type: 'text', value: state.asOf ?? '', placeholder: 'now, e.g. 2026-06-27T12:00:00Z', 'aria-describedby': 'time-help' });
  const knownAt = h('input', { id: 'known-at', name: 'knownAt', type: 'text', value: state.knownAt ?? '', placeholder: 'now', 'aria-describedby': 'time-help' });
  const position = h('input', { id: 'position', name: 'position', type: 'text', inputmode: 'numeric', value: state.position ?? '', placeholder: 'latest', 'aria-describedby': 'time-help' });
  // Known at and position both choose what the ledger knew: typing one clears the other, as the API takes only one.
  knownAt.addEventListener('input', () => { if (knownAt.value) position.value = ''; });
  position.addEventListener('input', () => { if (position.value) knownAt.value = ''; });
  const known = answer ? `what the ledger knew ${answer.knownAt ? `at ${utc(answer.knownAt)}` : 'now'} (position ${answer.position})` : '';
  const stood = !answer ? '' : effective ? `Showing the effective time ${utc(answer.asOf)}, with ${known}.` : `Showing ${known}.`;
  return {
    values: () => ({ ...(effective ? { asOf: asOf.value.trim() } : {}), knownAt: knownAt.value.trim(), position: position.value.trim() }),
    element: h('fieldset', { class: 'coordinates' },
      h('legend', {}, 'Point in time'),
      effective ? h('div', { class: 'field' }, h('label', { for: 'as-of' }, 'As of'), asOf) : null,
      h('div', { class: 'field' }, h('label', { for: 'known-at' }, 'Known at'), knownAt),
      h('div', { class: 'field narrow' }, h('label', { for: 'position' }, 'or position'), position)),
    note: h('p', { class: 'help', id: 'time-help' },
      effective ? 'As of: when, in law and in operation. ' : '',
      'Known at, or a ledger position: what the ledger had recorded by then. ',
      'Instants in RFC 3339 with an offset (Z is UTC); empty means now. ',
      stood ? h('strong', { class: 'stood', id: 'stood' }, stood) : null),
  };
}

/** A problem the API answered for the state (a malformed instant, a position beyond the head), with a way back. */
export function refused(error) {
  return h('div', { class: 'problem', role: 'alert' },
    h('p', {}, error.status === 403
      ? `Your token's roles do not allow this: ${error.message}.`
      : `The ledger cannot answer this: ${error.message}${error.problem?.field ? ` (field ${error.problem.field})` : ''}.`),
    h('button', { type: 'button', onclick: () => go({ asOf: null, knownAt: null, position: null }) }, 'Back to now'));
}
