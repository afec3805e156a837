import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowed, type Permission, type Principal, scopeProblems } from '#shared/domain/access';

const principal = (role: Principal['role'], scope: Principal['scope'] = {}): Principal => ({
  credentialId: 'c',
  role,
  scope,
  label: 'l',
});

describe('access rules', () => {
  it('lets a gate credential scan only at the gates in its scope', () => {
    const gate = principal('gate', { gates: ['main', 'east'] });
    expect(isAllowed(gate, { kind: 'gate', gateId: 'main' })).toBe(true);
    expect(isAllowed(gate, { kind: 'gate', gateId: 'seminar' })).toBe(false);
    expect(isAllowed(gate, { kind: 'organiser' })).toBe(false);
    expect(isAllowed(gate, { kind: 'booth', boothId: 'A001' })).toBe(false);
  });

  it('lets a host act only on its workshops and an exhibitor only on its booth', () => {
    const host = principal('host', { workshops: ['ws-1'] });
    expect(isAllowed(host, { kind: 'workshop', workshopId: 'ws-1' })).toBe(true);
    expect(isAllowed(host, { kind: 'workshop', workshopId: 'ws-2' })).toBe(false);
    const exhibitor = principal('exhibitor', { booth: 'A001' });
    expect(isAllowed(exhibitor, { kind: 'booth', boothId: 'A001' })).toBe(true);
    expect(isAllowed(exhibitor, { kind: 'booth', boothId: 'A002' })).toBe(false);
    expect(isAllowed(exhibitor, { kind: 'gate', gateId: 'A001' })).toBe(false);
  });

  it('gives organisers everything and others never an organiser action', () => {
    const permission = fc.oneof(
      fc.constant<Permission>({ kind: 'organiser' }),
      fc.constant<Permission>({ kind: 'anyRole' }),
      fc.string().map<Permission>((gateId) => ({ kind: 'gate', gateId })),
      fc.string().map<Permission>((workshopId) => ({ kind: 'workshop', workshopId })),
      fc.string().map<Permission>((boothId) => ({ kind: 'booth', boothId })),
    );
    const role = fc.constantFrom<Principal['role']>('gate', 'host', 'exhibitor');
    const ids = fc.array(fc.string(), { maxLength: 3 });
    fc.assert(
      fc.property(permission, role, ids, (wanted, someRole, scopeIds) => {
        expect(isAllowed(principal('organiser'), wanted)).toBe(true);
        const other = principal(someRole, { gates: scopeIds, workshops: scopeIds, booth: scopeIds[0] });
        if (wanted.kind === 'organiser') expect(isAllowed(other, wanted)).toBe(false);
        if (wanted.kind === 'anyRole') expect(isAllowed(other, wanted)).toBe(true);
      }),
    );
  });

  it('asks each role for the scope it needs', () => {
    expect(scopeProblems('gate', {})).toEqual([{ path: 'scope.gates', message: expect.any(String) }]);
    expect(scopeProblems('host', { gates: ['x'] })[0]?.path).toBe('scope.workshops');
    expect(scopeProblems('exhibitor', {})[0]?.path).toBe('scope.booth');
    expect(scopeProblems('organiser', {})).toEqual([]);
    expect(scopeProblems('gate', { gates: ['main'] })).toEqual([]);
  });
});
