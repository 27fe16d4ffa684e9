import { MetricTable, RankableMetrics } from '@fleet/contracts';
import pg from 'pg';

const id = (name: string) => pg.escapeIdentifier(name);
const text = (value: string) => pg.escapeLiteral(value);
const rankable = RankableMetrics.map((name) => ({ name, ...MetricTable[name] }));

/** The run's value of its group's `select` metric, as a double (the chosen one is recorded as `in_sample_value`). */
const selectedValue = `case g.select_metric ${rankable.map((m) => `when ${text(m.name)} then r.${id(m.column)}::float8`).join(' ')} end`;

/**
 * Best first by the group's `select` metric, in the column's own type (exact for decimals): one key per rankable
 * metric, null except for the group's own, then the lowest run index on ties.
 */
const bestFirst = [
  ...rankable.map(
    (m) =>
      `(case when g.select_metric = ${text(m.name)} then r.${id(m.column)} end) ${m.higherIsBetter ? 'desc' : 'asc'} nulls last`,
  ),
  'r.run_index',
].join(', ');

/** Groups of the staged batch still unchosen whose in-sample range the batch wrote into. */
const touchedGroups = `fold_selections g where g.selected_at is null
  and g.sweep_id in (select distinct sweep_id from run_staging)
  and exists (select from run_staging s
    where s.sweep_id = g.sweep_id and s.run_index >= g.first_run and s.run_index < g.first_run + g.runs)`;

/**
 * Counts the stored in-sample rows of every unchosen (fold, strategy, symbol) group the staged batch wrote into.
 * Recounted rather than incremented, so the count is the rows present whatever was redelivered, replaced or deleted
 * by `retry-failed`; runs after the statement that stored the batch, in its transaction.
 */
export const LAND_IN_SAMPLE_STATEMENT = `update fold_selections f set landed = (select count(*) from runs r
    where r.sweep_id = f.sweep_id and r.run_index >= f.first_run and r.run_index < f.first_run + f.runs)
  from (select g.sweep_id, g.run_index from ${touchedGroups}) t
  where f.sweep_id = t.sweep_id and f.run_index = t.run_index`;

/**
 * Chooses the winner of every group whose in-sample runs have now all landed, in the transaction that stored its
 * last one (the batch's sweep rows are locked, so groups are never raced): the best succeeded run with at least
 * `min_trades` closed trades by `select`, ties to the lowest run index. A group with no eligible run gets a failed
 * out-of-sample row (`NO_ELIGIBLE_RUN`) instead, counted on its sweep like any row, so every planned run still ends
 * as one. Returns each sweep such a row changed, with whether it closed it.
 */
export const CHOOSE_WINNERS_STATEMENT = `with ready as (
      select g.* from fold_selections g where g.selected_at is null and g.landed >= g.runs
        and g.sweep_id in (select distinct sweep_id from run_staging)
    ), best as (
      select g.sweep_id, g.run_index, b.chosen_run, b.params, b.settings, b.value
      from ready g left join lateral (
        select r.run_index as chosen_run, r.params, r.settings, ${selectedValue} as value from runs r
        where r.sweep_id = g.sweep_id and r.run_index >= g.first_run and r.run_index < g.first_run + g.runs
          and r.status = 'succeeded' and r.closed_trades >= g.min_trades and ${selectedValue} is not null
        order by ${bestFirst} limit 1
      ) b on true
    ), chosen as (
      update fold_selections f set selected_at = now(), chosen_run = b.chosen_run, params = b.params,
        settings = b.settings, in_sample_value = b.value,
        enqueued_at = case when b.chosen_run is null then now() end
      from best b where f.sweep_id = b.sweep_id and f.run_index = b.run_index
      returning f.*
    ), failed as (
      insert into runs (sweep_id, run_index, strategy, symbol, params, status, duration_ms, fold, "window",
        error_name, error_code, error_message)
      select sweep_id, run_index, strategy, symbol, '{}'::jsonb, 'failed', 0, fold, 'out_of_sample',
        'NoEligibleRunError', 'NO_ELIGIBLE_RUN',
        format('fold %s: no in-sample run of %s on %s succeeded with ≥ %s closed trades and a %s',
          fold, strategy, symbol, min_trades, select_metric)
      from chosen where chosen_run is null
      on conflict (sweep_id, run_index) do nothing
      returning sweep_id
    ), tally as (
      select sweep_id, count(*) as n from failed group by sweep_id
    )
    update sweeps w set failed = w.failed + t.n, last_progress_at = now(),
      status = case when w.status = 'cancelled' then w.status
        when w.succeeded + w.failed + t.n >= w.total then 'completed_with_failures' else w.status end,
      finished_at = case when w.succeeded + w.failed + t.n >= w.total and w.finished_at is null then now()
        else w.finished_at end
    from tally t where w.id = t.sweep_id
    returning w.id as sweep_id, w.status, t.n as written,
      w.succeeded + w.failed >= w.total and w.succeeded + w.failed - t.n < w.total as finished`;

/** Sweeps of the staged batch with chosen out-of-sample runs whose job is not yet recorded as enqueued. */
export const PENDING_OUT_OF_SAMPLE_STATEMENT = `select distinct sweep_id from fold_selections
  where enqueued_at is null and chosen_run is not null and sweep_id in (select distinct sweep_id from run_staging)`;
