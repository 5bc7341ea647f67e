// "Take it away": the current view as a report in the formats of product.md section 12, and a link to it.
import { download } from './api.js';
import { announce, h } from './dom.js';

/**
 * A panel for `reports`: [{format, label, path, name}]. The download fetches with the bearer token and saves the
 * answer; the link is the console's address for this view, without any token.
 */
export function takeaway(reports, title = 'Take it away') {
  const choice = h('select', { id: 'report-format', name: 'format' },
    reports.map(r => h('option', { value: r.format }, r.label)));
  const message = h('p', { class: 'takeaway-message', role: 'status' });
  const link = h('input', { id: 'view-link', type: 'text', readonly: true, value: location.href, 'aria-label': 'Link to this view' });
  return h('section', { class: 'takeaway', 'aria-labelledby': 'takeaway-title' },
    h('h2', { id: 'takeaway-title' }, title),
    h('div', { class: 'row' },
      h('label', { for: 'report-format' }, 'Format'),
      choice,
      h('button', {
        type: 'button',
        id: 'download-report',
        onclick: async () => {
          const report = reports.find(r => r.format === choice.value);
          message.textContent = `Preparing the ${report.label}…`;
          try {
            const name = await download(report.path, report.name);
            message.textContent = `Saved ${name}.`;
          } catch (error) {
            message.textContent = error.status === 404
              ? 'This service offers no such report.'
              : `The report could not be made: ${error.message}`;
          }
        },
      }, 'Download report')),
    h('div', { class: 'row' },
      link,
      h('button', {
        type: 'button',
        class: 'quiet',
        onclick: async () => {
          link.select();
          try {
            await navigator.clipboard.writeText(link.value);
            announce('Link copied.');
          } catch {
            announce('Select the link and copy it.');
          }
        },
      }, 'Copy link')),
    message);
}
