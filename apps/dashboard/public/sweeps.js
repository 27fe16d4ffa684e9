// The sweep list: every recent sweep with live progress, refreshed every two seconds.

import { badge, cell, getJson, link, progressBar } from './common.js';

async function refresh() {
  const { sweeps } = await getJson('/api/sweeps');
  const body = document.querySelector('#sweeps tbody');
  body.replaceChildren();
  for (const s of sweeps) {
    const row = document.createElement('tr');
    cell(row, link(`/sweeps/${s.sweepId}`, s.name), 'text');
    cell(row, badge(s.status), 'text');
    cell(row, progressBar(s), 'text');
    cell(row, s.succeeded.toLocaleString('en-US'));
    cell(row, s.failed.toLocaleString('en-US'));
    cell(row, s.total.toLocaleString('en-US'));
    cell(row, new Date(s.createdAt).toLocaleString(), 'text');
    cell(row, s.sweepId.slice(0, 8), 'text muted');
    body.append(row);
  }
  document.getElementById('empty').hidden = sweeps.length > 0;
}

refresh();
setInterval(() => refresh().catch(() => undefined), 2000);
