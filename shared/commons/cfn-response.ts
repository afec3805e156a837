import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/**
 * A Lambda-backed custom resource answers CloudFormation by a PUT to the pre-signed ResponseURL.
 * Failing to answer leaves a deployment hanging for an hour, so errors are answered too.
 */
export async function answerCloudFormation(
  event: CloudFormationCustomResourceEvent,
  status: 'SUCCESS' | 'FAILED',
  physicalResourceId: string,
  reason = '',
): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason.slice(0, 400) || status,
    PhysicalResourceId: physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: {},
  });
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  if (!response.ok) throw new Error(`CloudFormation refused the answer: ${response.status}`);
}
