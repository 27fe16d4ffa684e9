// One sweep: live overview, a sortable and filterable leaderboard paged by the server, a heatmap of any metric over
// two parameters, the replayed equity curve of the selected run, and the failures with their reasons.

const { getJson, cell, link, number, percent, duration, progressBar, badge } = window.fleet;
const sweepId = location.pathname.split('/').pop();
const api = `/api/sweeps/${sweepId}`;
const PAGE = 50;
const METRIC_COLUMNS = [
  ['sharpe', 'Sharpe', number],
  ['sortino', 'Sortino', number],
  ['totalReturn', 'Return', percent],
  ['cagr', 'CAGR', percent],
  ['maxDrawdown', 'Max DD', percent],
  ['calmar', 'Calmar', number],
  ['winRate', 'Win rate', percent],
  ['profitFactor', 'Profit f.', number],
  ['volatility', 'Volatility', percent],
  ['exposure', 'Exposure', percent],
];
const state = {
  overview: null,
  sort: 'sharpe',
  dir: 'desc',
  offset: 0,
  filters: new Map(),
  selectedRun: null,
  total: 0,
};
const heatmapChart = echarts.init(document.getElementById('heatmap'));
const equityChart = echarts.init(document.getElementById('equity'));
window.addEventListener('resize', () => {
  heatmapChart.resize();
  equityChart.resize();
});

function option(select, value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text ?? value;
  select.append(o);
}

function renderOverview(o) {
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
    ['From cache', p.cached.toLocaleString('en-US')],
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
    ` · ${
      Object.entries(o.settings)
        .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
        .join(', ') || 'default settings'
    } · id ${p.sweepId}`;
}

function setupControls(o, fields) {
  const strategy = document.getElementById('lb-strategy');
  for (const s of o.spec.strategies) option(strategy, s.name);
  const symbol = document.getElementById('lb-symbol');
  for (const s of o.spec.symbols) option(symbol, s);
  const filterField = document.getElementById('filter-field');
  for (const p of o.paramNames) option(filterField, `param.${p}`, p);
  for (const f of fields) if (f !== 'runIndex') option(filterField, f);
  for (const id of ['lb-status', 'lb-strategy', 'lb-symbol'])
    document.getElementById(id).addEventListener('change', () => {
      state.offset = 0;
      loadLeaderboard();
    });
  document.getElementById('filter-add').addEventListener('click', () => {
    const min = document.getElementById('filter-min').value;
    const max = document.getElementById('filter-max').value;
    if (min === '' && max === '') return;
    state.filters.set(filterField.value, { min, max });
    state.offset = 0;
    renderChips();
    loadLeaderboard();
  });
  document.getElementById('page-prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - PAGE);
    loadLeaderboard();
  });
  document.getElementById('page-next').addEventListener('click', () => {
    if (state.offset + PAGE < state.total) state.offset += PAGE;
    loadLeaderboard();
  });

  const metric = document.getElementById('hm-metric');
  for (const f of fields) if (f !== 'runIndex') option(metric, f);
  metric.value = 'sharpe';
  const [x, y] = [document.getElementById('hm-x'), document.getElementById('hm-y')];
  for (const p of o.paramNames) {
    option(x, p);
    option(y, p);
  }
  x.value = o.paramNames[0] ?? '';
  y.value = o.paramNames[1] ?? o.paramNames[0] ?? '';
  const fixed = document.getElementById('hm-fixed');
  for (const p of o.paramNames) {
    const label = document.createElement('label');
    label.textContent = `${p} = `;
    const input = document.createElement('input');
    input.type = 'number';
    input.step = 'any';
    input.placeholder = 'any';
    input.dataset.param = p;
    input.addEventListener('change', loadHeatmap);
    label.append(input);
    fixed.append(label, ' ');
  }
  for (const el of [metric, x, y, document.getElementById('hm-agg')]) el.addEventListener('change', loadHeatmap);
}

function renderChips() {
  const chips = document.getElementById('filter-chips');
  chips.replaceChildren();
  for (const [field, { min, max }] of state.filters) {
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.textContent = `${min === '' ? '' : `${min} ≤ `}${field.replace('param.', '')}${max === '' ? '' : ` ≤ ${max}`}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.title = 'remove filter';
    remove.addEventListener('click', () => {
      state.filters.delete(field);
      state.offset = 0;
      renderChips();
      loadLeaderboard();
    });
    chip.append(remove);
    chips.append(chip, ' ');
  }
}

function selectionQuery() {
  const q = new URLSearchParams();
  const strategy = document.getElementById('lb-strategy').value;
  const symbol = document.getElementById('lb-symbol').value;
  if (strategy) q.set('strategy', strategy);
  if (symbol) q.set('symbol', symbol);
  for (const [field, { min, max }] of state.filters) {
    if (min !== '') q.set(`min.${field}`, min);
    if (max !== '') q.set(`max.${field}`, max);
  }
  return q;
}

function headerCell(row, key, text, className) {
  const th = document.createElement('th');
  th.textContent = text;
  th.className = `sortable ${className ?? ''}`;
  th.dataset.sort = key;
  if (state.sort === key) th.classList.add(`sorted-${state.dir}`);
  th.addEventListener('click', () => {
    state.dir = state.sort === key && state.dir === 'desc' ? 'asc' : 'desc';
    state.sort = key;
    state.offset = 0;
    loadLeaderboard();
  });
  row.append(th);
}

async function loadLeaderboard() {
  const o = state.overview;
  const q = selectionQuery();
  q.set('status', document.getElementById('lb-status').value);
  q.set('sort', state.sort);
  q.set('dir', state.dir);
  q.set('limit', String(PAGE));
  q.set('offset', String(state.offset));
  const page = await getJson(`${api}/runs?${q}`);
  state.total = page.total;
  const head = document.createElement('tr');
  headerCell(head, 'runIndex', 'Run');
  for (const text of ['Strategy', 'Symbol']) {
    const th = document.createElement('th');
    th.className = 'text';
    th.textContent = text;
    head.append(th);
  }
  for (const p of o.paramNames) headerCell(head, `param.${p}`, p);
  for (const [key, text] of METRIC_COLUMNS) headerCell(head, key, text);
  headerCell(head, 'closedTrades', 'Trades');
  headerCell(head, 'finalEquity', 'Final equity');
  const jobHead = document.createElement('th');
  jobHead.className = 'text';
  jobHead.textContent = 'Job';
  head.append(jobHead);
  document.querySelector('#leaderboard thead').replaceChildren(head);

  const body = document.querySelector('#leaderboard tbody');
  body.replaceChildren();
  for (const run of page.runs) {
    const row = document.createElement('tr');
    row.className = 'clickable';
    row.dataset.run = run.runIndex;
    if (run.runIndex === state.selectedRun) row.classList.add('selected');
    cell(row, run.runIndex);
    cell(row, run.strategy, 'text');
    cell(row, run.symbol, 'text');
    for (const p of o.paramNames) cell(row, run.params[p]);
    for (const [key, , format] of METRIC_COLUMNS) cell(row, format(run.metrics[key]));
    cell(row, run.closedTrades);
    cell(row, run.finalEquity === null ? null : number(Number(run.finalEquity), 2));
    const jobLink = link(run.jobUrl, run.jobId.split('.').pop());
    jobLink.title = `job ${run.jobId} in Bull Board`;
    jobLink.addEventListener('click', (event) => event.stopPropagation());
    cell(row, jobLink, 'text');
    row.addEventListener('click', () => selectRun(run.runIndex));
    body.append(row);
  }
  const last = Math.min(state.offset + PAGE, page.total);
  document.getElementById('page-info').textContent =
    page.total === 0 ? 'no runs match' : `runs ${state.offset + 1}–${last} of ${page.total.toLocaleString('en-US')}`;
  if (state.selectedRun === null && page.runs[0]?.status === 'succeeded') selectRun(page.runs[0].runIndex);
}

async function loadHeatmap() {
  const x = document.getElementById('hm-x').value;
  const y = document.getElementById('hm-y').value;
  const note = document.getElementById('heatmap-note');
  if (!x || !y || x === y) {
    heatmapChart.clear();
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
  const xs = [...new Set(map.cells.map((c) => c.x))].sort((a, b) => a - b);
  const ys = [...new Set(map.cells.map((c) => c.y))].sort((a, b) => a - b);
  const values = map.cells.map((c) => c.value).filter((v) => v !== null);
  const data = map.cells.map((c) => [xs.indexOf(c.x), ys.indexOf(c.y), c.value, c.runs]);
  note.textContent = `${map.aggregate} of ${map.metric} over ${map.cells.length} cells; click a cell to filter the leaderboard.`;
  heatmapChart.setOption(
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
  heatmapChart.off('click');
  heatmapChart.on('click', (p) => {
    state.filters.set(`param.${x}`, { min: String(xs[p.data[0]]), max: String(xs[p.data[0]]) });
    state.filters.set(`param.${y}`, { min: String(ys[p.data[1]]), max: String(ys[p.data[1]]) });
    state.offset = 0;
    renderChips();
    loadLeaderboard();
  });
}

async function selectRun(runIndex) {
  state.selectedRun = runIndex;
  for (const row of document.querySelectorAll('#leaderboard tbody tr'))
    row.classList.toggle('selected', Number(row.dataset.run) === runIndex);
  const note = document.getElementById('equity-note');
  note.textContent = `Replaying run ${runIndex}…`;
  try {
    const replay = await getJson(`${api}/runs/${runIndex}/equity`);
    const r = replay.run;
    const params = Object.entries(r.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    document.getElementById('equity-title').textContent = `run ${runIndex}: ${r.strategy}(${params}) on ${r.symbol}`;
    note.textContent = replay.reproduced
      ? `Recomputed by the engine from the stored bars and settings: final equity ${replay.finalEquity}, identical to the stored result.`
      : `Recomputed final equity ${replay.finalEquity} differs from the stored ${r.finalEquity}: the bars or the engine changed since.`;
    const curve = replay.equityCurve;
    equityChart.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
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
  } catch (error) {
    note.textContent = `Run ${runIndex} cannot be replayed: ${error.message}`;
    equityChart.clear();
  }
}

async function loadFailures() {
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
    cell(row, run.strategy, 'text');
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

async function refreshOverview() {
  const o = await getJson(api);
  const wasRunning = state.overview && !state.overview.progress.finishedAt;
  state.overview = o;
  renderOverview(o);
  if (wasRunning) await Promise.all([loadLeaderboard(), loadFailures()]);
  return o;
}

async function start() {
  try {
    const [o, { fields }] = await Promise.all([refreshOverview(), getJson('/api/sweeps/fields')]);
    setupControls(o, fields);
    await Promise.all([loadLeaderboard(), loadHeatmap(), loadFailures()]);
    document.body.dataset.ready = 'true';
    const timer = setInterval(async () => {
      const latest = await refreshOverview().catch(() => null);
      if (latest?.progress.finishedAt) clearInterval(timer);
    }, 2000);
  } catch (error) {
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `This sweep cannot be shown: ${error.message}`;
    document.querySelector('main').prepend(p);
  }
}

start();
