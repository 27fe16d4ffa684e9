import { parentPort, workerData } from 'node:worker_threads';
import type { InspectionReport, InspectionTask } from './inspect-strategy-bundles.js';
import { loadStrategyBundle } from './load-strategy-bundle.js';

/** Entry point of the inspection thread: loads each bundle and reports the strategies it defines, as plain data. */
const task = workerData as InspectionTask;
const port = parentPort;
if (!port) throw new Error('inspection-thread.js must run in a worker thread');
const report: InspectionReport = [];
for (const { hash, code } of task.bundles) {
  try {
    const { strategies } = await loadStrategyBundle(hash, code, task.bundleDir);
    report.push({
      hash,
      strategies: strategies.map((s) => ({
        name: s.name,
        description: s.description,
        params: { ...s.paramDocs },
        paramRules: JSON.parse(JSON.stringify(s.paramRules)),
        portfolio: 'portfolio' in s && s.portfolio === true,
      })),
    });
  } catch (error) {
    report.push({ hash, error: (error as Error)?.message ?? String(error) });
  }
}
port.postMessage(report);
