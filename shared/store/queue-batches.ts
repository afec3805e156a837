import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * Sends messages ten to a batch (SQS's most). A batch taken in part is an error naming what was
 * refused, for the caller's retry: every queue Rawaq writes to has idempotent consumers, so a message
 * sent twice changes nothing.
 */
export async function sendInBatches(sqs: SQSClient, queueUrl: string, bodies: unknown[], what: string): Promise<void> {
  for (let start = 0; start < bodies.length; start += 10) {
    const { Failed = [] } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies
          .slice(start, start + 10)
          .map((body, index) => ({ Id: String(index), MessageBody: JSON.stringify(body) })),
      }),
    );
    if (Failed.length > 0) throw new Error(`the queue refused ${Failed.length} ${what}: ${Failed[0]?.Message}`);
  }
}
