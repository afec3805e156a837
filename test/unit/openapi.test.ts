import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_FILE, documentText } from '../../scripts/openapi';
import { OPERATIONS, routeKeyOf } from '../../shared/contract/operations';
import { documentedPath, openApiProblem } from '../support/openapi-check';

/**
 * The OpenAPI document: what the code would write (no hand edits, no drift), valid by an independent
 * validator, and naming every operation of the contract (the routes the stack serves), no more and no fewer.
 */

describe('the OpenAPI document', () => {
  it('is what npm run openapi writes from the schemas', () => {
    expect(readFileSync(DOCUMENT_FILE, 'utf8')).toBe(documentText());
  });

  it('passes an independent OpenAPI 3.1 validator', async () => {
    const document = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8'));
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
    // And the validator would see a broken one.
    const broken = structuredClone(document);
    broken.paths['/v1/scans'].post.responses = 'none';
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
  });

  // The stack serves exactly the contract's operations (test/infra/stack.test.ts reads its template).
  it('describes every operation of the contract, and nothing else', () => {
    const document = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8')) as { paths: Record<string, object> };
    const documented = Object.entries(document.paths)
      .flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`))
      .sort();
    const operations = OPERATIONS.map(routeKeyOf).sort();
    expect(operations.length).toBeGreaterThan(70);
    expect(documented).toEqual(operations);
  });

  it('holds answers to their schemas: a verdict off the list, a missing field, an undocumented status', () => {
    const scan = { scanId: 's1', verdict: 'ADMITTED', zoneId: 'venue' };
    const json = 'application/json; charset=utf-8';
    expect(openApiProblem('POST', '/v1/scans', 200, json, scan)).toBeUndefined();
    expect(openApiProblem('POST', '/v1/scans', 200, json, { ...scan, verdict: 'MAYBE' })).toMatch(/verdict/);
    expect(openApiProblem('POST', '/v1/scans', 200, json, { scanId: 's1', verdict: 'ADMITTED' })).toMatch(/zoneId/);
    expect(openApiProblem('POST', '/v1/scans', 418, json, scan)).toMatch(/418 is not documented/);
    expect(
      openApiProblem('POST', '/v1/scans', 400, json, {
        error: { code: 'VALIDATION_FAILED', message: 'x', details: [] },
      }),
    ).toBeUndefined();
    expect(openApiProblem('POST', '/v1/scans', 400, json, { message: 'Bad Request' })).toMatch(/error/);
    expect(openApiProblem('GET', '/v1/tickets/abc/qr.svg', 200, 'image/svg+xml', '<svg/>')).toBeUndefined();
    expect(documentedPath('/v1/booths/stats')).toBe('/v1/booths/stats');
    expect(documentedPath('/v1/booths/B01/stats?day=2027-03-26')).toBe('/v1/booths/{boothId}/stats');
  });

  // A function that failed or timed out, a throttle, the integration's 30 s: API Gateway answers these
  // itself, `{message}` only; a client (the door page resends on a 5xx) reads either shape there.
  it("documents API Gateway's own bodies where it answers them, and only there", () => {
    const json = 'application/json';
    const contract = { error: { code: 'BUSY', message: 'x', details: [] } };
    for (const [status, message] of [
      [429, 'Too Many Requests'],
      [500, 'Internal Server Error'],
      [503, 'Service Unavailable'],
    ] as const) {
      expect(openApiProblem('POST', '/v1/workshops/w1/admissions', status, json, { message })).toBeUndefined();
      expect(openApiProblem('POST', '/v1/workshops/w1/admissions', status, json, contract)).toBeUndefined();
      expect(openApiProblem('POST', '/v1/workshops/w1/admissions', status, json, { message, extra: 1 })).toBeDefined();
    }
    expect(openApiProblem('POST', '/v1/workshops/w1/admissions', 400, json, { message: 'Bad Request' })).toMatch(
      /error/,
    );
  });
});
