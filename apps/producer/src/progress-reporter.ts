import cliProgress from 'cli-progress';

/** One reading of a long task: how much is done of how much. */
export interface ProgressReading {
  done: number;
  total: number;
  failed?: number;
  /** Work in flight and waiting, shown when the reporter was created with `showQueue`. */
  running?: number;
  queued?: number;
}

/**
 * Shows progress of a long task: a live bar with rate and ETA on a terminal, a plain line every few seconds
 * otherwise (logs and CI stay readable). Output goes to stderr so stdout stays clean for `--json`.
 */
export class ProgressReporter {
  private readonly bar?: cliProgress.SingleBar;
  private readonly startedAt = Date.now();
  private lastLineAt = 0;
  private startDone?: number;

  constructor(
    private readonly label: string,
    private readonly unit: string,
    interactive: boolean,
    private readonly showQueue = false,
  ) {
    if (interactive) {
      this.bar = new cliProgress.SingleBar(
        {
          format: `${label} [{bar}] {value}/{total} ${unit} | failed {failed}${showQueue ? ' | running {running} | queued {queued}' : ''} | {rate}/s | ETA {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
    }
  }

  update(reading: ProgressReading): void {
    this.startDone ??= reading.done;
    const seconds = Math.max((Date.now() - this.startedAt) / 1000, 1e-3);
    const rate = Math.round((reading.done - this.startDone) / seconds);
    const payload = { failed: reading.failed ?? 0, running: reading.running ?? 0, queued: reading.queued ?? 0, rate };
    if (this.bar) {
      if (!this.bar.isActive) this.bar.start(reading.total, reading.done, payload);
      this.bar.setTotal(reading.total);
      this.bar.update(reading.done, payload);
      return;
    }
    const now = Date.now();
    if (now - this.lastLineAt < 2_000 && reading.done < reading.total) return;
    this.lastLineAt = now;
    const eta = rate > 0 ? `${Math.ceil((reading.total - reading.done) / rate)}s` : '?';
    process.stderr.write(
      `${this.label}: ${reading.done}/${reading.total} ${this.unit}, failed ${payload.failed}` +
        `${this.showQueue ? `, running ${payload.running}, queued ${payload.queued}` : ''}, ${rate}/s, ETA ${eta}\n`,
    );
  }

  stop(): void {
    this.bar?.stop();
  }
}
