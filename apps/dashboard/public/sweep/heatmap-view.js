// The heatmap: a metric over two parameters, aggregated by the server over the others (or at fixed values of them);
// clicking a cell narrows the leaderboard to it.

import { getJson, number, option } from '../common.js';

export function createHeatmap({ api, overview, fields, selectionQuery, onCell }) {
  const chart = echarts.init(document.getElementById('heatmap'));
  window.addEventListener('resize', () => chart.resize());

  async function load() {
    const x = document.getElementById('hm-x').value;
    const y = document.getElementById('hm-y').value;
    const note = document.getElementById('heatmap-note');
    if (!x || !y || x === y) {
      chart.clear();
      note.textContent = 'Choose two different parameters.';
      return;
    }
    const q = selectionQuery();
    q.set('metric', document.getElementById('hm-metric').value);
    q.set('x', x);
    q.set('y', y);
    q.set('agg', document.getElementById('hm-agg').value);
    for (const input of document.querySelectorAll('#hm-fixed input'))
      if (input.value !== '' && input.dataset.param !== x && input.dataset.param !== y)
        q.set(`fixed.${input.dataset.param}`, input.value);
    const map = await getJson(`${api}/heatmap?${q}`);
    // A universe axis holds names, which sort as text; parameter axes sort as numbers.
    const order = (a, b) => (typeof a === 'string' ? a.localeCompare(b) : a - b);
    const xs = [...new Set(map.cells.map((c) => c.x))].sort(order);
    const ys = [...new Set(map.cells.map((c) => c.y))].sort(order);
    const values = map.cells.map((c) => c.value).filter((v) => v !== null);
    const data = map.cells.map((c) => [xs.indexOf(c.x), ys.indexOf(c.y), c.value, c.runs]);
    note.textContent = `${map.aggregate} of ${map.metric} over ${map.cells.length} cells; click a cell to filter the leaderboard.`;
    chart.setOption(
      {
        animation: false,
        tooltip: {
          position: 'top',
          formatter: (p) =>
            `${x} ${xs[p.data[0]]}, ${y} ${ys[p.data[1]]}<br>${map.metric}: ${number(p.data[2])} (${p.data[3]} runs)`,
        },
        grid: { left: 60, right: 20, top: 20, bottom: 110 },
        xAxis: { type: 'category', data: xs, name: x, nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
        yAxis: { type: 'category', data: ys, name: y, nameLocation: 'middle', nameGap: 42, splitArea: { show: true } },
        visualMap: {
          min: values.length ? Math.min(...values) : 0,
          max: values.length ? Math.max(...values) : 1,
          // The value is the third dimension of each item; the fourth (run count) is only for the tooltip.
          dimension: 2,
          precision: 3,
          calculable: true,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          inRange: { color: ['#c23b3b', '#f4e8a8', '#2a9d5c'] },
        },
        series: [
          {
            type: 'heatmap',
            data,
            label: { show: data.length <= 120, formatter: (p) => number(p.data[2], 3) },
            emphasis: { itemStyle: { borderColor: '#1d2330', borderWidth: 1 } },
          },
        ],
      },
      true,
    );
    chart.off('click');
    chart.on('click', (p) => onCell({ [x]: xs[p.data[0]], [y]: ys[p.data[1]] }));
  }

  const metric = document.getElementById('hm-metric');
  for (const f of fields) if (f !== 'runIndex') option(metric, f);
  metric.value = 'sharpe';
  const [x, y] = [document.getElementById('hm-x'), document.getElementById('hm-y')];
  // `universe` is a categorical axis beside the numeric parameters when the sweep names universes.
  const axes = [...overview.paramNames, ...(Object.keys(overview.spec.universes ?? {}).length ? ['universe'] : [])];
  for (const p of axes) {
    option(x, p);
    option(y, p);
  }
  x.value = axes[0] ?? '';
  y.value = axes[1] ?? axes[0] ?? '';
  const fixed = document.getElementById('hm-fixed');
  for (const p of overview.paramNames) {
    const label = document.createElement('label');
    label.textContent = `${p} = `;
    const input = document.createElement('input');
    input.type = 'number';
    input.step = 'any';
    input.placeholder = 'any';
    input.dataset.param = p;
    input.addEventListener('change', load);
    label.append(input);
    fixed.append(label, ' ');
  }
  for (const el of [metric, x, y, document.getElementById('hm-agg')]) el.addEventListener('change', load);

  return { load };
}
