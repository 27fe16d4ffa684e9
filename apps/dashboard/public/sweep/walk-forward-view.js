// A validated sweep's walk-forward, group by group: what each fold chose in sample and how it did out of sample,
// and the stitched out-of-sample equity against the chosen sets' in-sample equity. It comes from /walk-forward,
// which replays the curves on the server, so it is fetched only for a sweep with a validation block and never twice
// at once.

import { cell, getJson, number, option, params, percent, stat } from '../common.js';

const STAT_DIGITS = 3;

const day = (iso) => Date.parse(`${iso}T00:00:00Z`);

// Each fold's chosen set in sample, scaled to end where the stitched out-of-sample line picks that fold up, so the
// chart reads as "what the selection saw, then what it got". Rolling folds overlap in sample, so each leg is drawn
// on its own ('-' breaks the line) rather than chained through time.
function inSampleLegs(folds, stitched) {
  const points = [];
  for (const fold of folds) {
    const curve = fold.inSampleEquity;
    const from = day(fold.outOfSample.start);
    const level = stitched?.equity.find((p) => p.time >= from)?.equity;
    if (!curve?.length || level === undefined) continue;
    const last = curve[curve.length - 1].equity;
    for (const p of curve) points.push([p.time, (level * p.equity) / last]);
    points.push([curve[curve.length - 1].time, '-']);
  }
  return points;
}

function foldHeader(select) {
  const head = document.createElement('tr');
  const names = ['Fold', 'In sample', 'Out of sample', 'Chosen params', `In-sample ${select}`, 'OOS return'];
  for (const text of [...names, 'OOS Sharpe', 'OOS run']) {
    const th = document.createElement('th');
    th.textContent = text;
    if (['In sample', 'Out of sample', 'Chosen params', 'OOS run'].includes(text)) th.className = 'text';
    head.append(th);
  }
  return head;
}

function foldRow(fold) {
  const tr = document.createElement('tr');
  const oos = fold.outOfSampleRun;
  const metrics = oos.result?.metrics;
  cell(tr, String(fold.fold));
  cell(tr, `${fold.inSample.start} – ${fold.inSample.end}`, 'text');
  cell(tr, `${fold.outOfSample.start} – ${fold.outOfSample.end}`, 'text');
  cell(tr, fold.params ? params({ ...fold.settings, ...fold.params }) : 'none eligible', 'text');
  cell(tr, number(fold.inSampleValue, STAT_DIGITS));
  cell(tr, metrics ? percent(metrics.totalReturn) : '–');
  cell(tr, metrics ? number(metrics.sharpe, STAT_DIGITS) : '–');
  const status = cell(tr, `${oos.runIndex} ${oos.status}`, 'text');
  if (oos.error) status.title = oos.error;
  return tr;
}

export function createWalkForwardView({ api, overview }) {
  const slot = document.getElementById('walk-forward');
  const picker = document.getElementById('wf-group');
  const chart = echarts.init(document.getElementById('wf-equity'));
  window.addEventListener('resize', () => chart.resize());
  let report = null;
  let inFlight = null;

  function renderGroup(group) {
    const s = group.stitched;
    document
      .getElementById('wf-stats')
      .replaceChildren(
        stat('Folds', `${s?.folds.length ?? 0} / ${group.folds.length}`, 'folds whose out-of-sample run succeeded'),
        stat('Stitched OOS return', s ? percent(s.totalReturn) : '–'),
        stat('Annualized', s ? percent(s.annualizedReturn) : '–'),
        stat('Max drawdown', s ? percent(s.maxDrawdown) : '–'),
        stat('Per-bar Sharpe', s ? number(s.perBarSharpe, STAT_DIGITS) : '–', 'mean / sample std, not annualized'),
        stat('WF efficiency', number(group.efficiency, STAT_DIGITS), 'annualized OOS ÷ annualized in-sample return'),
        stat('Param changes', String(group.parameterChanges), 'times the chosen set changes between folds'),
      );
    const table = document.getElementById('wf-folds');
    table.querySelector('thead').replaceChildren(foldHeader(report.select));
    table.querySelector('tbody').replaceChildren(...group.folds.map(foldRow));
    const inSample = inSampleLegs(group.folds, s);
    chart.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { data: ['out of sample (stitched)', 'in sample (chosen sets)'], top: 0, right: 20 },
        grid: { left: 70, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', scale: true, name: 'equity' },
        series: [
          {
            name: 'out of sample (stitched)',
            type: 'line',
            showSymbol: false,
            data: (s?.equity ?? []).map((p) => [p.time, p.equity]),
            lineStyle: { width: 1.5, color: '#2f6fde' },
            markArea: {
              silent: true,
              itemStyle: { color: 'rgba(47, 111, 222, 0.06)' },
              data: group.folds.map((f) => [{ xAxis: day(f.outOfSample.start) }, { xAxis: day(f.outOfSample.end) }]),
            },
          },
          {
            name: 'in sample (chosen sets)',
            type: 'line',
            showSymbol: false,
            data: inSample,
            lineStyle: { width: 1, color: '#888', type: 'dashed' },
          },
        ],
      },
      true,
    );
    const pending = group.folds.filter((f) => f.outOfSampleRun.status === 'pending').length;
    document.getElementById('wf-note').textContent = [
      `Each fold's out-of-sample equity, replayed by the engine, compounded onto the previous fold's (shaded: the out-of-sample windows); dashed: each fold's chosen set in sample, scaled to end where its out-of-sample leg starts. Chosen by ${report.select}, at least ${report.minTrades} closed trades.`,
      pending ? `${pending} fold(s) still running.` : '',
      s && !s.everyBar ? 'A fold had over 1000 bars, so its curve is sampled and the per-bar Sharpe skips bars.' : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  async function fetchReport() {
    report = await getJson(`${api}/walk-forward`);
    slot.hidden = report.groups.length === 0;
    if (slot.hidden) return;
    const chosen = picker.value;
    picker.replaceChildren();
    report.groups.forEach((g, i) => {
      option(picker, String(i), `${g.strategy} · ${g.symbol}`);
    });
    picker.value = chosen && Number(chosen) < report.groups.length ? chosen : '0';
    // The slot was hidden when the chart was created, so it has no size until now.
    chart.resize();
    renderGroup(report.groups[Number(picker.value)]);
  }

  async function load() {
    if (!overview.spec.validation) return;
    // A failure here says why in the slot and leaves the rest of the page working.
    inFlight ??= fetchReport()
      .catch((error) => {
        slot.hidden = false;
        document.getElementById('wf-note').textContent = `The walk-forward cannot be shown: ${error.message}`;
      })
      .finally(() => {
        inFlight = null;
      });
    await inFlight;
  }

  picker.addEventListener('change', () => renderGroup(report.groups[Number(picker.value)]));
  return { load };
}
