import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld } from './conditional';

/**
 * The day's budget of visitors registering themselves from a booth's poster (fair table,
 * `SELFREG#<day>`, one counter): a public route that makes tickets is bounded, so a script cannot fill
 * the tickets table. A conditional increment: the budget is never overshot, however many at once.
 */
export async function takeSelfRegistration(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
  budget: number,
  expiresAt: number,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `SELFREG#${day}`, sk: 'count' },
        UpdateExpression: 'ADD taken :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(taken) OR taken < :budget',
        ExpressionAttributeValues: { ':one': 1, ':budget': budget, ':expires': expiresAt },
      }),
    ),
  );
}
