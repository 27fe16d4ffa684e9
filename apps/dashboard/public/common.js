// Helpers shared by the sweep pages: fetching JSON, building table cells and formatting numbers.

export async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || `${response.status} ${response.statusText}`);
  return body;
}

export function cell(row, content, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  if (content instanceof Node) td.append(content);
  else td.textContent = content === null || content === undefined ? '–' : String(content);
  row.append(td);
  return td;
}

export function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

export function number(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function percent(value) {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(2)} %`;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function progressBar(progress) {
  const bar = document.createElement('div');
  bar.className = 'progress';
  bar.title = `${progress.succeeded + progress.failed} of ${progress.total}`;
  const total = Math.max(progress.total, 1);
  for (const [kind, n] of [
    ['done', progress.succeeded],
    ['failed', progress.failed],
  ]) {
    const part = document.createElement('div');
    part.className = kind;
    part.style.width = `${(100 * n) / total}%`;
    bar.append(part);
  }
  return bar;
}

export function badge(status) {
  const span = document.createElement('span');
  span.className = `badge ${status}`;
  span.textContent = status.replaceAll('_', ' ');
  return span;
}

/** Adds an option to a select. */
export function option(select, value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text ?? value;
  select.append(o);
}

export function stat(label, value, title) {
  const div = document.createElement('div');
  div.className = 'stat';
  if (title) div.title = title;
  const shown = document.createElement('div');
  shown.className = 'value';
  shown.textContent = value;
  const caption = document.createElement('div');
  caption.className = 'label';
  caption.textContent = label;
  div.append(shown, caption);
  return div;
}

// A parameter set as `name=value` pairs in name order, the same for every view.
export const params = (values) =>
  Object.entries(values)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
