/**
 * Resolves the few CloudFormation intrinsics a CDK template uses in the places the local runtime
 * reads (environment variables, ARNs, names): Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select.
 */
export interface Resolver {
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): string;
}

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'Rawaq',
  'AWS::NoValue': '',
};

export function resolveValue(value: unknown, resolver: Resolver): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if ('Ref' in node) {
      const id = String(node.Ref);
      return PSEUDO[id] ?? resolver.ref(id);
    }
    if ('Fn::GetAtt' in node) {
      const [id, attribute] = node['Fn::GetAtt'] as [string, string];
      return resolver.getAtt(id, attribute);
    }
    if ('Fn::Join' in node) {
      const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map((part) => resolveValue(part, resolver)).join(separator);
    }
    if ('Fn::Select' in node) {
      const [index, list] = node['Fn::Select'] as [number, unknown[]];
      return resolveValue(list[Number(index)], resolver);
    }
    if ('Fn::Sub' in node) {
      const template = Array.isArray(node['Fn::Sub']) ? String(node['Fn::Sub'][0]) : String(node['Fn::Sub']);
      return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        const [id, attribute] = name.split('.');
        if (attribute) return resolver.getAtt(id ?? '', attribute);
        return PSEUDO[name] ?? resolver.ref(name);
      });
    }
  }
  throw new Error(`cannot resolve template value ${JSON.stringify(value)}`);
}

/** The logical id a Ref/GetAtt (possibly inside a Join, as CDK writes integration targets) points at. */
export function referencedId(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const node = value as Record<string, unknown>;
  if ('Ref' in node) return String(node.Ref);
  if ('Fn::GetAtt' in node) return String((node['Fn::GetAtt'] as unknown[])[0]);
  if ('Fn::Join' in node) {
    for (const part of (node['Fn::Join'] as [string, unknown[]])[1]) {
      const id = referencedId(part);
      if (id) return id;
    }
  }
  return undefined;
}
