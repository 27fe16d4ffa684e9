// How far each group's best row can be trusted: N, PSR(0), DSR, PBO with its λ histogram, a warning when the best
// sits on the edge of a swept range, its stability among grid neighbours, and how consistently each parameter set
// does across symbols. Everything comes from /validation, computed from stored numbers on the server.

import { cell, getJson, number, option, params, stat } from '../common.js';

const STAT_DIGITS = 3;

export function createValidationView({ api, onSelect }) {
  const chart = echarts.init(document.getElementById('lambda-histogram'));
  window.addEventListener('resize', () => chart.resize());
  const picker = document.getElementById('validation-group');
  let validation = null;

  function renderGroup(group) {
    const { select } = validation.selection;
    const best = group.best;
    const near = group.neighbourhood;
    document
      .getElementById('validation-stats')
      .replaceChildren(
        stat('Trials (N)', group.trials.toLocaleString('en-US')),
        stat('Best run', best ? String(best.runIndex) : '–', best ? params({ ...best.settings, ...best.params }) : ''),
        stat(`Best ${select}`, best ? number(best.value, STAT_DIGITS) : '–'),
        stat('PSR(0)', number(group.psr, STAT_DIGITS), 'probability the best’s true per-bar Sharpe is above 0'),
        stat('DSR', number(group.dsr, STAT_DIGITS), `PSR deflated for ${group.trials} trials`),
        stat('PBO', number(group.pbo, STAT_DIGITS), 'probability of backtest overfitting (CSCV, 16 blocks)'),
        stat('Median λ', number(group.medianLogit, STAT_DIGITS)),
        stat(
          'Stability',
          near?.stability === null || near?.stability === undefined ? '–' : number(near.stability, STAT_DIGITS),
          `mean ${select} of the best’s ${near?.neighbours ?? 0} neighbours one grid step away`,
        ),
      );
    const warning = document.getElementById('validation-warning');
    const edges = near?.onEdge ?? [];
    warning.hidden = edges.length === 0;
    warning.textContent = edges
      .map((e) => `The best ${e.name} = ${e.value} is the ${e.side} end of its swept range: widen the range.`)
      .join(' ');
    if (best) {
      const link = document.getElementById('validation-best');
      link.hidden = false;
      link.onclick = () => onSelect(best.runIndex);
    }
    const histogram = group.logitHistogram;
    chart.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
        grid: { left: 50, right: 10, top: 20, bottom: 40 },
        xAxis: {
          type: 'category',
          name: 'λ',
          data: histogram ? histogram.counts.map((_, i) => number(histogram.edges[i], 1)) : [],
        },
        yAxis: { type: 'value', name: 'splits' },
        series: [
          {
            name: 'splits',
            type: 'bar',
            data: histogram
              ? histogram.counts.map((count, i) => ({
                  value: count,
                  itemStyle: { color: histogram.edges[i + 1] <= 0 ? '#d64545' : '#2f6fde' },
                }))
              : [],
          },
        ],
      },
      true,
    );
    document.getElementById('lambda-note').textContent = histogram
      ? `λ of the in-sample best over the ${histogram.counts.reduce((a, b) => a + b, 0).toLocaleString('en-US')} CSCV splits; red bins are λ ≤ 0 (the best was no better than the median out of sample).`
      : 'PBO needs at least 2 trials with stored block statistics.';
    renderConsistency(group.strategy);
  }

  function renderConsistency(strategy) {
    const matrix = validation.consistency.find((m) => m.strategy === strategy);
    const table = document.getElementById('consistency');
    const head = document.createElement('tr');
    for (const text of ['Parameter set', ...(matrix?.symbols ?? []), 'Mean pct.']) {
      const th = document.createElement('th');
      th.textContent = text;
      if (text === 'Parameter set') th.className = 'text';
      head.append(th);
    }
    table.querySelector('thead').replaceChildren(head);
    const body = table.querySelector('tbody');
    body.replaceChildren();
    for (const row of matrix?.rows.slice(0, 10) ?? []) {
      const tr = document.createElement('tr');
      cell(tr, row.label, 'text');
      row.values.forEach((value, i) => {
        const td = cell(tr, number(value, 2));
        const p = row.percentiles[i];
        if (p !== null) td.style.background = `rgba(47, 111, 222, ${(0.08 + 0.5 * p).toFixed(2)})`;
        td.title = p === null ? 'not run' : `percentile ${(100 * p).toFixed(0)} on this symbol`;
      });
      cell(tr, `${(100 * row.meanPercentile).toFixed(0)} %`);
      body.append(tr);
    }
    document.getElementById('consistency-note').textContent = matrix
      ? `${validation.selection.select} of the ${Math.min(10, matrix.rows.length)} most consistent of ${matrix.parameterSets} parameter sets of ${strategy}, shaded by percentile on each symbol.`
      : '';
  }

  async function load() {
    validation = await getJson(`${api}/validation`);
    const chosen = picker.value;
    picker.replaceChildren();
    validation.groups.forEach((g, i) => {
      option(picker, String(i), `${g.strategy} · ${g.symbol}${g.fold === null ? '' : ` · fold ${g.fold} ${g.window}`}`);
    });
    if (validation.groups.length === 0) {
      document.getElementById('lambda-note').textContent = 'No succeeded runs yet.';
      return;
    }
    picker.value = chosen && Number(chosen) < validation.groups.length ? chosen : '0';
    renderGroup(validation.groups[Number(picker.value)]);
  }

  picker.addEventListener('change', () => renderGroup(validation.groups[Number(picker.value)]));
  return { load };
}
