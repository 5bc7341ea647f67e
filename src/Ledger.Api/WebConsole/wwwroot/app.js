// The console: sign-in, then one of three views. A view's whole state is the address's query, so a link or a
// reload shows the same picture: view, asOf, knownAt or position, model, org, sector, q, access, event.
import { authorizationUrl, claims, completeAuthorization, keep, settings, signOut, takeTokenFromAddress, token } from './auth.js';
import { fill, h } from './dom.js';
import { renderMatrix } from './matrix.js';
import { renderTimeline } from './timeline.js';
import { renderIntegrity } from './integrity.js';

const VIEWS = { matrix: renderMatrix, timeline: renderTimeline, integrity: renderIntegrity };
const main = document.getElementById('main');

export function state() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

/** Moves to a new state: `changes` merged into the current one (null or '' removes a key). */
export async function go(changes, { keepFocus = null } = {}) {
  const next = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  const url = `/${next.toString() ? `?${next}` : ''}`;
  history.pushState(null, '', url);
  await render();
  // A control that moved the view keeps the keyboard's place in the new one.
  if (keepFocus) document.querySelector(keepFocus)?.focus();
}

async function render() {
  if (!token()) return renderSignIn();
  const current = state();
  const view = VIEWS[current.view] ? current.view : 'matrix';
  renderHeader(view);
  main.replaceChildren();
  await VIEWS[view](main, current);
}

function renderHeader(view) {
  const nav = document.getElementById('views');
  nav.hidden = false;
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const who = claims();
  fill(document.getElementById('who'),
    h('span', {}, 'Signed in as ', h('strong', {}, who?.subject ?? 'unknown'),
      who?.roles.length ? ` (${who.roles.join(', ')}${who.org ? `, ${who.org}` : ''})` : ' (no role)'),
    h('button', { type: 'button', class: 'quiet', onclick: () => { signOut(); render(); } }, 'Sign out'));
}

async function renderSignIn(problem) {
  document.getElementById('views').hidden = true;
  fill(document.getElementById('who'));
  const how = await settings();
  const error = problem ? h('p', { class: 'problem', role: 'alert' }, problem) : null;
  if (how.method === 'authorization-code') {
    fill(main, h('section', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
      h('h1', { id: 'sign-in-title' }, 'Sign in'),
      error,
      h('p', {}, 'Sign in with your organisation\'s identity provider. What you see follows the roles and clearance of your account.'),
      h('button', { type: 'button', onclick: async () => location.assign(await authorizationUrl(how)) }, 'Sign in with the identity provider')));
    return;
  }
  const field = h('textarea', { id: 'bearer', name: 'bearer', rows: 4, spellcheck: 'false', autocomplete: 'off', required: true });
  fill(main, h('section', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    error,
    h('p', {}, 'Paste a bearer token issued for this ledger. It is kept in this browser tab only and sent to this service alone. ',
      'What you see follows the token\'s roles and clearance.'),
    h('form', {
      onsubmit: event => {
        event.preventDefault();
        keep(field.value);
        if (!claims()) { signOut(); renderSignIn('That is not a bearer token (a JWT of three dot-separated parts).'); return; }
        render();
      },
    },
    h('label', { for: 'bearer' }, 'Bearer token'),
    field,
    h('button', { type: 'submit' }, 'Sign in'))));
  field.focus();
}

document.addEventListener('ledger:unauthorized', event => {
  signOut();
  renderSignIn(`The service refused the token: ${event.detail.message}. Sign in again.`);
});

// Links inside the console move within it without reloading.
document.addEventListener('click', event => {
  const link = event.target.closest('a[href^="/?"]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  history.pushState(null, '', link.getAttribute('href'));
  render();
});
window.addEventListener('popstate', () => render());

async function boot() {
  takeTokenFromAddress();
  try {
    await completeAuthorization();
  } catch (error) {
    return renderSignIn(error.message);
  }
  return render();
}

boot();
