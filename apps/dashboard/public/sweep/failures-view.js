// The sweep's failed runs: reasons with counts and an example, then the first failed runs with links to their jobs.

import { cell, getJson, link } from '../common.js';

export function createFailuresView({ api }) {
  async function load() {
    const failures = await getJson(`${api}/failures?limit=100`);
    const reasons = document.querySelector('#failure-reasons tbody');
    reasons.replaceChildren();
    for (const r of failures.reasons) {
      const row = document.createElement('tr');
      cell(row, r.name, 'text');
      cell(row, r.code, 'text');
      cell(row, r.runs.toLocaleString('en-US'));
      cell(row, r.message, 'text');
      reasons.append(row);
    }
    const runs = document.querySelector('#failures tbody');
    runs.replaceChildren();
    for (const run of failures.runs) {
      const row = document.createElement('tr');
      cell(row, run.runIndex);
      cell(row, run.strategyFile ? `${run.strategy} (${run.strategyFile})` : run.strategy, 'text');
      cell(row, run.symbol, 'text');
      cell(row, JSON.stringify(run.params), 'text');
      cell(row, `${run.error.code}: ${run.error.message}`, 'text');
      const jobLink = link(run.jobUrl, `job ${run.jobId.split('.').pop()}`);
      jobLink.title = `job ${run.jobId} in Bull Board`;
      cell(row, jobLink, 'text');
      runs.append(row);
    }
    document.getElementById('failures-note').textContent =
      failures.total === 0
        ? 'No failed runs.'
        : `${failures.total.toLocaleString('en-US')} failed runs; the first ${failures.runs.length} are listed.`;
  }

  return { load };
}
