import { z } from 'zod';
import { resource } from '#shared/config';
import { RoleSchema, ScopeSchema, scopeProblems } from '#shared/domain/access';
import { credentialHash, newCredential } from '#shared/domain/credential';
import { NotFoundError, ValidationFailedError } from '#shared/http/errors';
import { httpHandler } from '#shared/http/http-handler';
import { requirePermission } from '#shared/http/principal';
import { parseJsonBody, parsePath } from '#shared/http/request';
import { json } from '#shared/http/response';
import { dynamo } from '#shared/store/clients';
import { deleteCredentialById, putCredential } from '#shared/store/credentials-store';

export const CreateCredentialSchema = z
  .object({ role: RoleSchema, scope: ScopeSchema.default({}), label: z.string().trim().min(1).max(120) })
  .strict();
const CredentialPathSchema = z.object({ credentialId: z.uuid() });

/** POST /v1/credentials and DELETE /v1/credentials/{credentialId} (organiser). */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const table = resource('CREDENTIALS_TABLE');
  if (event.routeKey.startsWith('DELETE')) {
    const { credentialId } = parsePath(event, CredentialPathSchema);
    if (!(await deleteCredentialById(dynamo(), table, credentialId))) {
      throw new NotFoundError(`no credential ${credentialId}`);
    }
    return json(200, { credentialId, revoked: true });
  }
  const body = parseJsonBody(event, CreateCredentialSchema);
  const problems = scopeProblems(body.role, body.scope);
  if (problems.length > 0) throw new ValidationFailedError('the scope does not fit the role', problems);
  const { credentialId, credential } = newCredential();
  await putCredential(dynamo(), table, {
    credentialHash: credentialHash(credential),
    credentialId,
    role: body.role,
    scope: body.scope,
    label: body.label,
    createdAt: new Date().toISOString(),
  });
  return json(201, { credentialId, credential, role: body.role, scope: body.scope, label: body.label });
});
