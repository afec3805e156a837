import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answerCloudFormation } from '#shared/cfn-response';
import { resource } from '#shared/config';
import { credentialHash } from '#shared/domain/credential';
import { defaultCredentialExpiry } from '#shared/domain/retention';
import { demoFair } from '#shared/fair/demo-fair';
import { logger } from '#shared/logger';
import { TicketKeyring } from '#shared/signing-keys';
import { dynamo, secrets } from '#shared/store/clients';
import { putCredential } from '#shared/store/credentials-store';
import { putFairDescription } from '#shared/store/fair-store';
import { publishPublicKeys } from '#shared/store/public-keys-store';
import { readSecret } from '#shared/store/secret-store';
import { putWorkshopIfAbsent } from '#shared/store/workshops-store';
import { createZoneIfAbsent } from '#shared/store/zones-store';

export const BOOTSTRAP_CREDENTIAL_ID = '00000000-0000-4000-8000-000000000001';

/**
 * Custom resource run at deploy (and by the local runtime at start): loads the demo fair, publishes the
 * ticket-verifying public keys, and registers the first organiser credential, whose secret Secrets
 * Manager generated and keeps. Every step is idempotent, so an update or a second start changes nothing
 * that was already there; a first credential that was revoked stays revoked (its tombstone stays).
 */
async function seed(): Promise<void> {
  const client = dynamo();
  await putFairDescription(client, resource('FAIR_TABLE'), demoFair);
  const now = new Date().toISOString();
  for (const zone of demoFair.zones) await createZoneIfAbsent(client, resource('ZONES_TABLE'), zone, now);
  for (const item of demoFair.workshops) {
    await putWorkshopIfAbsent(client, resource('WORKSHOPS_TABLE'), {
      ...item,
      admitted: 0,
      registered: 0,
      waitlisted: 0,
      listKey: 'WORKSHOP',
    });
  }
  const keyring = new TicketKeyring(await readSecret(secrets(), resource('SIGNING_KEY_SECRET_ARN')));
  await publishPublicKeys(client, resource('FAIR_TABLE'), keyring.publicKeys());
  const organiserSecret = await readSecret(secrets(), resource('ORGANISER_SECRET_ARN'));
  await putCredential(client, resource('CREDENTIALS_TABLE'), {
    credentialHash: credentialHash(organiserSecret),
    credentialId: BOOTSTRAP_CREDENTIAL_ID,
    role: 'organiser',
    scope: {},
    label: 'first organiser (from the stack)',
    createdAt: now,
    validUntil: defaultCredentialExpiry(demoFair.days, demoFair.timezone),
  });
}

export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const physicalId = `rawaq-seed-${demoFair.fairId}`;
  try {
    if (event.RequestType !== 'Delete') await seed();
    await answerCloudFormation(event, 'SUCCESS', physicalId);
  } catch (error) {
    logger.error('seed failed', { error: error as Error });
    await answerCloudFormation(event, 'FAILED', physicalId, (error as Error).message);
  }
}
