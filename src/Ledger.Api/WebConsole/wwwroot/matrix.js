// The access matrix (the landing view): organisations by models and person classes at one instant, as known at
// one moment, with the time slider over the models' facts and each cell's explanation.
import { all, json, query } from './api.js';
import { go } from './app.js';
import { coordinateFields, coordinates, refused } from './coordinates.js';
import { CLASSES, fill, h, kind, rfc3339, utc } from './dom.js';
import { takeaway } from './takeaway.js';

const SECTORS = [
  'chemical', 'commercial-facilities', 'communications', 'critical-manufacturing', 'dams', 'defense-industrial-base',
  'emergency-services', 'energy', 'financial-services', 'food-and-agriculture', 'government-facilities',
  'healthcare-and-public-health', 'information-technology', 'nuclear-reactors-materials-and-waste',
  'transportation-systems', 'water-and-wastewater-systems',
];

const STATES = {
  allowed: { label: 'Allowed', legend: 'nothing restricts it' },
  eased: { label: 'Allowed (eased)', legend: 'restricted, but an easing releases it' },
  'denied-law': { label: 'Denied by law', legend: 'a directive restricts it' },
  'denied-provider': { label: 'Denied by provider', legend: 'the provider has switched it off' },
};

/** A cell's state in the four words of the legend (product.md 5: access from legal and provider state). */
export function cellState(cell) {
  if (cell.access === 'allowed') return cell.legal === 'eased' ? 'eased' : 'allowed';
  return cell.legal === 'restricted' ? 'denied-law' : 'denied-provider';
}

export async function renderMatrix(main, state) {
  const at = coordinates(state);
  let models, organizations, matrix;
  try {
    [models, organizations, matrix] = await Promise.all([
      all('/api/models', at, 'models'),
      all('/api/organizations', { ...at, sector: state.sector, q: state.q }, 'organizations'),
      json('/api/access-matrix' + query({ ...at, modelId: state.model, access: state.access })),
    ]);
  } catch (error) {
    fill(main, h('h1', {}, 'Access matrix'), coordinateFields(state).element, refused(error));
    return;
  }

  const shown = models.filter(m => !state.model || m.modelId === state.model);
  const histories = await Promise.all(shown.map(m => json(`/api/models/${encodeURIComponent(m.modelId)}/history${query(at)}`).catch(() => null)));
  const marks = slideMarks(shown, histories);

  const cells = new Map(matrix.cells.map(c => [`${c.modelId}|${c.organizationId}|${c.personClass}`, c]));
  const everyone = { organizationId: '*', name: 'Everyone not registered', sectors: [], listedUnder: [] };
  const rows = [...organizations, ...(!state.sector && !state.q ? [everyone] : [])]
    .filter(o => !state.access || shown.some(m => Object.keys(CLASSES).some(c => cells.has(`${m.modelId}|${o.organizationId}|${c}`))));

  const fields = coordinateFields(state, matrix);
  const filters = filterFields(state, models);
  fill(main,
    h('h1', {}, 'Access matrix'),
    h('form', {
      class: 'toolbar',
      'aria-label': 'What the matrix shows',
      onsubmit: event => {
        event.preventDefault();
        go({ view: 'matrix', ...fields.values(), ...filters.values() });
      },
    }, fields.element, filters.element, h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show'))),
    fields.note,
    slider(matrix.asOf, marks),
    legend(),
    grid(shown, rows, cells, state),
    rows.length === 0 ? h('p', { class: 'empty' }, 'No organisation matches these filters.') : null,
    explanationDialog(),
    takeaway(['json', 'csv', 'pdf'].map(format => ({
      format,
      label: { json: 'JSON evidence pack', csv: 'CSV', pdf: 'PDF' }[format],
      path: '/api/reports/access-matrix' + query({ ...at, modelId: state.model, organizationId: state.org, format }),
      name: `access-matrix.${format}`,
    }))));
}

function filterFields(state, models) {
  const model = h('select', { id: 'model', name: 'model' },
    h('option', { value: '' }, 'All models'),
    models.map(m => h('option', { value: m.modelId, selected: m.modelId === state.model }, `${m.name} (${m.modelId})`)));
  const sector = h('select', { id: 'sector', name: 'sector' },
    h('option', { value: '' }, 'Any sector'),
    SECTORS.map(s => h('option', { value: s, selected: s === state.sector }, s.replace(/-/g, ' '))));
  const access = h('select', { id: 'access', name: 'access' },
    h('option', { value: '' }, 'Allowed or denied'),
    h('option', { value: 'allowed', selected: state.access === 'allowed' }, 'Allowed only'),
    h('option', { value: 'denied', selected: state.access === 'denied' }, 'Denied only'));
  const name = h('input', { id: 'q', name: 'q', type: 'search', value: state.q ?? '', placeholder: 'part of a name or id' });
  return {
    values: () => ({ model: model.value, sector: sector.value, access: access.value, q: name.value.trim() }),
    element: h('fieldset', { class: 'filters' },
      h('legend', {}, 'Filters'),
      h('div', { class: 'field' }, h('label', { for: 'model' }, 'Model'), model),
      h('div', { class: 'field' }, h('label', { for: 'sector' }, 'Sector'), sector),
      h('div', { class: 'field' }, h('label', { for: 'access' }, 'Access'), access),
      h('div', { class: 'field' }, h('label', { for: 'q' }, 'Name'), name)),
  };
}

/** The effective instants of the shown models' facts, one mark per instant with what happened then. */
function slideMarks(models, histories) {
  const byInstant = new Map();
  histories.forEach((history, i) => {
    for (const entry of history?.entries ?? []) {
      const at = entry.times.effectiveAt;
      if (!at) continue;
      const key = new Date(at).getTime();
      const mark = byInstant.get(key) ?? { at: rfc3339(at), what: [] };
      mark.what.push(`${kind(entry.type)} ${entry.eventId} (${models[i].modelId})`);
      byInstant.set(key, mark);
    }
  });
  return [...byInstant.entries()].sort((a, b) => a[0] - b[0]).map(([, mark]) => mark);
}

const HOUR = 3600 * 1000;

function slider(asOf, marks) {
  const now = new Date(asOf).getTime();
  const instants = marks.map(m => new Date(m.at).getTime());
  const low = Math.floor((Math.min(now, ...instants) - 3 * 24 * HOUR) / HOUR);
  const high = Math.ceil((Math.max(now, ...instants) + 3 * 24 * HOUR) / HOUR);
  const value = Math.round(now / HOUR);
  const shown = h('output', { id: 'slider-value', for: 'time-slider' }, utc(asOf));
  // Each arrow key is a change: the matrix follows once the slider has rested for a moment, not at every hour passed.
  let resting;
  const range = h('input', {
    id: 'time-slider', type: 'range', min: low, max: high, step: 1, value,
    'aria-valuetext': utc(asOf),
    oninput: event => {
      const text = utc(Number(event.target.value) * HOUR);
      shown.textContent = text;
      event.target.setAttribute('aria-valuetext', text);
    },
    onchange: event => {
      clearTimeout(resting);
      resting = setTimeout(() => go({ asOf: rfc3339(Number(event.target.value) * HOUR) }, { keepFocus: '#time-slider' }), 400);
    },
  });
  const ticks = h('ol', { class: 'marks', 'aria-label': 'Effective times of the facts' },
    marks.map(mark => {
      const link = h('a', {
        href: `/?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(location.search)), view: 'matrix', asOf: mark.at })}`,
        class: 'mark',
        'data-at': mark.at,
        title: `${utc(mark.at)}: ${mark.what.join('; ')}`,
        'aria-label': `${utc(mark.at)}: ${mark.what.join('; ')}`,
      });
      const item = h('li', {}, link);
      item.style.left = `${((new Date(mark.at).getTime() / HOUR - low) / (high - low)) * 100}%`;
      return item;
    }));
  return h('section', { class: 'slider', 'aria-labelledby': 'slider-label' },
    h('div', { class: 'slider-head' }, h('label', { id: 'slider-label', for: 'time-slider' }, 'Effective time'), shown),
    range,
    ticks,
    h('p', { class: 'help' }, 'Drag, or use the arrow keys (an hour a step); the marks are the effective times of the shown models\' facts.'));
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(STATES).map(([key, s]) => h('li', {}, h('span', { class: `swatch state-${key}` }, s.label), ` ${s.legend}`)));
}

function grid(models, rows, cells, state) {
  const classes = Object.keys(CLASSES);
  const table = h('table', { class: 'matrix', id: 'matrix' },
    h('caption', {}, 'Who may use which model: one row per organisation, one column per model and person class. Arrow keys move between cells; Enter explains one.'),
    h('thead', {},
      h('tr', {}, h('td', { class: 'corner' }), models.map(m => h('th', { scope: 'colgroup', colspan: classes.length }, m.name, h('span', { class: 'id' }, m.modelId)))),
      h('tr', {}, h('th', { scope: 'col' }, 'Organisation'), models.map(() => classes.map(c => h('th', { scope: 'col', class: 'class' }, CLASSES[c]))))),
    h('tbody', {}, rows.map(o => h('tr', {},
      h('th', { scope: 'row', class: 'org' },
        h('span', { class: 'name' }, o.name),
        h('span', { class: 'id' }, o.organizationId),
        o.sectors.length ? h('span', { class: 'sectors' }, o.sectors.join(', ').replace(/-/g, ' ')) : null),
      models.map(m => classes.map(c => cellElement(cells.get(`${m.modelId}|${o.organizationId}|${c}`), m, o, c, state)))))));
  table.addEventListener('keydown', moveFocus);
  const first = table.querySelector('button.cell');
  if (first) first.tabIndex = 0;
  return h('div', { class: 'matrix-wrap' }, table);
}

function cellElement(cell, model, org, personClass, state) {
  if (!cell) return h('td', { class: 'filtered' }, h('span', { class: 'visually-hidden' }, 'not shown by the access filter'));
  const key = cellState(cell);
  const label = STATES[key].label;
  const button = h('button', {
    type: 'button',
    class: 'cell',
    tabindex: -1,
    'aria-haspopup': 'dialog',
    'aria-label': `${model.name}, ${org.name}, ${CLASSES[personClass]}: ${label}`,
    onclick: () => explain(cell, model, org, state),
  }, label);
  return h('td', {
    class: `state-${key}`,
    'data-model': cell.modelId,
    'data-org': cell.organizationId,
    'data-class': cell.personClass,
    'data-access': cell.access,
    'data-state': key,
  }, button);
}

/** Arrow keys, Home and End move through the matrix; one cell at a time is in the tab order. */
function moveFocus(event) {
  const from = event.target.closest('td');
  if (!from || !event.target.matches('button.cell')) return;
  const row = from.parentElement;
  const rows = [...row.parentElement.children];
  let column = [...row.children].indexOf(from);
  let index = rows.indexOf(row);
  switch (event.key) {
    case 'ArrowRight': column += 1; break;
    case 'ArrowLeft': column -= 1; break;
    case 'ArrowDown': index += 1; break;
    case 'ArrowUp': index -= 1; break;
    case 'Home': column = 1; break;
    case 'End': column = row.children.length - 1; break;
    default: return;
  }
  event.preventDefault();
  const target = rows[index]?.children[column]?.querySelector('button.cell');
  if (!target) return;
  event.target.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

function explanationDialog() {
  return h('dialog', { id: 'explanation', 'aria-labelledby': 'explanation-title', role: 'dialog', 'aria-modal': 'true' });
}

function explain(cell, model, org, state) {
  const dialog = document.getElementById('explanation');
  const key = cellState(cell);
  const opener = document.activeElement;
  const timeline = eventId => `/?${new URLSearchParams(Object.entries({
    view: 'timeline', model: model.modelId, org: org.organizationId === '*' ? '' : org.organizationId,
    asOf: state.asOf, knownAt: state.knownAt, position: state.position, event: eventId,
  }).filter(([, v]) => v))}`;
  fill(dialog,
    h('h2', { id: 'explanation-title' }, `${model.name} for ${org.name}, ${CLASSES[cell.personClass].toLowerCase()}`),
    h('p', { class: `verdict state-${key}` }, STATES[key].label,
      cell.since ? ` since ${utc(cell.since)}` : ' (always so, as far as the ledger knows)'),
    h('dl', { class: 'states' },
      h('dt', {}, 'Law'), h('dd', {}, cell.legal),
      h('dt', {}, 'Provider'), h('dd', {}, cell.provider),
      h('dt', {}, 'Access'), h('dd', {}, cell.access)),
    h('h3', {}, 'Why'),
    h('ul', { class: 'sentences' }, sentences(cell.explanation).map(s => h('li', {}, s))),
    h('h3', {}, 'The facts it rests on'),
    cell.basis.length
      ? h('ul', { class: 'basis' }, cell.basis.map(b => h('li', {},
        h('a', { href: timeline(b.eventId) }, b.eventId), ` ${kind(b.type)}, position ${b.position}`)))
      : h('p', {}, 'No recorded fact: nothing has restricted this cell.'),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', autofocus: true }, 'Close')));
  dialog.addEventListener('close', () => opener?.focus?.(), { once: true });
  dialog.addEventListener('click', event => { if (event.target.closest('a')) dialog.close(); });
  dialog.showModal();
}

/** The explanation as the sentences a person reads, one per line. */
function sentences(explanation) {
  return String(explanation ?? '').split(/(?<=[.;])\s+/).map(s => s.replace(/;$/, '')).filter(Boolean);
}
