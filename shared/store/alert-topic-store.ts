import {
  ListSubscriptionsByTopicCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';

/**
 * The people on the alert topic: organisers' phones (SMS) and addresses (e-mail), subscribed from the
 * alerts page. An e-mail address must confirm from the message AWS sends it before it receives alerts;
 * until then it has no subscription ARN and cannot be removed (it lapses unconfirmed after 3 days).
 */
export interface TopicPerson {
  /** The subscription ARN's own id (a UUID), once confirmed. */
  subscriptionId?: string;
  kind: 'sms' | 'email';
  to: string;
  pending: boolean;
}

const PROTOCOLS = { sms: 'sms', email: 'email' } as const;
const idOf = (arn: string | undefined) => (arn?.startsWith('arn:') ? arn.slice(arn.lastIndexOf(':') + 1) : undefined);

export async function subscribePerson(
  client: SNSClient,
  topicArn: string,
  kind: TopicPerson['kind'],
  to: string,
): Promise<TopicPerson> {
  const { SubscriptionArn } = await client.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: PROTOCOLS[kind], Endpoint: to, ReturnSubscriptionArn: true }),
  );
  const subscriptionId = kind === 'email' ? undefined : idOf(SubscriptionArn);
  return { ...(subscriptionId ? { subscriptionId } : {}), kind, to, pending: subscriptionId === undefined };
}

export async function listPeople(client: SNSClient, topicArn: string): Promise<TopicPerson[]> {
  const people: TopicPerson[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }));
    for (const subscription of page.Subscriptions ?? []) {
      const kind = subscription.Protocol === 'sms' ? 'sms' : subscription.Protocol === 'email' ? 'email' : undefined;
      if (!kind || !subscription.Endpoint) continue;
      const confirmed = subscription.SubscriptionArn?.startsWith('arn:') === true;
      const subscriptionId = confirmed ? idOf(subscription.SubscriptionArn) : undefined;
      people.push({
        ...(subscriptionId ? { subscriptionId } : {}),
        kind,
        to: subscription.Endpoint,
        pending: !confirmed,
      });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return people;
}

/** Removes a confirmed person by their subscription's id; false when the topic has no such one. */
export async function unsubscribePerson(client: SNSClient, topicArn: string, subscriptionId: string): Promise<boolean> {
  if (!(await listPeople(client, topicArn)).some((person) => person.subscriptionId === subscriptionId)) return false;
  await client.send(new UnsubscribeCommand({ SubscriptionArn: `${topicArn}:${subscriptionId}` }));
  return true;
}
