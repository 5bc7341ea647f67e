// The API as the console calls it: same origin, the reader's bearer token on every request.
import { token } from './auth.js';

/** A refusal of the API (an RFC 9457 problem), carrying the words to show. */
export class Refusal extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `the service answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(path, accept) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token()}`, Accept: accept } });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    const refusal = new Refusal(response.status, problem);
    if (response.status === 401) document.dispatchEvent(new CustomEvent('ledger:unauthorized', { detail: refusal }));
    throw refusal;
  }
  return response;
}

export async function json(path) {
  return (await call(path, 'application/json')).json();
}

export async function plain(path) {
  return (await call(path, 'text/plain')).text();
}

/** A report or bundle fetched with the token (a plain link would not carry it), saved as a file by the browser. */
export async function download(path, fallbackName) {
  const response = await call(path, '*/*');
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = named ? decodeURIComponent(named[1]) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

/** A query string from the entries that have a value. */
export function query(values) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Every page of a lookup (`next` is the cursor of the following page). */
export async function all(path, values, member) {
  const items = [];
  let after;
  do {
    const page = await json(path + query({ ...values, after, limit: 1000 }));
    items.push(...page[member]);
    after = page.next;
  } while (after);
  return items;
}
