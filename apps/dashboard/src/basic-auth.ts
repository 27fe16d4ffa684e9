import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * HTTP Basic authentication against one user; compares digests in constant time so the check leaks nothing
 * about the password's length or content.
 */
export function basicAuth(user: string, password: string): RequestHandler {
  const expected = digest(`${user}:${password}`);
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '';
    if (given && timingSafeEqual(digest(given), expected)) return next();
    res
      .set('WWW-Authenticate', 'Basic realm="Backtest Fleet", charset="UTF-8"')
      .status(401)
      .send('authentication required');
  };
}
