import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * Brings received messages back sooner (or later) than their queue's visibility timeout: a failed
 * message retried with backoff. Best effort: a message whose change fails still comes back after the
 * queue's own timeout, so a failure here is swallowed, never thrown.
 */
export async function returnMessagesAfter(
  sqs: SQSClient,
  queueUrl: string,
  messages: { receiptHandle: string; seconds: number }[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    await sqs
      .send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: messages.slice(start, start + 10).map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.receiptHandle,
            VisibilityTimeout: message.seconds,
          })),
        }),
      )
      .catch(() => undefined);
  }
}
