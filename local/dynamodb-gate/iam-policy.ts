import { type Resolver, resolveValue } from '../template/intrinsics';
import type { PolicyStatementSpec } from '../template/topology-types';
import type { ItemCall } from './calls';

/**
 * A function's role policy as IAM evaluates it, for the calls the local runtime sees: an explicit
 * Deny wins, then any Allow whose action and resource match (with `*` and `?` wildcards), else the
 * implicit deny. Conditions: `dynamodb:LeadingKeys` (the partition keys an item call touches) is
 * evaluated; a statement with any other condition never matches (an Allow we cannot check is not
 * assumed to apply).
 */
export type PolicyRequest = Pick<ItemCall, 'action' | 'resource' | 'leadingKeys'>;

export type Decision = 'allowed' | 'explicitly denied' | 'not allowed';

interface Statement {
  effect: 'Allow' | 'Deny';
  actions: RegExp[];
  resources: RegExp[];
  leadingKeys?: string[];
  unsupported: boolean;
}

const glob = (pattern: string, flags = '') =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );

function resolveAll(value: unknown, resolver: Resolver): string[] {
  return [value].flat().flatMap((entry) => {
    try {
      return [resolveValue(entry, resolver)];
    } catch {
      return []; // a resource the local runtime does not provide (a log group, a key): never asked for here
    }
  });
}

export class FunctionPolicy {
  private constructor(private readonly statements: Statement[]) {}

  static resolve(specs: PolicyStatementSpec[], resolver: Resolver): FunctionPolicy {
    return new FunctionPolicy(
      specs.map((spec) => {
        const conditions = Object.entries(spec.Condition ?? {});
        const leading = conditions.find(
          ([operator, keys]) => operator === 'ForAnyValue:StringEquals' && 'dynamodb:LeadingKeys' in keys,
        );
        return {
          effect: spec.Effect,
          actions: [spec.Action].flat().map((action) => glob(action, 'i')),
          resources: resolveAll(spec.Resource, resolver).map((resource) => glob(resource)),
          ...(leading ? { leadingKeys: [leading[1]['dynamodb:LeadingKeys']].flat().map(String) } : {}),
          unsupported: conditions.length > (leading ? 1 : 0),
        };
      }),
    );
  }

  decide(request: PolicyRequest): Decision {
    const applies = (statement: Statement) =>
      !statement.unsupported &&
      statement.actions.some((action) => action.test(request.action)) &&
      statement.resources.some((resource) => resource.test(request.resource)) &&
      (!statement.leadingKeys || request.leadingKeys.some((key) => statement.leadingKeys?.includes(key)));
    const matching = this.statements.filter(applies);
    if (matching.some((statement) => statement.effect === 'Deny')) return 'explicitly denied';
    return matching.some((statement) => statement.effect === 'Allow') ? 'allowed' : 'not allowed';
  }
}
