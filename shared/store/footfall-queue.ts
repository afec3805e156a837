import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FootfallMessage } from '../../events/footfall-message';

/** SQS takes 256 KB a message; a little is kept for the envelope. */
export const MAX_FOOTFALL_MESSAGE_BYTES = 240 * 1024;

/** One message of a booth's checked events on the footfall queue, for the aggregator. */
export async function enqueueFootfall(sqs: SQSClient, queueUrl: string, message: FootfallMessage): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
}
