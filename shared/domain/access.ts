import * as z from 'zod';

/** Who a credential belongs to, and what it may touch. Pure: no AWS, no HTTP. */
/**
 * `gate`: a steward's phone, scans and counts at its gates and nothing else. `supervisor`: the same at
 * its gates, and may override a refusal with a reason, record incidents, admit by a holder's name.
 * `desk`: the information desk, tickets, badges, workshop registrations and a visitor's privacy
 * requests; no zones, credentials, alerts or evacuations. `viewer`: the council's or a sponsor's
 * screen, the dashboard and the reports, read only, with no visitor's name.
 */
export const RoleSchema = z.enum(['organiser', 'gate', 'supervisor', 'host', 'exhibitor', 'desk', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only');

export const ScopeSchema = z
  .object({
    gates: z.array(IdSchema).max(200).optional(),
    workshops: z.array(IdSchema).max(500).optional(),
    booth: IdSchema.optional(),
  })
  .strict();
export type Scope = z.infer<typeof ScopeSchema>;

export const PrincipalSchema = z.object({
  credentialId: z.string(),
  role: RoleSchema,
  scope: ScopeSchema,
  label: z.string(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/** What a request wants to act on. `anyRole` is for reads every credential may make (the fair). */
export type Permission =
  | { kind: 'anyRole' }
  | { kind: 'organiser' }
  | { kind: 'gate'; gateId: string }
  /** Admitting despite a refusal at a gate: a supervisor's, or an organiser's. */
  | { kind: 'override'; gateId: string }
  /** Recording an incident: an organiser's or a supervisor's. */
  | { kind: 'incident' }
  | { kind: 'workshop'; workshopId: string }
  /** Registering a visitor for a workshop: its host, or the desk. */
  | { kind: 'registration'; workshopId: string }
  | { kind: 'booth'; boothId: string }
  /** Tickets, badges, a visitor's privacy requests: the desk's work. */
  | { kind: 'desk' }
  /** Reading the dashboard and the reports: a viewer's. */
  | { kind: 'watch' };

export function isAllowed(principal: Principal, permission: Permission): boolean {
  if (principal.role === 'organiser') return true;
  switch (permission.kind) {
    case 'anyRole':
      return true;
    case 'organiser':
      return false;
    case 'gate':
      return (
        (principal.role === 'gate' || principal.role === 'supervisor') &&
        (principal.scope.gates ?? []).includes(permission.gateId)
      );
    case 'override':
      return principal.role === 'supervisor' && (principal.scope.gates ?? []).includes(permission.gateId);
    case 'incident':
      return principal.role === 'supervisor';
    case 'workshop':
      return principal.role === 'host' && (principal.scope.workshops ?? []).includes(permission.workshopId);
    case 'registration':
      return (
        principal.role === 'desk' ||
        (principal.role === 'host' && (principal.scope.workshops ?? []).includes(permission.workshopId))
      );
    case 'desk':
      return principal.role === 'desk';
    case 'watch':
      return principal.role === 'viewer';
    case 'booth':
      return principal.role === 'exhibitor' && principal.scope.booth === permission.boothId;
    default: {
      const unreachable: never = permission;
      return unreachable;
    }
  }
}

/** A scope must fit its role: a gate credential names gates, a host names workshops, an exhibitor one booth. */
export function scopeProblems(role: Role, scope: Scope): { path: string; message: string }[] {
  switch (role) {
    case 'organiser':
    case 'desk':
    case 'viewer':
      return [];
    case 'gate':
    case 'supervisor':
      return scope.gates?.length
        ? []
        : [{ path: 'scope.gates', message: `a ${role} credential needs at least one gate id` }];
    case 'host':
      return scope.workshops?.length
        ? []
        : [{ path: 'scope.workshops', message: 'a host credential needs at least one workshop id' }];
    case 'exhibitor':
      return scope.booth ? [] : [{ path: 'scope.booth', message: 'an exhibitor credential needs its booth id' }];
    default: {
      const unreachable: never = role;
      return unreachable;
    }
  }
}
