import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Holds an answer of the API to the OpenAPI document (docs/openapi.json): the operation its method and
 * path name, the status among those documented, the media type, and a JSON body to the schema. The
 * integration client (api-client.ts) checks every answer it receives, so the contract, the schemas and
 * the code cannot drift apart unseen.
 */
interface Response {
  content?: Record<string, { schema: object }>;
  /** `#/components/responses/<name>`: the error answers every operation shares. */
  $ref?: string;
}

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { schemas: Record<string, object>; responses?: Record<string, Response> };
}

const SHARED_RESPONSE = '#/components/responses/';

const document = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
) as Document;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'rawaq', components: document.components }, 'rawaq');

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
  literal: !template.includes('{'),
}));

/** The documented path a request's path falls under: a literal one before one with parameters. */
export function documentedPath(requestPath: string): string | undefined {
  const bare = requestPath.split('?')[0] ?? requestPath;
  const matches = templates.filter(({ pattern }) => pattern.test(bare));
  return (matches.find((match) => match.literal) ?? matches[0])?.template;
}

const compiled = new Map<string, ValidateFunction>();

function validator(key: string, schema: object): ValidateFunction {
  let found = compiled.get(key);
  if (!found) {
    // References point at #/components/...: resolve them against the document's components.
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"rawaq#/components/');
    found = ajv.compile(JSON.parse(text));
    compiled.set(key, found);
  }
  return found;
}

/** What is wrong with an answer, by the document; undefined when it agrees. */
export function openApiProblem(
  method: string,
  requestPath: string,
  status: number,
  contentType: string | null,
  body: unknown,
): string | undefined {
  const template = documentedPath(requestPath);
  const where = `${method} ${requestPath} -> ${status}`;
  // A route the API does not have: API Gateway's own answer, no operation to hold it to.
  if (!template) return status === 404 || status === 403 ? undefined : `${where}: no documented path`;
  const operation = document.paths[template]?.[method.toLowerCase()];
  if (!operation) return status === 404 || status === 405 ? undefined : `${where}: ${method} is not documented`;
  const listed = operation.responses[String(status)];
  const response = listed?.$ref?.startsWith(SHARED_RESPONSE)
    ? document.components.responses?.[listed.$ref.slice(SHARED_RESPONSE.length)]
    : listed;
  if (!response) return `${where}: status ${status} is not documented for ${method} ${template}`;
  const media = contentType?.split(';')[0]?.trim() ?? '';
  const expected = response.content?.[media];
  if (!expected)
    return `${where}: ${media || 'no content type'} is not documented (${Object.keys(response.content ?? {})})`;
  if (media !== 'application/json') return undefined;
  const validate = validator(`${method} ${template} ${status}`, expected.schema);
  if (validate(body)) return undefined;
  return `${where}: ${ajv.errorsText(validate.errors, { dataVar: 'body' })} in ${JSON.stringify(body).slice(0, 300)}`;
}
