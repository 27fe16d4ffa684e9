/**
 * Upper bound on the bars in one yielded chunk, so that an import of any size holds at most this many bars at once
 * and the db layer can insert each chunk as one statement.
 */
export const MAX_BARS_PER_CHUNK = 5000;
