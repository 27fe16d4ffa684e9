import { describe, expect, it } from 'vitest';
import { resolveCodeVersion } from './code-version.js';

describe('resolveCodeVersion', () => {
  it('uses the version the deployment gives', () => {
    expect(resolveCodeVersion('v1.4.2')).toBe('v1.4.2');
  });

  it('names the git commit of the checkout, marked dirty when tracked files differ from it', () => {
    expect(resolveCodeVersion(), 'tests run from a git checkout').toMatch(/^[0-9a-f]{40}(-dirty)?$/);
  });
});
