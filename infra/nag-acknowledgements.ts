import { type Stack, Validations } from 'aws-cdk-lib';

/**
 * Findings accepted for the whole stack, each with its reason. Anything not listed here fails
 * `npm run synth` and the infra tests.
 */
export function applyStackWideAcknowledgements(stack: Stack): void {
  const acknowledge = (id: string, reason: string) =>
    Validations.of(stack).acknowledge({ id: `AwsSolutions::${id}`, reason });
  acknowledge(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AWSLambdaBasicExecutionRole only lets a function write its own logs; CDK attaches it to every function.',
  );
  acknowledge(
    'AwsSolutions-APIG4',
    'Every route but /v1/health and /v1/keys has the Lambda authorizer; those two are public by contract.',
  );
  acknowledge(
    'AwsSolutions-L1',
    'Functions pin nodejs22.x, the runtime this code is tested on; the check asks for the newest family.',
  );
}
