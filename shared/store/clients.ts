import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryingConflicts } from './conditional';

/**
 * SDK clients, made once per function instance and shared by its adapters. Endpoints come from the
 * environment (AWS_ENDPOINT_URL_DYNAMODB and friends), which is how the local runtime points the same
 * code at DynamoDB Local and the SQS/SNS emulator. Retries are the SDK's own (exponential backoff).
 */
let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;
let snsClient: SNSClient | undefined;
let secretsClient: SecretsManagerClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  if (!documentClient) {
    const client = new DynamoDBClient({ maxAttempts: 5 });
    retrySingleWritesOnConflict(client);
    documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }
  return documentClient;
}

/**
 * A single PutItem, UpdateItem or DeleteItem on an item a transaction holds fails with
 * TransactionConflictException, which the SDK does not retry (a 400): nothing was applied, so it is
 * sent again, after the same growing, jittered waits as a transaction's (shared/store/conditional.ts).
 * Transactions themselves are retried by `writeTransaction`, which needs their cancellation reasons.
 */
function retrySingleWritesOnConflict(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next) => (args) =>
      retryingConflicts(
        () => next(args),
        (error) => (error as Error).name === 'TransactionConflictException',
      ),
    { step: 'initialize', name: 'retrySingleWritesOnConflict' },
  );
}

export function sqs(): SQSClient {
  sqsClient ??= new SQSClient({ maxAttempts: 5 });
  return sqsClient;
}

export function sns(): SNSClient {
  snsClient ??= new SNSClient({ maxAttempts: 5 });
  return snsClient;
}

export function secrets(): SecretsManagerClient {
  secretsClient ??= new SecretsManagerClient({ maxAttempts: 5 });
  return secretsClient;
}
