/** Whether a server answered at a URL, and if not, why: the reason a private one is started instead. */
export type ServiceProbe = { answers: true } | { answers: false; reason: string };
