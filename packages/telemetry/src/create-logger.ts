import { isSpanContextValid, trace } from '@opentelemetry/api';
import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** @defaultValue 'info' */
  level?: string;
  /** Human-readable lines instead of JSON. @defaultValue true when stderr is a terminal */
  pretty?: boolean;
}

/**
 * The one logger factory of every Fleet process: JSON lines on stderr (stdout stays free for CLI output),
 * pretty only on a terminal, a `service` field so merged logs stay attributable, and the active span's `traceId` and
 * `spanId` on every line written inside a span, so a log line leads to its trace and back.
 *
 * @example
 * const log = createLogger('worker', { level: env.LOG_LEVEL });
 * log.info({ sweepId, jobId }, 'job done');
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const usePretty = options.pretty ?? process.stderr.isTTY === true;
  const destination = usePretty
    ? pretty({ destination: 2, sync: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l' })
    : pino.destination({ dest: 2, sync: true });
  return pino({ level: options.level ?? 'info', base: { service }, mixin: activeTraceIds }, destination);
}

function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
}

export type { Logger };
