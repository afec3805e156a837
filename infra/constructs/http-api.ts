import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
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

export interface RouteSpec {
  method: HttpMethod;
  path: string;
  /** Public routes (health, keys) skip the authorizer. */
  public?: boolean;
}

/** Stage-wide limits: well above a fair's peak (a few hundred scans a second), well below abuse. */
export const API_THROTTLE = { rateLimit: 500, burstLimit: 1000 };

/**
 * The HTTP API (payload 2.0). Every route but the public ones goes through the Lambda authorizer,
 * with caching off so a revoked credential is refused at once; no identity source is required so the
 * authorizer also sees requests without a credential and the handler answers them in the contract's
 * shape.
 */
export class RawaqHttpApi extends Construct {
  readonly api: HttpApi;
  private readonly authorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: { authorizerFunction: IFunction; pageOrigins: string[] }) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      // Named after its stack (so after its fair): two fairs' APIs tell apart in the console.
      apiName: `${Stack.of(this).stackName}-api`,
      createDefaultStage: false,
      description: 'Rawaq fair operations API',
      // The pages are served from CloudFront, another origin: only they may call from a browser.
      corsPreflight: {
        allowOrigins: props.pageOrigins,
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
        maxAge: Duration.days(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    this.authorizer = new HttpLambdaAuthorizer('CredentialAuthorizer', props.authorizerFunction, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: Duration.seconds(0),
      identitySource: [],
    });
    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the Rawaq API' });
  }

  route(fn: IFunction, routes: RouteSpec[]): void {
    const integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn);
    for (const route of routes) {
      const added = this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        ...(route.public ? {} : { authorizer: this.authorizer }),
      });
      if (route.public) {
        for (const publicRoute of added) {
          Validations.of(publicRoute).acknowledge({
            id: 'AwsSolutions::AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is public by contract: it serves no data a device must be authorised to see.`,
          });
        }
      }
    }
  }
}
