// One sweep: live overview, a sortable and filterable leaderboard paged by the server with the validation of each
// group beside it, a heatmap of any metric over two parameters, the replayed equity curve of the selected run against
// buy-and-hold, and the failures with their reasons. Each view is
// its own module under sweep/; this one fetches what they share and wires them together.

import { getJson } from './common.js';
import { createEquityView } from './sweep/equity-view.js';
import { createFailuresView } from './sweep/failures-view.js';
import { createHeatmap } from './sweep/heatmap-view.js';
import { createLeaderboard } from './sweep/leaderboard-view.js';
import { renderOverview } from './sweep/overview-view.js';
import { createPortfolioView } from './sweep/portfolio-view.js';
import { createValidationView } from './sweep/validation-view.js';
import { createWalkForwardView } from './sweep/walk-forward-view.js';

const sweepId = location.pathname.split('/').pop();
const api = `/api/sweeps/${sweepId}`;

async function start() {
  try {
    const [overview, { fields, metrics }] = await Promise.all([getJson(api), getJson('/api/sweeps/fields')]);
    renderOverview(overview);
    const equity = createEquityView({ api });
    const portfolio = createPortfolioView();
    const onSelect = async (runIndex) => portfolio.show(await equity.show(runIndex));
    const leaderboard = createLeaderboard({ api, overview, fields, metrics, onSelect });
    const heatmap = createHeatmap({
      api,
      overview,
      fields,
      selectionQuery: leaderboard.selectionQuery,
      onCell: leaderboard.filterTo,
    });
    const failures = createFailuresView({ api });
    const validation = createValidationView({ api, onSelect: equity.show });
    const walkForward = createWalkForwardView({ api, overview });
    await Promise.all([leaderboard.load(), heatmap.load(), failures.load(), validation.load(), walkForward.load()]);
    document.body.dataset.ready = 'true';
    let previous = overview;
    const refresh = async () => {
      const latest = await getJson(api);
      renderOverview(latest);
      if (!previous.progress.finishedAt)
        await Promise.all([leaderboard.load(), failures.load(), validation.load(), walkForward.load()]);
      previous = latest;
      return latest;
    };
    const timer = setInterval(async () => {
      const latest = await refresh().catch(() => null);
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
