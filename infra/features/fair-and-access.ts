import { Construct } from 'constructs';
import { CREDENTIAL_ID_INDEX, WORKSHOP_LIST_INDEX } from '../../shared/store/index-names';
import { bindTable, featureFunction, type StackParts } from './feature';

/** The fair as the pages read it, who a credential is, credentials themselves, and live occupancy. */
export class FairAndAccess extends Construct {
  constructor(scope: Construct, id: string, parts: StackParts) {
    super(scope, id);
    const { tables } = parts;
    featureFunction(this, parts, 'Health', { name: 'health', description: 'GET /v1/health' });
    featureFunction(this, parts, 'OpenApi', {
      name: 'openapi',
      description: 'GET /v1/openapi.json: the API described (OpenAPI 3.1)',
    });

    const getFair = featureFunction(this, parts, 'GetFair', {
      name: 'get-fair',
      description: 'GET /v1/fair',
    });
    bindTable(getFair, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem']);
    bindTable(getFair, tables.zones, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem']);
    bindTable(getFair, tables.workshops, ['dynamodb:Query'], { index: WORKSHOP_LIST_INDEX });

    featureFunction(this, parts, 'Whoami', { name: 'whoami', description: 'GET /v1/me' });

    const credentials = featureFunction(this, parts, 'Credentials', {
      name: 'credentials',
      description: 'GET/POST /v1/credentials, POST /v1/credentials/batch, DELETE /v1/credentials/{credentialId}',
    });
    bindTable(credentials, tables.credentials, ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Scan']);
    bindTable(credentials, tables.fair, ['dynamodb:GetItem']);
    bindTable(credentials, tables.credentials, ['dynamodb:Query'], { index: CREDENTIAL_ID_INDEX });

    const occupancy = featureFunction(this, parts, 'Occupancy', {
      name: 'occupancy',
      description: 'GET /v1/occupancy',
    });
    bindTable(occupancy, tables.zones, [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:BatchGetItem',
    ]);
    bindTable(occupancy, tables.fair, ['dynamodb:GetItem', 'dynamodb:Query']);
    bindTable(occupancy, tables.stats, ['dynamodb:Query']);
  }
}
