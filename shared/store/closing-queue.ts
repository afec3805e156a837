import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SweepJobMessage } from '../../events/sweep-job';
import { sendInBatches } from './queue-batches';

/** Puts a closing's sweep jobs on the closing queue (a job queued twice changes nothing). */
export function enqueueSweepJobs(sqs: SQSClient, queueUrl: string, jobs: SweepJobMessage[]): Promise<void> {
  return sendInBatches(sqs, queueUrl, jobs, 'sweep jobs');
}
