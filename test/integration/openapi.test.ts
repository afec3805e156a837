import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { DOCUMENT_FILE } from '../../scripts/openapi';
import { api } from '../support/api-client';

/**
 * The API describes itself to integrators without a credential, at the API and beside the pages, and
 * both give the document `npm run openapi` wrote (which the unit tests hold to the code).
 */
const written = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8'));

describe('GET /v1/openapi.json', () => {
  it('answers the document to anyone, with no credential', async () => {
    const response = await api('/v1/openapi.json', { credential: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual(written);
  });

  it('is on the pages’ site too, and takes no body', async () => {
    const page = await fetch(`${new URL(inject('apiUrl')).origin}/openapi.json`);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual(written);
    // A method the route does not have is not an operation of the document either.
    expect(
      (await api('/v1/openapi.json', { method: 'POST', body: {}, credential: null })).status,
    ).toBeGreaterThanOrEqual(400);
  });
});
