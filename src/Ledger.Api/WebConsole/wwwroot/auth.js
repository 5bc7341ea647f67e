// Sign-in. The bearer token lives in sessionStorage: this tab only, gone when it closes. Without an identity
// provider a person pastes a token (or follows /#token=<jwt>, which signs in and leaves the address bar); with one,
// the authorization code flow with PKCE (RFC 7636, S256) against the provider's discovery document.

const TOKEN = 'ledger.token';
const PENDING = 'ledger.sign-in';

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
}

export function keep(jwt) {
  sessionStorage.setItem(TOKEN, jwt.trim());
}

/** What the token says about its bearer, for display only: the service checks the token on every call. */
export function claims(jwt = token()) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    const body = JSON.parse(json);
    const roles = Array.isArray(body.roles) ? body.roles : body.roles ? [body.roles] : [];
    return { subject: body.sub ?? '?', roles, org: body.org ?? null, expires: body.exp ? new Date(body.exp * 1000) : null };
  } catch {
    return null;
  }
}

/** `/#token=<jwt>`: keep it and take it out of the address bar (and the history), before anything else runs. */
export function takeTokenFromAddress() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const jwt = hash.get('token');
  if (!jwt) return false;
  keep(jwt);
  history.replaceState(history.state, '', location.pathname + location.search);
  return true;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discovery(authority) {
  const response = await fetch(`${authority}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the identity provider's discovery document answered ${response.status}`);
  return response.json();
}

/** Where the browser goes to sign in; the verifier and state wait in sessionStorage for the way back. */
export async function authorizationUrl(settings, returnTo = location.pathname + location.search) {
  const provider = await discovery(settings.authority);
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo, tokenEndpoint: provider.token_endpoint }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: `${location.origin}/`,
    scope: settings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** Back from the provider with `?code=&state=`: redeem the code for an access token, and clean the address. */
export async function completeAuthorization() {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  const returnTo = pending?.returnTo ?? '/';
  history.replaceState(null, '', returnTo);
  if (query.has('error')) throw new Error(`the identity provider refused the sign-in: ${query.get('error_description') ?? query.get('error')}`);
  if (!pending || query.get('state') !== pending.state) throw new Error('the sign-in came back with a state this tab did not send; sign in again');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: `${location.origin}/`,
      client_id: (await settings()).clientId,
      code_verifier: pending.verifier,
    }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) throw new Error(`the identity provider did not issue a token (${answer.error ?? response.status})`);
  keep(answer.access_token);
  return true;
}

let loaded;

/** The service's sign-in settings: `{method: 'token'}` or `{method: 'authorization-code', authority, clientId, scope}`. */
export function settings() {
  loaded ??= fetch('/console/settings.json').then(r => r.json());
  return loaded;
}
