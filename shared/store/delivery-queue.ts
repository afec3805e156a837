import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AlertDelivery } from '../../events/alert-delivery';
import { sendInBatches } from './queue-batches';

/** Puts webhook deliveries on the alert delivery queue (a delivery sent twice carries its id). */
export function enqueueDeliveries(sqs: SQSClient, queueUrl: string, deliveries: AlertDelivery[]): Promise<void> {
  return sendInBatches(sqs, queueUrl, deliveries, 'deliveries');
}
