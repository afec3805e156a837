import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A credential is 32 random bytes, prefixed so it is recognisable in a leak scanner. */
export function newCredential(): { credentialId: string; credential: string } {
  return { credentialId: randomUUID(), credential: `rwq_${randomBytes(32).toString('base64url')}` };
}

export function credentialHash(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('hex');
}

/** `Authorization: Bearer <credential>`; anything else is no credential at all. */
export function bearerCredential(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S{8,512})\s*$/i.exec(header ?? '');
  return match?.[1];
}
