import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import fairFile from 'rawaq-fair-file';
import { answerCloudFormation } from '#commons/cfn-response';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { logger } from '#commons/logger';
import { FIRST_ORGANISER_ID, FIRST_ORGANISER_LABEL } from '#shared/contract/credentials';
import { credentialHash } from '#shared/domain/credential';
import type { Fair } from '#shared/domain/fair';
import { zoneDatabaseDisagreements, zoneOf } from '#shared/domain/fair-time';
import { defaultCredentialExpiry } from '#shared/domain/retention';
import { TicketKeyring } from '#shared/domain/signing-keys';
import { parseFair } from '#shared/fair/parse-fair';
import { dynamo, secrets } from '#shared/store/clients';
import { putCredential } from '#shared/store/credentials-store';
import { publishPublicKeys } from '#shared/store/public-keys-store';
import { readSecret } from '#shared/store/secret-store';
import { applyFair } from '#shared/use-cases/apply-fair';

function bundledFair(): Fair {
  const parsed = parseFair(fairFile);
  if (!parsed.ok)
    throw new Error(
      `the fair's file is not valid; nothing was applied: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return parsed.fair;
}

/**
 * Custom resource run at deploy (and by the local runtime at start): applies the fair's file (bundled
 * at synth), publishes the ticket-verifying public keys, and registers the first organiser credential,
 * whose secret Secrets Manager generated and keeps. Every step is idempotent, so an update or a second
 * start changes nothing that was already there; a first credential that was revoked stays revoked (its
 * tombstone stays); what an organiser changed on the day stays changed.
 */
async function seed(): Promise<void> {
  const client = dynamo();
  const fair = bundledFair();
  const applied = await applyFair(
    {
      client,
      tables: {
        fair: resource('FAIR_TABLE'),
        zones: resource('ZONES_TABLE'),
        workshops: resource('WORKSHOPS_TABLE'),
      },
      now: () => new Date(),
    },
    fair,
  );
  logger.info(applied.summary);
  for (const note of applied.notes) logger.warn(`fair file: ${note}`);
  if (fair.utcOffsets) {
    const disagreements = zoneDatabaseDisagreements(fair.utcOffsets, fair.timezone);
    if (disagreements.length > 0)
      logger.error(
        `this runtime's zone database (tz ${process.versions.tz ?? 'unknown'}) disagrees with the fair's file on ${fair.timezone}: the file's offsets are used`,
        { disagreements },
      );
  }
  // Read afresh at every deploy: the secret may have been rotated since this instance last read it.
  const keyring = new TicketKeyring(await readSecret(secrets(), resource('SIGNING_KEY_SECRET_ARN'), 0));
  await publishPublicKeys(client, resource('FAIR_TABLE'), keyring.publicKeys(), keyring.retired, now().toISOString());
  const organiserSecret = await readSecret(secrets(), resource('ORGANISER_SECRET_ARN'));
  await putCredential(client, resource('CREDENTIALS_TABLE'), {
    credentialHash: credentialHash(organiserSecret),
    credentialId: FIRST_ORGANISER_ID,
    role: 'organiser',
    scope: {},
    label: FIRST_ORGANISER_LABEL,
    createdAt: new Date().toISOString(),
    validUntil: defaultCredentialExpiry(fair.days, zoneOf(fair)),
  });
}

async function handle(event: CloudFormationCustomResourceEvent): Promise<void> {
  const physicalId = `rawaq-seed-${(fairFile as { fairId?: string }).fairId ?? 'fair'}`;
  try {
    if (event.RequestType !== 'Delete') await seed();
    await answerCloudFormation(event, 'SUCCESS', physicalId);
  } catch (error) {
    logger.error('seed failed', { error: error as Error });
    await answerCloudFormation(event, 'FAILED', physicalId, (error as Error).message);
  }
}

export const handler = eventHandler(handle);
