import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AlertDelivery } from '../../events/alert-delivery';

/** Puts webhook deliveries on the alert delivery queue, ten to a batch (SQS's most). */
export async function enqueueDeliveries(sqs: SQSClient, queueUrl: string, deliveries: AlertDelivery[]): Promise<void> {
  for (let start = 0; start < deliveries.length; start += 10) {
    const { Failed = [] } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: deliveries
          .slice(start, start + 10)
          .map((delivery, index) => ({ Id: String(index), MessageBody: JSON.stringify(delivery) })),
      }),
    );
    // A batch can be refused in part: what was not taken is an error, for the caller's retry.
    if (Failed.length > 0)
      throw new Error(`the delivery queue refused ${Failed.length} deliveries: ${Failed[0]?.Message}`);
  }
}
