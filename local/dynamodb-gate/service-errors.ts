/**
 * DynamoDB's error bodies as the SDK parses them (`__type` names the exception), for the refusals the
 * gate makes on the service's behalf.
 */
export interface ServiceError {
  __type: string;
  Message: string;
  CancellationReasons?: { Code: string; Message?: string }[];
}

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#';

export const serviceError = (exception: string, message: string): ServiceError => ({
  __type: `${DYNAMODB}${exception}`,
  Message: message,
});

/**
 * A transaction cancelled, with a reason per item in its order (`None` for the items that were not the
 * cause), as the service words it.
 */
export function transactionCanceled(reasons: (string | undefined)[], message: string): ServiceError {
  const codes = reasons.map((reason) => reason ?? 'None');
  return {
    ...serviceError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    ),
    CancellationReasons: codes.map((Code) => (Code === 'None' ? { Code } : { Code, Message: message })),
  };
}
