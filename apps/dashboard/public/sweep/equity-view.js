// The selected run's equity against buy-and-hold of its symbol, and its drawdown, recomputed by the engine from the
// stored bars and settings.

import { getJson } from '../common.js';

export function createEquityView({ api }) {
  const chart = echarts.init(document.getElementById('equity'));
  window.addEventListener('resize', () => chart.resize());

  async function show(runIndex) {
    const note = document.getElementById('equity-note');
    note.textContent = `Replaying run ${runIndex}…`;
    try {
      const replay = await getJson(`${api}/runs/${runIndex}/equity`);
      const r = replay.run;
      const params = Object.entries(r.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      document.getElementById('equity-title').textContent =
        `run ${runIndex}: ${r.strategy}(${params})${r.strategyFile ? ` from ${r.strategyFile}` : ''} on ${r.symbol}`;
      note.textContent = replay.reproduced
        ? `Recomputed by the engine from the stored bars and settings: final equity ${replay.finalEquity}, identical to the stored result.`
        : `Recomputed final equity ${replay.finalEquity} differs from the stored ${r.finalEquity}: the bars or the engine changed since.`;
      const curve = replay.equityCurve;
      chart.setOption(
        {
          animation: false,
          tooltip: { trigger: 'axis' },
          legend: { data: ['equity', 'buy and hold'], top: 0, right: 20 },
          axisPointer: { link: [{ xAxisIndex: 'all' }] },
          grid: [
            { left: 70, right: 20, top: 20, height: '55%' },
            { left: 70, right: 20, top: '72%', bottom: 30 },
          ],
          xAxis: [
            { type: 'time', gridIndex: 0, axisLabel: { show: false } },
            { type: 'time', gridIndex: 1 },
          ],
          yAxis: [
            { type: 'value', gridIndex: 0, scale: true, name: 'equity' },
            {
              type: 'value',
              gridIndex: 1,
              name: 'drawdown',
              axisLabel: { formatter: (v) => `${(v * 100).toFixed(1)}%` },
            },
          ],
          series: [
            {
              name: 'equity',
              type: 'line',
              showSymbol: false,
              xAxisIndex: 0,
              yAxisIndex: 0,
              data: curve.map((p) => [p.time, p.equity]),
              lineStyle: { width: 1.5, color: '#2f6fde' },
            },
            {
              name: 'buy and hold',
              type: 'line',
              showSymbol: false,
              xAxisIndex: 0,
              yAxisIndex: 0,
              data: replay.buyAndHold.map((p) => [p.time, p.equity]),
              lineStyle: { width: 1, color: '#888', type: 'dashed' },
            },
            {
              name: 'drawdown',
              type: 'line',
              showSymbol: false,
              xAxisIndex: 1,
              yAxisIndex: 1,
              data: curve.map((p) => [p.time, -p.drawdown]),
              lineStyle: { width: 1, color: '#d64545' },
              areaStyle: { color: 'rgba(214, 69, 69, 0.25)' },
            },
          ],
        },
        true,
      );
      return replay;
    } catch (error) {
      note.textContent = `Run ${runIndex} cannot be replayed: ${error.message}`;
      chart.clear();
      return undefined;
    }
  }

  return { show };
}
