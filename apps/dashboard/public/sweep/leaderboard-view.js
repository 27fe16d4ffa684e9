// The leaderboard: one page of runs sorted and filtered by the server, with a column per metric of the API's
// metric table, and range filters shown as removable chips.

import { cell, getJson, link, number, option, percent } from '../common.js';

const PAGE = 50;
const FORMATS = {
  number: (value) => number(value),
  percent: (value) => percent(value),
  count: (value) => value,
  money: (value) => (value === null ? null : number(Number(value), 2)),
};

/** A metric's value in a run view: ledger totals sit beside `metrics`, statistics inside it. */
const metricValue = (run, metric) => (metric.source === 'ledger' ? run[metric.name] : run.metrics[metric.name]);

export function createLeaderboard({ api, overview, fields, metrics, onSelect }) {
  // Portfolio runs trade a universe, not one symbol: its column and filter appear only when the sweep names universes.
  const universes = Object.keys(overview.spec.universes ?? {});
  const state = { sort: 'sharpe', dir: 'desc', offset: 0, filters: new Map(), selectedRun: null, total: 0 };
  const filterField = document.getElementById('filter-field');

  function selectionQuery() {
    const q = new URLSearchParams();
    const strategy = document.getElementById('lb-strategy').value;
    const symbol = document.getElementById('lb-symbol').value;
    if (strategy) q.set('strategy', strategy);
    if (symbol) q.set('symbol', symbol);
    const universe = document.getElementById('lb-universe').value;
    if (universe) q.set('universe', universe);
    for (const [field, { min, max }] of state.filters) {
      if (min !== '') q.set(`min.${field}`, min);
      if (max !== '') q.set(`max.${field}`, max);
    }
    return q;
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
        load();
      });
      chip.append(remove);
      chips.append(chip, ' ');
    }
  }

  function headerCell(row, key, text, title) {
    const th = document.createElement('th');
    th.textContent = text;
    th.className = 'sortable';
    if (title) th.title = title;
    th.dataset.sort = key;
    if (state.sort === key) th.classList.add(`sorted-${state.dir}`);
    th.addEventListener('click', () => {
      state.dir = state.sort === key && state.dir === 'desc' ? 'asc' : 'desc';
      state.sort = key;
      state.offset = 0;
      load();
    });
    row.append(th);
  }

  function select(runIndex) {
    state.selectedRun = runIndex;
    for (const row of document.querySelectorAll('#leaderboard tbody tr'))
      row.classList.toggle('selected', Number(row.dataset.run) === runIndex);
    onSelect(runIndex);
  }

  async function load() {
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
    for (const text of ['Strategy', 'Symbol', ...(universes.length ? ['Universe'] : [])]) {
      const th = document.createElement('th');
      th.className = 'text';
      th.textContent = text;
      head.append(th);
    }
    for (const p of overview.paramNames) headerCell(head, `param.${p}`, p);
    for (const m of metrics) headerCell(head, m.name, m.label, m.description);
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
      cell(row, run.strategyFile ? `${run.strategy} (${run.strategyFile})` : run.strategy, 'text');
      cell(row, run.symbol, 'text');
      if (universes.length) cell(row, run.universe ?? '', 'text');
      for (const p of overview.paramNames) cell(row, run.params[p]);
      for (const m of metrics) cell(row, FORMATS[m.format](metricValue(run, m)));
      const jobLink = link(run.jobUrl, run.jobId.split('.').pop());
      jobLink.title = `job ${run.jobId} in Bull Board`;
      jobLink.addEventListener('click', (event) => event.stopPropagation());
      cell(row, jobLink, 'text');
      row.addEventListener('click', () => select(run.runIndex));
      body.append(row);
    }
    const last = Math.min(state.offset + PAGE, page.total);
    document.getElementById('page-info').textContent =
      page.total === 0 ? 'no runs match' : `runs ${state.offset + 1}–${last} of ${page.total.toLocaleString('en-US')}`;
    if (state.selectedRun === null && page.runs[0]?.status === 'succeeded') select(page.runs[0].runIndex);
  }

  /** Narrows the leaderboard to runs with exactly these parameter values (a heatmap cell). */
  function filterTo(params) {
    for (const [name, value] of Object.entries(params)) {
      if (name === 'universe') document.getElementById('lb-universe').value = value;
      else state.filters.set(`param.${name}`, { min: String(value), max: String(value) });
    }
    state.offset = 0;
    renderChips();
    load();
  }

  const strategy = document.getElementById('lb-strategy');
  for (const s of overview.spec.strategies) option(strategy, s.name);
  const symbol = document.getElementById('lb-symbol');
  for (const s of overview.spec.symbols) option(symbol, s);
  const universe = document.getElementById('lb-universe');
  for (const u of universes) option(universe, u);
  document.getElementById('lb-universe-label').hidden = universes.length === 0;
  for (const p of overview.paramNames) option(filterField, `param.${p}`, p);
  for (const f of fields) if (f !== 'runIndex') option(filterField, f);
  for (const id of ['lb-status', 'lb-strategy', 'lb-symbol', 'lb-universe'])
    document.getElementById(id).addEventListener('change', () => {
      state.offset = 0;
      load();
    });
  document.getElementById('filter-add').addEventListener('click', () => {
    const min = document.getElementById('filter-min').value;
    const max = document.getElementById('filter-max').value;
    if (min === '' && max === '') return;
    state.filters.set(filterField.value, { min, max });
    state.offset = 0;
    renderChips();
    load();
  });
  document.getElementById('page-prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - PAGE);
    load();
  });
  document.getElementById('page-next').addEventListener('click', () => {
    if (state.offset + PAGE < state.total) state.offset += PAGE;
    load();
  });

  return { load, selectionQuery, filterTo };
}
