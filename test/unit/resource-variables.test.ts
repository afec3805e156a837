import { afterEach, describe, expect, it, vi } from 'vitest';
import { resource } from '#commons/config';

describe("a function's resource variables", () => {
  afterEach(() => vi.unstubAllEnvs());

  it('reads one its function lists', () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'rawaq-revoke-ticket');
    vi.stubEnv('TICKETS_TABLE', 'tickets');
    expect(resource('TICKETS_TABLE')).toBe('tickets');
  });

  it('refuses one its function does not list, even when the environment has it', () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'rawaq-keys');
    vi.stubEnv('TICKETS_TABLE', 'tickets');
    expect(() => resource('TICKETS_TABLE')).toThrow(
      'keys reads TICKETS_TABLE, which shared/commons/function-resources.ts does not list for it',
    );
  });

  it('says which variable is missing and where it should come from', () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'rawaq-keys');
    vi.stubEnv('FAIR_TABLE', '');
    expect(() => resource('FAIR_TABLE')).toThrow('environment variable FAIR_TABLE is not set');
  });
});
