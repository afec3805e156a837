import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface RawaqFunctionProps {
  /** Folder under functions/ holding handler.ts. */
  name: string;
  /** Another entry file (test fixtures); defaults to functions/<name>/handler.ts. */
  entry?: string;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Every function gets the same defaults: Node 22 on arm64 (cheaper per GB-second), bundled by the
 * local esbuild as an ES module with source maps, the AWS SDK left to the runtime (smaller bundles,
 * faster cold starts), JSON logs kept one month.
 */
export class RawaqFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: RawaqFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    super(scope, id, {
      entry: props.entry ?? path.join(root, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      projectRoot: root,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: `rawaq-${props.name}`,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        externalModules: ['@aws-sdk/*'],
        // Bundled CommonJS dependencies may require() Node built-ins; ESM has no require of its own.
        banner:
          "import { createRequire as rawaqCreateRequire } from 'node:module'; const require = rawaqCreateRequire(import.meta.url);",
      },
    });
  }
}
