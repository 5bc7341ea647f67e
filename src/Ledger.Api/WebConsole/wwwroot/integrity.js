// Integrity: the latest signed checkpoint, the key it verifies with, and the ledger's own verification in words.
import { json, plain } from './api.js';
import { fill, h } from './dom.js';
import { takeaway } from './takeaway.js';

export async function renderIntegrity(main) {
  const [checkpoint, key] = await Promise.allSettled([plain('/api/ledger/checkpoint'), plain('/api/ledger/key')]);
  const result = h('div', { id: 'verification', class: 'verification', role: 'status', 'aria-live': 'polite' },
    'Not run in this session yet.');
  const button = h('button', { type: 'button', id: 'verify', onclick: () => verify(button, result) }, 'Verify');
  fill(main,
    h('h1', {}, 'Integrity'),
    h('p', {}, 'Every fact is a leaf of an append-only Merkle log. The ledger signs checkpoints of it; anyone holding a checkpoint and the key can prove later that nothing recorded before it was changed.'),
    h('section', { 'aria-labelledby': 'checkpoint-title' },
      h('h2', { id: 'checkpoint-title' }, 'Latest signed checkpoint'),
      checkpoint.status === 'fulfilled' ? describeCheckpoint(checkpoint.value) : cannot(checkpoint.reason)),
    h('section', { 'aria-labelledby': 'key-title' },
      h('h2', { id: 'key-title' }, 'Verifier key'),
      key.status === 'fulfilled'
        ? [h('p', {}, 'Keep it beside a saved checkpoint: the checkpoint\'s signature verifies with it.'), h('pre', { class: 'note', id: 'verifier-key' }, key.value.trim())]
        : cannot(key.reason)),
    h('section', { 'aria-labelledby': 'verify-title' },
      h('h2', { id: 'verify-title' }, 'Verify the ledger'),
      h('p', {}, 'Recomputes every event\'s leaf from what is stored, the tree from the leaves, and checks every signed checkpoint against it. It can take a while on a long ledger.'),
      button,
      result),
    h('section', { 'aria-labelledby': 'scheduled-title' },
      h('h2', { id: 'scheduled-title' }, 'Scheduled verification'),
      h('p', { id: 'scheduled' }, 'This service reports no scheduled verification: run it here, or keep checkpoints and verify an export bundle offline with ledger-verify.')),
    takeaway([{ format: 'bundle', label: 'Export bundle (NDJSON, verifiable offline)', path: '/api/ledger/export', name: 'ledger-bundle.ndjson' }]));
}

function describeCheckpoint(note) {
  // A C2SP signed note: origin, tree size, root hash, blank line, signatures.
  const [origin, size, root] = note.split('\n');
  return [
    h('dl', { class: 'states' },
      h('dt', {}, 'Log'), h('dd', {}, origin),
      h('dt', {}, 'Tree size'), h('dd', { id: 'tree-size' }, `${Number(size).toLocaleString('en')} events`),
      h('dt', {}, 'Root hash'), h('dd', {}, h('code', { class: 'hash' }, root))),
    h('details', {}, h('summary', {}, 'The signed note as issued'), h('pre', { class: 'note', id: 'checkpoint-note' }, note.trim())),
  ];
}

function cannot(error) {
  return h('p', { class: 'problem' }, error.status === 403
    ? 'Your token\'s roles do not show this: it is for auditors and regulators.'
    : `Not available: ${error.message}`);
}

async function verify(button, result) {
  button.disabled = true;
  fill(result, 'Verifying…');
  try {
    const report = await json('/api/ledger/verify');
    result.dataset.ok = String(report.ok);
    fill(result, report.ok
      ? h('p', { class: 'good' }, `Verified: all ${report.checked.toLocaleString('en')} events checked against a tree of ${report.treeSize.toLocaleString('en')} leaves. Nothing was changed.`)
      : [
        h('p', { class: 'bad' }, `Verification failed at position ${report.firstBadPosition}: ${report.problem}`),
        h('p', {}, `${report.checked.toLocaleString('en')} events checked; ${report.badCount} positions are bad`,
          report.badPositions?.length ? ` (${report.badPositions.join(', ')}${report.badCount > report.badPositions.length ? ', …' : ''}).` : '.'),
      ]);
  } catch (error) {
    delete result.dataset.ok;
    fill(result, h('p', { class: 'problem' }, error.status === 403
      ? 'Your token\'s roles cannot run verification: it is for auditors.'
      : `Verification could not run: ${error.message}`));
  } finally {
    button.disabled = false;
  }
}
