// The timeline: the facts about a model (and an organisation) on a time axis and as a list, each with its three
// clocks, its actor, its documents and its corrections.
import { all, json, query } from './api.js';
import { go } from './app.js';
import { coordinateFields, coordinates, refused } from './coordinates.js';
import { fill, h, kind, kindKey, local, text, utc } from './dom.js';
import { takeaway } from './takeaway.js';

// Shown in the clocks or the heading already.
const SHOWN_ELSEWHERE = new Set(['documents', 'effectiveAt', 'receivedAt', 'receivedTimeZone']);

export async function renderTimeline(main, state) {
  const at = coordinates(state);
  let models, organizations, histories;
  try {
    [models, organizations] = await Promise.all([all('/api/models', at, 'models'), all('/api/organizations', at, 'organizations')]);
    const subjects = [
      ...models.filter(m => !state.model || m.modelId === state.model).map(m => ({ kind: 'models', id: m.modelId, name: m.name })),
      ...organizations.filter(o => o.organizationId === state.org).map(o => ({ kind: 'organizations', id: o.organizationId, name: o.name })),
    ];
    histories = await Promise.all(subjects.map(async s => ({ ...s, history: await json(`/api/${s.kind}/${encodeURIComponent(s.id)}/history${query(at)}`) })));
  } catch (error) {
    fill(main, h('h1', {}, 'Timeline'), coordinateFields(state).element, refused(error));
    return;
  }

  const seen = new Map();
  for (const { history } of histories) for (const entry of history.entries) seen.set(entry.eventId, entry);
  const entries = [...seen.values()]
    .filter(e => !state.kind || kindKey(e.type) === state.kind)
    .sort((a, b) => instant(a) - instant(b) || a.times.position - b.times.position);
  const answer = histories[0]?.history;

  const fields = coordinateFields(state, answer, { effective: false });
  const model = h('select', { id: 'model', name: 'model' },
    h('option', { value: '' }, 'All models'),
    models.map(m => h('option', { value: m.modelId, selected: m.modelId === state.model }, `${m.name} (${m.modelId})`)));
  const org = h('select', { id: 'org', name: 'org' },
    h('option', { value: '' }, 'No organisation'),
    organizations.map(o => h('option', { value: o.organizationId, selected: o.organizationId === state.org }, `${o.name} (${o.organizationId})`)));
  const kinds = [...new Set([...seen.values()].map(e => kindKey(e.type)))];
  const which = h('select', { id: 'kind', name: 'kind' },
    h('option', { value: '' }, 'Every kind of fact'),
    kinds.map(k => h('option', { value: k, selected: k === state.kind }, kind(k))));

  fill(main,
    h('h1', {}, 'Timeline'),
    h('form', {
      class: 'toolbar',
      'aria-label': 'What the timeline shows',
      onsubmit: event => {
        event.preventDefault();
        go({ view: 'timeline', ...fields.values(), model: model.value, org: org.value, kind: which.value, event: null });
      },
    },
    fields.element,
    h('fieldset', { class: 'filters' },
      h('legend', {}, 'About'),
      h('div', { class: 'field' }, h('label', { for: 'model' }, 'Model'), model),
      h('div', { class: 'field' }, h('label', { for: 'org' }, 'Organisation (adds its vettings)'), org),
      h('div', { class: 'field' }, h('label', { for: 'kind' }, 'Kind of fact'), which)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show'))),
    fields.note,
    axis(entries),
    h('p', { class: 'help' }, `${entries.length} facts: registrations, then by effective time. Times are in UTC; the received time also as the clock read where it was received.`),
    h('ol', { class: 'timeline', id: 'timeline' }, entries.map(e => item(e, state.event))),
    takeaway(histories.flatMap(s => ['json', 'csv', 'pdf'].map(format => ({
      format: `${s.kind}/${s.id}/${format}`,
      label: `History of ${s.name}, ${{ json: 'JSON evidence pack', csv: 'CSV', pdf: 'PDF' }[format]}`,
      path: `/api/reports/${s.kind}/${encodeURIComponent(s.id)}/history${query({ ...at, format })}`,
      name: `${s.id}-history.${format}`,
    })))));

  const focused = state.event && document.getElementById(`event-${state.event}`);
  if (focused) {
    focused.scrollIntoView({ block: 'center' });
    focused.focus();
  }
}

// Registrations have no effective time (they count at every instant): they come first, and stay off the axis.
function instant(entry) {
  return entry.times.effectiveAt ? new Date(entry.times.effectiveAt).getTime() : -Infinity;
}

function axis(all) {
  const entries = all.filter(e => e.times.effectiveAt);
  if (entries.length === 0) return h('p', { class: 'empty' }, 'No fact with an effective time matches.');
  const first = instant(entries[0]);
  const last = instant(entries[entries.length - 1]);
  const span = Math.max(last - first, 1);
  return h('figure', { class: 'axis' },
    h('figcaption', {}, `Effective times from ${utc(first)} to ${utc(last)}`),
    h('ol', { class: 'axis-line' }, entries.map(e => {
      const item = h('li', { class: `dot kind-${kindKey(e.type)}` },
        h('a', { href: `#event-${e.eventId}`, 'aria-label': `${kind(e.type)} ${e.eventId}, effective ${utc(e.times.effectiveAt)}`, title: `${kind(e.type)} ${e.eventId}` }));
      item.style.left = `${((instant(e) - first) / span) * 100}%`;
      return item;
    })));
}

function item(entry, focus) {
  const t = entry.times;
  const received = local(t.receivedLocalTime, t.receivedTimeZone);
  return h('li', {
    id: `event-${entry.eventId}`,
    class: `fact kind-${kindKey(entry.type)}${entry.eventId === focus ? ' focused' : ''}`,
    tabindex: -1,
    'data-event': entry.eventId,
    'data-type': kindKey(entry.type),
    'data-effective': t.effectiveAt ?? null,
  },
  h('h2', {}, h('span', { class: 'kind' }, kind(entry.type)), ' ', h('span', { class: 'id' }, entry.eventId),
    entry.redacted ? h('span', { class: 'badge' }, 'confidential text withheld') : null,
    t.retroactive ? h('span', { class: 'badge' }, 'retroactive') : null),
  h('dl', { class: 'clocks' },
    h('dt', {}, 'Effective'), h('dd', {}, utc(t.effectiveAt)),
    h('dt', {}, 'Received'), h('dd', { class: 'received' }, t.receivedAt ? [utc(t.receivedAt), received ? h('span', { class: 'zone' }, ` (${received})`) : null] : '—'),
    h('dt', {}, 'Recorded'), h('dd', {}, `${utc(t.recordedAt)}, position ${t.position}`),
    h('dt', {}, 'Recorded by'), h('dd', {}, text(entry.actor))),
  details(entry),
  documents(entry.fact.documents),
  corrections(entry));
}

function details(entry) {
  const rows = Object.entries(entry.fact)
    .filter(([name, value]) => !SHOWN_ELSEWHERE.has(name) && value !== null && value !== undefined && value !== entry.eventId);
  return h('dl', { class: 'details' }, rows.flatMap(([name, value]) => [h('dt', {}, words(name)), h('dd', {}, show(value))]));
}

function show(value) {
  if (Array.isArray(value)) return value.length ? value.map((v, i) => [i ? ', ' : '', show(v)]) : h('span', { class: 'none' }, 'none');
  if (typeof value === 'object') return Object.entries(value).map(([k, v], i) => [i ? '; ' : '', `${words(k)}: `, show(v)]);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return text(value);
}

function words(camel) {
  return camel.replace(/([A-Z])/g, ' $1').toLowerCase();
}

function documents(list) {
  if (!list?.length) return null;
  return h('div', { class: 'documents' }, h('h3', {}, 'Documents'),
    h('ul', {}, list.map(d => h('li', {}, text(d.title), h('br'), h('code', { class: 'hash', title: 'SHA-256' }, `sha256 ${d.sha256}`),
      d.uri ? [h('br'), text(d.uri)] : null))));
}

function corrections(entry) {
  if (!entry.corrections.length) return null;
  return h('div', { class: 'corrections' }, h('h3', {}, 'Corrections'),
    h('ul', {}, entry.corrections.map(c => h('li', {},
      `${c.correctionId}: ${words(c.field)} set to `, h('code', {}, JSON.stringify(c.value)),
      ' because ', text(c.reason), `; recorded ${utc(c.recordedAt)} at position ${c.position} by `, text(c.actor)))));
}
