import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import {
  AssetHashType,
  CfnOutput,
  DefaultStackSynthesizer,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { BUILT_FILES, CONFIG_FILE, PAGES } from '../../web/pages';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WEB = path.join(ROOT, 'web');

/**
 * The pages, built by Vite at synth time (like the functions by esbuild, on this machine, no Docker)
 * into a CDK asset. The local runtime serves this very asset, so what `npm start` shows is what deploys.
 */
export function pagesSource(): ISource {
  return Source.asset(WEB, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Only used if the local build fails to start: the same build in a Node container.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
      command: ['sh', '-c', 'npx vite build --config web/vite.config.ts --outDir /asset-output'],
      local: {
        tryBundle(outputDir: string): boolean {
          const vite = path.join(
            path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
            'bin',
            'vite.js',
          );
          const built = spawnSync(
            process.execPath,
            [
              vite,
              'build',
              '--config',
              path.join(WEB, 'vite.config.ts'),
              '--outDir',
              outputDir,
              '--emptyOutDir',
              '--logLevel',
              'warn',
            ],
            { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
          );
          if (built.status !== 0) throw new Error(`building the pages (vite build) failed with exit ${built.status}`);
          return true;
        },
      },
    },
  });
}

/** The site's files at its root: the pages, web/public's files, what the build adds, the API's base. */
export function rootFiles(): string[] {
  return [
    ...PAGES.map((page) => `${page}.html`),
    ...readdirSync(path.join(WEB, 'public')),
    ...Object.values(BUILT_FILES),
    CONFIG_FILE,
  ].sort();
}

/**
 * The edge's viewer-request function: `/gate` (or `/gate/`) -> `/gate.html`, the pages' short
 * addresses; the site's own files and `/assets/` as they are. Any other address (a typed `/gates`,
 * `/supervise`, `/gate.htm`) goes to the home page, which says so and shows the ways in, rather than
 * the bucket's bare "AccessDenied". `npm start` runs this same code from the template.
 */
export function prettyUrls(): string {
  const set = (names: readonly string[]) => JSON.stringify(Object.fromEntries(names.map((name) => [name, true])));
  return `var PAGES = ${set(PAGES)};
var FILES = ${set(rootFiles())};
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri.indexOf('/assets/') === 0 || FILES[uri.slice(1)] === true) return request;
  var page = uri.replace(/\\/+$/, '').slice(1);
  if (PAGES[page] === true) {
    request.uri = '/' + page + '.html';
    return request;
  }
  return {
    statusCode: 302,
    statusDescription: 'Found',
    headers: {
      location: { value: '/?nopage=' + encodeURIComponent(uri) },
      'cache-control': { value: 'no-store' }
    }
  };
}`;
}

/**
 * What the pages may load and call: their own files, WebAssembly (the QR decoder), inline styles (the
 * charts and bars set them), and the API, which CloudFront serves under the site's own origin
 * (`/v1/*`), so `'self'` names it and nothing else: no other API Gateway host of the Region. `npm
 * start` sends the same header, read from the template, and serves the API on the pages' origin too.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "media-src 'self' blob: mediastream:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The static site on AWS: a private bucket behind CloudFront (origin access control), HTTPS only,
 * security headers, and the API under the same origin (`/v1/*`, passed through uncached), as `npm
 * start` serves them: no CORS, and a CSP that names no other host. Hashed assets are cached for a
 * year; the HTML and `config.json` (the API's base: this origin) are revalidated on every load.
 */
export class PagesSite extends Construct {
  readonly distribution: Distribution;
  readonly url: string;
  private readonly bucket: Bucket;
  private readonly headers: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Rebuilt from the repository on every deploy: nothing in it needs keeping.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Rawaq pages: CSP, HSTS, no framing, no referrer, camera for the site only',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()', override: true },
        ],
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Rawaq pages',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'PrettyUrls', { code: FunctionCode.fromInline(prettyUrls()) }),
          },
        ],
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    new CfnOutput(scope, 'PagesUrl', { value: this.url, description: 'The pages: /gate, /door, /booth, /dashboard' });

    const acknowledge = (construct: Construct, rule: string, reason: string) =>
      Validations.of(construct).acknowledge({ id: `AwsSolutions::AwsSolutions-${rule}`, reason });
    acknowledge(this.bucket, 'S1', 'Static pages rebuilt on each deploy; CloudFront is the only reader (OAC).');
    acknowledge(
      this.distribution,
      'CFR1',
      'Visitors, staff and exhibitors come from anywhere; no country is excluded.',
    );
    acknowledge(this.distribution, 'CFR2', 'Public static pages only; the API behind them throttles and authorizes.');
    acknowledge(
      this.distribution,
      'CFR3',
      'Static pages with no personal data; API access is logged at the API stage.',
    );
    acknowledge(
      this.distribution,
      'CFR4',
      'The default CloudFront domain and certificate; a custom domain with TLS 1.2+ is a deploy-time choice.',
    );
  }

  /**
   * Serves the API under the site's origin, then uploads the pages. `/v1/*` goes to the API's own
   * host, uncached, HTTPS only (a credential never crosses in clear, not even to be redirected), every
   * viewer header passed on but Host (API Gateway answers only its own name): with caching off, that
   * policy passes `Authorization` too. The API's stage throttles and its authorizer stay where they are.
   */
  deploy(api: IHttpApi): void {
    const stack = Stack.of(this);
    this.distribution.addBehavior(
      '/v1/*',
      new HttpOrigin(`${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`),
      {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
    );
    const common = { destinationBucket: this.bucket, distribution: this.distribution, prune: false };
    new BucketDeployment(this, 'Assets', {
      ...common,
      sources: [pagesSource()],
      include: ['assets/*'],
      exclude: ['*'],
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const pages = new BucketDeployment(this, 'Pages', {
      ...common,
      // The API is on this origin, as locally: an empty base.
      sources: [pagesSource(), Source.jsonData(CONFIG_FILE, { apiUrl: '' })],
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      distributionPaths: ['/*'],
    });
    // Both deployments share CDK's one upload function and its role; these are its grants.
    const literal = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    // The bootstrap qualifier the stack is synthesized with (`cdk bootstrap --qualifier`), not a literal.
    const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const assetBucket = `arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${literal(stack.account, 'AccountId')}-${literal(stack.region, 'Region')}/*`;
    const siteBucket = `<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`;
    for (const finding of [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::${assetBucket}`,
      `Resource::${assetBucket.replace('<AWS::Partition>', 'aws')}`,
      `Resource::${siteBucket}`,
      'Resource::*',
    ]) {
      Validations.of(pages.handlerRole).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`,
        reason:
          "CDK's BucketDeployment role: S3 reads of the CDK asset bucket, writes to this site's bucket only, and CloudFront invalidations, which take no resource.",
      });
    }
    Validations.of(pages.handlerRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's BucketDeployment function: the managed policy only lets it write its own logs.",
    });
    // CDK's own uploader (a Python function CDK creates once per stack), not ours to choose a runtime for.
    for (const child of stack.node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions::AwsSolutions-L1',
          reason: "CDK's BucketDeployment uploader: its Python runtime is pinned by aws-cdk-lib, not by this stack.",
        });
      }
    }
  }
}
