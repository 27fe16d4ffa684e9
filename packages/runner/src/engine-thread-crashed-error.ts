/** Thrown when an engine thread dies under a job (a strategy called `process.exit`, or the thread crashed). */
export class EngineThreadCrashedError extends Error {
  override readonly name = 'EngineThreadCrashed';
  readonly code = 'ENGINE_THREAD_CRASHED';
}
