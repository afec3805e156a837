import type { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { listPeople, subscribePerson } from '../../shared/store/alert-topic-store';

/**
 * What AWS answers and the emulator does not: an e-mail subscription waits as "PendingConfirmation"
 * (no ARN) until its address confirms. Fed the service's own answer shapes.
 */
const TOPIC = 'arn:aws:sns:eu-west-3:123456789012:Rawaq-AlertTopic';
const client = (answer: unknown) => ({ send: async () => answer }) as unknown as SNSClient;

describe('the people on the alert topic, as AWS lists them', () => {
  it('marks an unconfirmed address pending, without an id to remove it by, and pages through the list', async () => {
    const pages = [
      {
        Subscriptions: [
          {
            Protocol: 'sms',
            Endpoint: '+212661223344',
            SubscriptionArn: `${TOPIC}:0f5c1b6e-1111-4a4a-9a9a-000000000001`,
          },
          { Protocol: 'email', Endpoint: 'a@example.ma', SubscriptionArn: 'PendingConfirmation' },
        ],
        NextToken: 'next',
      },
      { Subscriptions: [{ Protocol: 'https', Endpoint: 'https://hooks.example', SubscriptionArn: `${TOPIC}:x` }] },
    ];
    let call = 0;
    const paged = { send: async () => pages[call++] } as unknown as SNSClient;
    expect(await listPeople(paged, TOPIC)).toEqual([
      { subscriptionId: '0f5c1b6e-1111-4a4a-9a9a-000000000001', kind: 'sms', to: '+212661223344', pending: false },
      { kind: 'email', to: 'a@example.ma', pending: true },
    ]);
    expect(call).toBe(2);
  });

  it('answers a new address pending, and a new phone with its id', async () => {
    expect(
      await subscribePerson(client({ SubscriptionArn: 'pending confirmation' }), TOPIC, 'email', 'a@example.ma'),
    ).toEqual({
      kind: 'email',
      to: 'a@example.ma',
      pending: true,
    });
    expect(
      await subscribePerson(
        client({ SubscriptionArn: `${TOPIC}:0f5c1b6e-2222-4a4a-9a9a-000000000002` }),
        TOPIC,
        'sms',
        '+212661223344',
      ),
    ).toEqual({
      subscriptionId: '0f5c1b6e-2222-4a4a-9a9a-000000000002',
      kind: 'sms',
      to: '+212661223344',
      pending: false,
    });
  });
});
