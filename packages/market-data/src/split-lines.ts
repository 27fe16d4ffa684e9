const stripCarriageReturn = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** Lines of one incoming chunk; `unterminated` marks the file's last line when no line end follows it. */
export interface LineChunk {
  lines: string[];
  unterminated: boolean;
}

/**
 * The complete lines of a text stream, one array per incoming chunk, so a caller can parse a file of any size while
 * holding only one chunk and one partial line. Bytes are decoded as UTF-8 across chunk boundaries and
 * `\n` and `\r\n` both end a line; a last line without a newline is yielded alone, marked `unterminated`, because a
 * file cut off mid-row (an interrupted download) looks exactly like that.
 *
 * @example
 * ```ts
 * for await (const { lines } of splitLines(createReadStream('bars.csv'))) console.log(lines.length);
 * ```
 */
export async function* splitLines(source: AsyncIterable<string | Buffer> | string): AsyncGenerator<LineChunk> {
  const decoder = new TextDecoder('utf-8');
  const chunks = typeof source === 'string' ? [source] : source;
  let partial = '';
  for await (const chunk of chunks) {
    const text = partial + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    if (lines.length > 0) yield { lines: lines.map(stripCarriageReturn), unterminated: false };
  }
  const last = partial + decoder.decode();
  if (last !== '') yield { lines: [stripCarriageReturn(last)], unterminated: true };
}
