// A portfolio run's weights per symbol over time (stacked, from the replay) and its per-symbol contribution table.

import { cell, number, percent } from '../common.js';

export function createPortfolioView() {
  const section = document.getElementById('portfolio');
  const chart = echarts.init(document.getElementById('weights'));
  window.addEventListener('resize', () => chart.resize());

  function show(replay) {
    const portfolio = replay?.portfolio;
    section.hidden = portfolio === undefined;
    if (!portfolio) return;
    chart.resize();
    const { run } = replay;
    document.getElementById('portfolio-title').textContent = `run ${run.runIndex} on universe ${run.universe}`;
    chart.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis', valueFormatter: (v) => `${(v * 100).toFixed(1)}%` },
        legend: { top: 0 },
        grid: { left: 70, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => `${(v * 100).toFixed(0)}%` } },
        series: portfolio.symbols.map((symbol, s) => ({
          name: symbol,
          type: 'line',
          stack: 'weights',
          showSymbol: false,
          areaStyle: {},
          data: portfolio.weightCurve.map((p) => [p.time, p.weights[s]]),
        })),
      },
      true,
    );
    const table = document.getElementById('contribution');
    table.replaceChildren();
    const head = table.insertRow();
    for (const title of ['symbol', 'P&L', 'commission', 'fills', 'closed trades', 'exposure', 'final units']) {
      cell(head, title);
    }
    for (const s of run.symbolSummary ?? []) {
      const row = table.insertRow();
      cell(row, s.symbol);
      cell(row, number(Number(s.pnl), 2), 'num');
      cell(row, number(Number(s.commission), 2), 'num');
      cell(row, String(s.fills), 'num');
      cell(row, String(s.closedTrades), 'num');
      cell(row, percent(s.exposure), 'num');
      cell(row, s.finalUnits, 'num');
    }
  }

  return { show };
}
