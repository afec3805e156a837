import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError, ValidationFailedError } from '#commons/http/errors';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath } from '#commons/http/request';
import { json } from '#commons/http/response';
import { CreateCredentialBatchSchema, CreateCredentialSchema } from '#shared/contract/credentials';
import { scopeProblems } from '#shared/domain/access';
import { credentialHash, newCredential } from '#shared/domain/credential';
import { zoneOf } from '#shared/domain/fair-time';
import {
  CREDENTIAL_MARGIN_DAYS,
  defaultCredentialExpiry,
  latestCredentialExpiry,
  RETENTION_DAYS_AFTER_FAIR,
} from '#shared/domain/retention';
import { dynamo } from '#shared/store/clients';
import { listCredentials, putCredential, revokeCredentialById } from '#shared/store/credentials-store';

export const CredentialPathSchema = z.object({ credentialId: z.uuid() });
const DAY_S = 86_400;

/**
 * POST /v1/credentials (and /batch: up to 200, all checked before any is made), GET /v1/credentials (never a
 * secret) and DELETE /v1/credentials/{credentialId} (organiser). A revoked credential is refused at
 * its next request.
 */
export const handler = httpHandler(
  byRoute('credentials')({
    'GET /v1/credentials': async (event) => {
      requirePermission(event, { kind: 'organiser' });
      const credentials = await listCredentials(dynamo(), resource('CREDENTIALS_TABLE'));
      return json(200, {
        credentials: credentials.map(({ validUntil, expiresAt: _ttl, ...credential }) => ({
          ...credential,
          ...(validUntil ? { expiresAt: validUntil } : {}),
        })),
      });
    },
    'POST /v1/credentials': async (event) => {
      const organiser = requirePermission(event, { kind: 'organiser' });
      const [at, fair] = [now(), await fairMeta()];
      const body = parseJsonBody(event, CreateCredentialSchema);
      const problems = problemsOf(body, at, fair);
      if (problems.length > 0) throw new ValidationFailedError('the credential is not valid', problems);
      return json(201, await make(body, organiser, fair, at));
    },
    'POST /v1/credentials/batch': async (event) => {
      const organiser = requirePermission(event, { kind: 'organiser' });
      const [at, fair] = [now(), await fairMeta()];
      const { credentials } = parseJsonBody(event, CreateCredentialBatchSchema);
      const problems = credentials.flatMap((body, index) =>
        problemsOf(body, at, fair).map((problem) => ({ ...problem, path: `credentials.${index}.${problem.path}` })),
      );
      if (problems.length > 0)
        throw new ValidationFailedError('some credentials are not valid; none was made', problems);
      const made = [];
      for (const body of credentials) made.push(await make(body, organiser, fair, at));
      return json(201, { credentials: made });
    },
    'DELETE /v1/credentials/{credentialId}': async (event) => {
      requirePermission(event, { kind: 'organiser' });
      const { credentialId } = parsePath(event, CredentialPathSchema);
      if (!(await revokeCredentialById(dynamo(), resource('CREDENTIALS_TABLE'), credentialId, now().toISOString())))
        throw new NotFoundError(`no credential ${credentialId} in use (unknown, or revoked already)`);
      return json(200, { credentialId, revoked: true });
    },
  }),
);

type CreateCredential = z.infer<typeof CreateCredentialSchema>;

function problemsOf(body: CreateCredential, at: Date, fair: { days: string[]; timezone: string }) {
  const problems = scopeProblems(body.role, body.scope);
  if (body.expiresAt && Date.parse(body.expiresAt) <= at.getTime())
    problems.push({ path: 'expiresAt', message: 'an expiry in the past makes a credential that never works' });
  // A credential outliving the fair is a key nobody remembers to take back.
  const latest = latestCredentialExpiry(fair.days, zoneOf(fair));
  if (body.expiresAt && Date.parse(body.expiresAt) > Date.parse(latest))
    problems.push({
      path: 'expiresAt',
      message: `a credential may last until ${latest} at the latest (${CREDENTIAL_MARGIN_DAYS} days after the fair)`,
    });
  return problems;
}

/** Stores one credential (hashed) and answers it: the secret is shown this once. */
async function make(
  body: CreateCredential,
  organiser: { credentialId: string; label: string },
  fair: { days: string[]; timezone: string },
  at: Date,
) {
  const validUntil = body.expiresAt ?? defaultCredentialExpiry(fair.days, zoneOf(fair));
  const { credentialId, credential } = newCredential();
  await putCredential(dynamo(), resource('CREDENTIALS_TABLE'), {
    credentialHash: credentialHash(credential),
    credentialId,
    role: body.role,
    scope: body.scope,
    label: body.label,
    createdAt: at.toISOString(),
    createdBy: { credentialId: organiser.credentialId, label: organiser.label },
    validUntil,
    expiresAt: Math.floor(Date.parse(validUntil) / 1000) + RETENTION_DAYS_AFTER_FAIR * DAY_S,
  });
  return { credentialId, credential, role: body.role, scope: body.scope, label: body.label, expiresAt: validUntil };
}
