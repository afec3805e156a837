import * as path from 'node:path';
import { AssetHashType, Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { ResourceVariable } from '../../shared/commons/config';
import { resourcesOf } from '../../shared/commons/function-resources';
import { FunctionBundling, functionEntry } from './function-bundles';

export interface RawaqFunctionProps {
  /** Folder under functions/ holding handler.ts. */
  name: string;
  /** Another entry file (test fixtures); defaults to functions/<name>/handler.ts. */
  entry?: string;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  /** Concurrency set aside for this function alone (and its cap): the gate path's, see tickets-and-scans. */
  reservedConcurrentExecutions?: number;
  /**
   * Resource variables the code reads that no `bind` gives (shared/commons/config.ts): a misspelled one
   * does not compile. A table, a queue or a secret the function calls is bound instead (`bind`).
   */
  environment?: Partial<Record<ResourceVariable, string>>;
  /** esbuild aliases of this function's bundle alone (the seed's to the fair's file). */
  alias?: Record<string, string>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * A function's resource variables, held at synth to what its code reads (shared/commons/function-resources.ts):
 * one missing would fail at the first request that needs it, one more is a name it has no use for.
 * Functions from elsewhere (test fixtures, given an `entry`) are not in that list.
 */
export function checkedEnvironment(props: Pick<RawaqFunctionProps, 'name' | 'entry' | 'environment'>) {
  const environment = props.environment ?? {};
  const reads = resourcesOf(props.name);
  if (props.entry !== undefined && reads === undefined) return environment;
  if (reads === undefined)
    throw new Error(`functions/${props.name} is not in shared/commons/function-resources.ts: list what it reads there`);
  const given = Object.keys(environment);
  const missing = reads.filter((name) => !given.includes(name));
  const unread = given.filter((name) => !(reads as readonly string[]).includes(name));
  if (missing.length > 0 || unread.length > 0)
    throw new Error(
      [
        `functions/${props.name}:`,
        missing.length > 0 ? `reads ${missing.join(', ')}, which the stack does not give it;` : '',
        unread.length > 0 ? `is given ${unread.join(', ')}, which it never reads;` : '',
        'see shared/commons/function-resources.ts',
      ]
        .filter(Boolean)
        .join(' '),
    );
  return environment;
}

/**
 * One resource a function is bound to: the variable naming it, and the actions granted on it (listed
 * here; a queue's, a topic's or a secret's grant is CDK's helper for it, `granted` names it).
 */
export interface Binding {
  variable: ResourceVariable;
  actions: string[];
  resources: string[];
  granted?: string;
}

/** What a binding grants: these actions on these ARNs, or a CDK grant helper (named, for the record). */
export type Grant =
  | { actions: string[]; resources: string[] }
  | { granted: string; grant: (fn: RawaqFunction) => void };

/**
 * Every function gets the same defaults: Node 24 on arm64 (cheaper per GB-second; Node 22 reaches its
 * end of life in April 2027, weeks after the fair), bundled by the local esbuild as an ES module with
 * source maps and the AWS SDK inside (./function-bundles.ts), credentials from the environment only,
 * JSON logs kept one month.
 */
export class RawaqFunction extends LambdaFunction {
  /** Its folder under functions/: what the stack knows it by. */
  readonly rawaqName: string;
  /** Every `bind` call: the one source of its resource variables and of its grants on them. */
  readonly bindings: Binding[] = [];
  private readonly variables: Partial<Record<ResourceVariable, string>>;

  constructor(scope: Construct, id: string, props: RawaqFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    const entry = props.entry ?? functionEntry(props.name);
    super(scope, id, {
      // The asset's hash is its bundle's (as NodejsFunction's): a change that alters no bundle deploys nothing.
      code: Code.fromAsset(root, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: new FunctionBundling(entry, props.alias ?? {}),
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.reservedConcurrentExecutions
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: `rawaq-${props.name}`,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
    this.rawaqName = props.name;
    this.variables = { ...props.environment };
    // Held at synth, once every binding is made, to what the code reads.
    this.node.addValidation({
      validate: () => {
        try {
          checkedEnvironment({ ...props, environment: this.variables });
          return [];
        } catch (error) {
          return [(error as Error).message];
        }
      },
    });
    if (this.role) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'AWSLambdaBasicExecutionRole only lets this function write its own logs; CDK attaches it to every function.',
      });
    }
  }

  /**
   * Binds the function to a resource in one call: the variable that names it (set once, however many
   * bindings name it), and its grant: exactly these actions on these ARNs (a table, or its indexes),
   * or the resource's own CDK grant helper (a queue's, a topic's, a secret's).
   */
  bind(variable: ResourceVariable, name: string, grant: Grant): void {
    const named = this.variables[variable];
    if (named === undefined) {
      this.addEnvironment(variable, name);
      this.variables[variable] = name;
    } else if (named !== name) {
      throw new Error(`functions/${this.rawaqName}: ${variable} is bound to two resources`);
    }
    if ('grant' in grant) {
      grant.grant(this);
      this.bindings.push({ variable, actions: [], resources: [], granted: grant.granted });
    } else {
      this.addToRolePolicy(new PolicyStatement({ actions: grant.actions, resources: grant.resources }));
      this.bindings.push({ variable, actions: grant.actions, resources: grant.resources });
    }
  }
}
