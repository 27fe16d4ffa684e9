// The sweep's header: name, status, progress, throughput, ETA and what was swept.

import { badge, duration, number, progressBar } from '../common.js';

export function renderOverview(o) {
  const p = o.progress;
  document.getElementById('sweep-name').textContent = p.name;
  document.title = `${p.name} · Backtest Fleet`;
  document.getElementById('sweep-status').replaceChildren(badge(p.status));
  document.getElementById('sweep-progress').replaceChildren(progressBar(p));
  const stored = p.succeeded + p.failed;
  const stats = [
    ['Succeeded', p.succeeded.toLocaleString('en-US')],
    ['Failed', p.failed.toLocaleString('en-US')],
    ['Planned', p.total.toLocaleString('en-US')],
    ['Stored', `${((100 * stored) / Math.max(p.total, 1)).toFixed(1)} %`],
    ['Runs/s (last minute)', number(o.throughput.recentRunsPerSecond, 1)],
    ['Runs/s (overall)', number(o.throughput.overallRunsPerSecond, 1)],
    ['ETA', p.finishedAt ? 'finished' : duration(o.etaSeconds)],
  ];
  document.getElementById('sweep-stats').replaceChildren(
    ...stats.map(([label, value]) => {
      const div = document.createElement('div');
      div.className = 'stat';
      div.innerHTML = '<div class="value"></div><div class="label"></div>';
      div.firstChild.textContent = value;
      div.lastChild.textContent = label;
      return div;
    }),
  );
  const s = o.spec;
  document.getElementById('sweep-spec').textContent =
    `${s.strategies.map((x) => x.name).join(', ')} on ${s.symbols.join(', ')} · ${s.interval} bars ${s.start} → ${s.end}` +
    ` · cash ${s.cash}, size ${s.size}, commission ${s.commission}, slippage ${s.slippageBps} bps · id ${p.sweepId}`;
}
