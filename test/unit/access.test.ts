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
    const role = fc.constantFrom<Principal['role']>('gate', 'supervisor', 'host', 'exhibitor', 'desk', 'viewer');
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

  it('gives the desk tickets and registrations, a viewer the dashboard, and neither anything else', () => {
    const desk = principal('desk');
    const viewer = principal('viewer');
    expect(isAllowed(desk, { kind: 'desk' })).toBe(true);
    expect(isAllowed(desk, { kind: 'registration', workshopId: 'ws-1' })).toBe(true);
    expect(isAllowed(viewer, { kind: 'watch' })).toBe(true);
    for (const permission of [
      { kind: 'organiser' },
      { kind: 'gate', gateId: 'main' },
      { kind: 'override', gateId: 'main' },
      { kind: 'incident' },
      { kind: 'workshop', workshopId: 'ws-1' },
      { kind: 'booth', boothId: 'A001' },
    ] as Permission[]) {
      expect(isAllowed(desk, permission), permission.kind).toBe(false);
      expect(isAllowed(viewer, permission), permission.kind).toBe(false);
    }
    expect(isAllowed(desk, { kind: 'watch' })).toBe(false);
    expect(isAllowed(viewer, { kind: 'desk' })).toBe(false);
    expect(isAllowed(viewer, { kind: 'registration', workshopId: 'ws-1' })).toBe(false);
    // A host registers for its own workshops only; a gate for none.
    const host = principal('host', { workshops: ['ws-1'] });
    expect(isAllowed(host, { kind: 'registration', workshopId: 'ws-1' })).toBe(true);
    expect(isAllowed(host, { kind: 'registration', workshopId: 'ws-2' })).toBe(false);
    expect(isAllowed(principal('gate', { gates: ['main'] }), { kind: 'registration', workshopId: 'ws-1' })).toBe(false);
  });

  it('asks each role for the scope it needs', () => {
    expect(scopeProblems('gate', {})).toEqual([{ path: 'scope.gates', message: expect.any(String) }]);
    expect(scopeProblems('host', { gates: ['x'] })[0]?.path).toBe('scope.workshops');
    expect(scopeProblems('exhibitor', {})[0]?.path).toBe('scope.booth');
    expect(scopeProblems('organiser', {})).toEqual([]);
    expect(scopeProblems('desk', {})).toEqual([]);
    expect(scopeProblems('viewer', {})).toEqual([]);
    expect(scopeProblems('gate', { gates: ['main'] })).toEqual([]);
  });
});
