import { CfnOutput, Duration, Lazy, Stack, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  HttpApi,
  type HttpMethod,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { OPERATIONS, routeKeyOf } from '../../shared/contract/operations';
import type { RawaqFunction } from './rawaq-function';

/** A route as the stack makes it, from the contract's operation (shared/contract/operations.ts). */
interface RouteSpec {
  method: HttpMethod;
  path: string;
  /** Public routes (health, keys) skip the authorizer. */
  public: boolean;
  /**
   * A route the gates and doors live on (scans, walk-in counts, door admissions): throttled apart,
   * higher, and without the authorizer: its function authenticates with the authorizer's own code
   * (one invocation a scan, the credential read with the zones an entry raises). Its function is
   * given `gatePathEnvironment` and the grants to read the credentials.
   */
  gatePath: boolean;
}

/** The contract's routes a function answers. */
export function routesOf(functionName: string): RouteSpec[] {
  return OPERATIONS.filter((operation) => operation.fn === functionName).map((operation) => ({
    method: operation.method.toUpperCase() as HttpMethod,
    path: operation.path,
    public: operation.who === 'public',
    gatePath: operation.gatePath === true,
  }));
}

/**
 * Each route's own limit (HTTP API throttles apply per route). Every other route is held well under
 * what a fair needs of it (screens poll every few seconds), so that all of them together stay far
 * under the account's 10,000 requests a second and cannot starve the gate routes, which get their own,
 * higher limit: a fair's peak is a few hundred scans a second.
 */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 };
export const GATE_THROTTLE = { rateLimit: 1000, burstLimit: 2000 };
/** Each credential's budget of requests (the authorizer keeps it): per second/burst. */
export const CREDENTIAL_BUDGET = '20/60';

/**
 * The HTTP API (payload 2.0). Every route but the public ones goes through the Lambda authorizer,
 * with caching off so a revoked credential is refused at once. Its identity source is the
 * `Authorization` header: a request without one is refused by API Gateway (401, its own body
 * `{"message":"Unauthorized"}`) before any function runs, so an anonymous flood costs no Lambda time.
 * A request with a header the authorizer does not know reaches the handler, which answers the
 * contract's 401.
 */
export class RawaqHttpApi extends Construct {
  readonly api: HttpApi;
  private readonly authorizer: IHttpRouteAuthorizer;
  private readonly gateRoutes: string[] = [];
  /** The functions whose routes are on the API: every operation's function must be, at synth. */
  private readonly routed = new Set<string>();

  /** What a gate path's function needs to authenticate: give it in its environment. */
  readonly gatePathEnvironment: Record<string, string>;
  private readonly canAuthenticate: (fn: RawaqFunction) => void;

  constructor(
    scope: Construct,
    id: string,
    props: {
      authorizerFunction: IFunction;
      /** The gate path's functions authenticate themselves: this environment, these grants. */
      gatePath: { environment: Record<string, string>; grant: (fn: RawaqFunction) => void };
    },
  ) {
    super(scope, id);
    this.gatePathEnvironment = props.gatePath.environment;
    this.canAuthenticate = props.gatePath.grant;
    this.api = new HttpApi(this, 'Api', {
      // Named after its stack (so after its fair): two fairs' APIs tell apart in the console.
      apiName: `${Stack.of(this).stackName}-api`,
      createDefaultStage: false,
      description: 'Rawaq fair operations API',
      // No CORS: the pages reach the API under their own origin (CloudFront's `/v1/*`), so no other
      // site's page may call it from a browser.
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    // The gate routes' own limits, known once every feature added its routes.
    (stage.node.defaultChild as CfnStage).routeSettings = Lazy.any({
      produce: () =>
        Object.fromEntries(
          this.gateRoutes.map((routeKey) => [
            routeKey,
            // Written as CloudFormation spells it: a lazy value skips the L1's property mapping.
            { ThrottlingRateLimit: GATE_THROTTLE.rateLimit, ThrottlingBurstLimit: GATE_THROTTLE.burstLimit },
          ]),
        ),
    });
    this.authorizer = new HttpLambdaAuthorizer('CredentialAuthorizer', props.authorizerFunction, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: Duration.seconds(0),
      identitySource: ['$request.header.Authorization'],
    });
    // An operation of the contract whose function the stack never made would be a route missing.
    this.node.addValidation({
      validate: () =>
        OPERATIONS.filter((operation) => !this.routed.has(operation.fn)).map(
          (operation) =>
            `${routeKeyOf(operation)}: the contract gives it to functions/${operation.fn}, which the stack does not put on the API`,
        ),
    });
    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the Rawaq API' });
  }

  /**
   * Puts on the API every route the contract gives this function (none: nothing to do). The contract
   * is the one list of routes: no route is written here or in a feature.
   */
  route(fn: RawaqFunction): void {
    const routes = routesOf(fn.rawaqName);
    if (routes.length === 0) return;
    if (this.routed.has(fn.rawaqName)) throw new Error(`functions/${fn.rawaqName} is on the API twice`);
    this.routed.add(fn.rawaqName);
    // One permission a function for this API (its routes all go to the same integration), not one a
    // route: 80 permissions became 33, room under CloudFormation's 500 resources for new routes.
    const integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn, { scopePermissionToRoute: false });
    if (routes.some((route) => route.gatePath)) this.canAuthenticate(fn);
    for (const route of routes) {
      if (route.gatePath) this.gateRoutes.push(`${route.method} ${route.path}`);
      const added = this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        ...(route.public || route.gatePath ? {} : { authorizer: this.authorizer }),
      });
      const unauthorized = route.public
        ? `${route.method} ${route.path} is public by contract: it serves no data a device must be authorised to see.`
        : route.gatePath
          ? `${route.method} ${route.path} is on the gate path: its function authenticates every request itself, with the authorizer's code, before it reads a table for it (one invocation a scan rather than two).`
          : undefined;
      if (unauthorized) {
        for (const added1 of added)
          Validations.of(added1).acknowledge({ id: 'AwsSolutions::AwsSolutions-APIG4', reason: unauthorized });
      }
    }
  }
}
