import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { CREDENTIAL_ID_INDEX, WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import { allow, featureFunction, type StackParts } from './feature';

/** The fair as the pages read it, who a credential is, credentials themselves, and live occupancy. */
export class FairAndAccess extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts) {
    super(scope, id);
    const { tables, http } = parts;
    const health = featureFunction(this, parts, 'Health', { name: 'health', description: 'GET /v1/health' });
    http.route(health, [{ method: HttpMethod.GET, path: '/v1/health', public: true }]);
    const openApi = featureFunction(this, parts, 'OpenApi', {
      name: 'openapi',
      description: 'GET /v1/openapi.json: the API described (OpenAPI 3.1)',
    });
    http.route(openApi, [{ method: HttpMethod.GET, path: '/v1/openapi.json', public: true }]);

    const getFair = featureFunction(this, parts, 'GetFair', {
      name: 'get-fair',
      description: 'GET /v1/fair',
      environment: {
        FAIR_TABLE: tables.fair.tableName,
        ZONES_TABLE: tables.zones.tableName,
        WORKSHOPS_TABLE: tables.workshops.tableName,
      },
    });
    tables.fair.grantReadData(getFair);
    tables.zones.grantReadData(getFair);
    allow(getFair, ['dynamodb:Query'], [`${tables.workshops.tableArn}/index/${WORKSHOP_LIST_INDEX}`]);
    http.route(getFair, [{ method: HttpMethod.GET, path: '/v1/fair' }]);

    const whoami = featureFunction(this, parts, 'Whoami', { name: 'whoami', description: 'GET /v1/me' });
    http.route(whoami, [{ method: HttpMethod.GET, path: '/v1/me' }]);

    const credentials = featureFunction(this, parts, 'Credentials', {
      name: 'credentials',
      description: 'GET/POST /v1/credentials, POST /v1/credentials/batch, DELETE /v1/credentials/{credentialId}',
      environment: { CREDENTIALS_TABLE: tables.credentials.tableName, FAIR_TABLE: tables.fair.tableName },
    });
    allow(credentials, ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Scan'], [tables.credentials.tableArn]);
    allow(credentials, ['dynamodb:GetItem'], [tables.fair.tableArn]);
    allow(credentials, ['dynamodb:Query'], [`${tables.credentials.tableArn}/index/${CREDENTIAL_ID_INDEX}`]);
    http.route(credentials, [
      { method: HttpMethod.GET, path: '/v1/credentials' },
      { method: HttpMethod.POST, path: '/v1/credentials' },
      { method: HttpMethod.POST, path: '/v1/credentials/batch' },
      { method: HttpMethod.DELETE, path: '/v1/credentials/{credentialId}' },
    ]);

    const occupancy = featureFunction(this, parts, 'Occupancy', {
      name: 'occupancy',
      description: 'GET /v1/occupancy',
      environment: {
        ZONES_TABLE: tables.zones.tableName,
        FAIR_TABLE: tables.fair.tableName,
        STATS_TABLE: tables.stats.tableName,
      },
    });
    tables.zones.grantReadData(occupancy);
    allow(occupancy, ['dynamodb:GetItem', 'dynamodb:Query'], [tables.fair.tableArn]);
    allow(occupancy, ['dynamodb:Query'], [tables.stats.tableArn]);
    http.route(occupancy, [{ method: HttpMethod.GET, path: '/v1/occupancy' }]);
  }
}
