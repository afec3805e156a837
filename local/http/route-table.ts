import type { RouteSpec } from '../template/topology';

export interface MatchedRoute {
  route: RouteSpec;
  pathParameters: Record<string, string> | undefined;
}

interface CompiledRoute {
  route: RouteSpec;
  method: string;
  pattern: RegExp;
  names: string[];
  score: number;
}

/**
 * API Gateway's route selection: an exact path wins over a parameterized one, a parameterized one over
 * a greedy `{proxy+}`, and `$default` catches what nothing else matches.
 */
export class RouteTable {
  private readonly compiled: CompiledRoute[];
  private readonly fallback: RouteSpec | undefined;

  constructor(routes: RouteSpec[]) {
    this.fallback = routes.find((route) => route.routeKey === '$default');
    this.compiled = routes
      .filter((route) => route.routeKey !== '$default')
      .map((route) => {
        const [method = 'ANY', routePath = '/'] = route.routeKey.split(' ');
        const names: string[] = [];
        let literal = 0;
        let greedy = false;
        const source = routePath
          .split('/')
          .map((segment) => {
            const param = /^\{([^}+]+)(\+?)\}$/.exec(segment);
            if (!param) {
              literal += 1;
              return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            }
            names.push(param[1] ?? '');
            if (param[2]) {
              greedy = true;
              return '(.+)';
            }
            return '([^/]+)';
          })
          .join('/');
        return {
          route,
          method,
          names,
          pattern: new RegExp(`^${source}$`),
          score: (greedy ? 0 : 1000) + literal * 10 - names.length,
        };
      })
      .sort((a, b) => b.score - a.score);
  }

  match(method: string, path: string): MatchedRoute | undefined {
    for (const candidate of this.compiled) {
      if (candidate.method !== 'ANY' && candidate.method !== method) continue;
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      const pathParameters: Record<string, string> = {};
      candidate.names.forEach((name, index) => {
        pathParameters[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { route: candidate.route, pathParameters: candidate.names.length ? pathParameters : undefined };
    }
    return this.fallback ? { route: this.fallback, pathParameters: undefined } : undefined;
  }
}
